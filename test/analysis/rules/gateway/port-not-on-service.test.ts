import { findings, gateway, gatewayWorkload, messages, server, suppress, suppressed } from './_fixtures';
import { GATEWAY_PORT_NOT_ON_SERVICE as RULE } from '../../../../lib/analysis/rules/gateway/port-not-on-service';

const custom = gatewayWorkload('private', { app: 'private-gw' }, [[80, 8080]]);

describe('IST0162 GatewayPortNotDefinedOnService', () => {
  test('reports a server port the default ingress Service does not offer', () => {
    const manifests = [gateway('edge', { istio: 'ingressgateway' }, [server(80, ['*']), server(8004, ['*'])])];
    expect(findings(RULE, manifests)).toEqual(['IST0162 Gateway istio-system/edge']);
    expect(messages(RULE, manifests)[0]).toContain('listens on port 8004');
  });

  test("reports a server port missing from a custom gateway's Service", () => {
    expect(findings(RULE, [...custom, gateway('edge', { app: 'private-gw' }, [server(9000, ['*'])])])).toEqual(['IST0162 Gateway istio-system/edge']);
  });

  test('accepts the targetPort or the port of the gateway Service', () => {
    expect(findings(RULE, [...custom, gateway('edge', { app: 'private-gw' }, [server(8080, ['*']), server(80, ['*'])])])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [gateway('edge', { istio: 'ingressgateway' }, [server(8004, ['*'])], 'istio-system', suppress('IST0162'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0162 Gateway istio-system/edge']);
  });
});
