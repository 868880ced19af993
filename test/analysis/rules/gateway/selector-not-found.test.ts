import { findings, gateway, gatewayWorkload, messages, server, suppress, suppressed } from './_fixtures';
import { GATEWAY_SELECTOR_NOT_FOUND as RULE } from '../../../../lib/analysis/rules/gateway/selector-not-found';

const web = [server(80, ['*'])];

describe('IST0101 (IngressGatewayPortAnalyzer) gateway selector matches no workload', () => {
  test('reports a selector no workload carries', () => {
    const manifests = [gateway('edge', { istio: 'ingresstypo' }, web)];
    expect(findings(RULE, manifests)).toEqual(['IST0101 Gateway istio-system/edge']);
    expect(messages(RULE, manifests)[0]).toContain("selector 'istio=ingresstypo' matches no gateway workload");
  });

  test('reports the default selector when the mesh has no default ingress (ingressControllerMode: OFF)', () => {
    expect(findings(RULE, [gateway('edge', { istio: 'ingressgateway' }, web)], { ingressControllerMode: 'OFF' }))
      .toEqual(['IST0101 Gateway istio-system/edge']);
  });

  test('accepts the default ingress gateway and a deployed custom one', () => {
    expect(findings(RULE, [gateway('edge', { istio: 'ingressgateway' }, web)])).toEqual([]);
    expect(findings(RULE, [...gatewayWorkload('private', { app: 'private-gw' }, [[80, 8080]]), gateway('edge', { app: 'private-gw' }, web)]))
      .toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [gateway('edge', { istio: 'ingresstypo' }, web, 'istio-system', suppress('IST0101'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0101 Gateway istio-system/edge']);
  });
});
