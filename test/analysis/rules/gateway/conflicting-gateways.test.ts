import { findings, gateway, gatewayWorkload, messages, server, suppress, suppressed } from './_fixtures';
import { CONFLICTING_GATEWAYS as RULE } from '../../../../lib/analysis/rules/gateway/conflicting-gateways';

const ingress = { istio: 'ingressgateway' };

describe('IST0145 ConflictingGateways', () => {
  test('reports two Gateways with the same selector, port and host', () => {
    const manifests = [gateway('a', ingress, [server(80, ['shop.example.com'])]), gateway('b', ingress, [server(80, ['shop.example.com'])], 'shop')];
    expect(findings(RULE, manifests).sort()).toEqual(['IST0145 Gateway istio-system/a', 'IST0145 Gateway shop/b']);
    expect(messages(RULE, manifests)[0]).toContain('conflicts with shop/b');
  });

  test('reports nested selectors that pick the same workload', () => {
    const labels = { istio: 'ingressgateway', tier: 'public' };
    const manifests = [...gatewayWorkload('public', labels, [[80]]),
      gateway('a', labels, [server(80, ['shop.example.com'])]), gateway('b', ingress, [server(80, ['shop.example.com'])])];
    expect(findings(RULE, manifests).sort()).toEqual(['IST0145 Gateway istio-system/a', 'IST0145 Gateway istio-system/b']);
  });

  test('reports Gateways inside a List', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [gateway('b', ingress, [server(80, ['shop.example.com'])])] };
    expect(findings(RULE, [gateway('a', ingress, [server(80, ['shop.example.com'])]), list]).sort())
      .toEqual(['IST0145 Gateway istio-system/a', 'IST0145 Gateway istio-system/b']);
  });

  test('accepts different ports, hosts, binds or workloads', () => {
    expect(findings(RULE, [gateway('a', ingress, [server(80, ['shop.example.com'])]), gateway('b', ingress, [server(443, ['shop.example.com'])])]))
      .toEqual([]);
    expect(findings(RULE, [gateway('a', ingress, [server(80, ['a.example.com'])]), gateway('b', ingress, [server(80, ['b.example.com'])])]))
      .toEqual([]);
    expect(findings(RULE, [gateway('a', ingress, [{ ...server(80, ['x.com']), bind: '10.0.0.1' }]), gateway('b', ingress, [server(80, ['x.com'])])]))
      .toEqual([]);
    expect(findings(RULE, [gateway('a', ingress, [server(80, ['x.com'])]), gateway('b', { istio: 'egressgateway' }, [server(80, ['x.com'])])]))
      .toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [gateway('a', ingress, [server(80, ['x.com'])], 'istio-system', suppress('IST0145')), gateway('b', ingress, [server(80, ['x.com'])])];
    expect(findings(RULE, manifests)).toEqual(['IST0145 Gateway istio-system/b']);
    expect(suppressed(RULE, manifests)).toEqual(['IST0145 Gateway istio-system/a']);
  });
});
