import { Testing } from 'cdk8s';
import { BackendRef, GatewayTcpRoute, ParentRef } from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

const gatewayParent = (sectionName: string) => [ParentRef.gateway('edge', { sectionName })];

describe('GatewayTcpRoute', () => {
  test('renders a v1alpha2 TCPRoute with weighted backends under the id Resource', () => {
    const c = Testing.chart();
    const route = new GatewayTcpRoute(c, 'tcp-echo', {
      metadata: { name: 'tcp-echo' },
      parentRefs: gatewayParent('tcp-31400'),
      rules: [{ backendRefs: [BackendRef.service('tcp-echo-v1', { port: 9000, weight: 80 }), BackendRef.service('tcp-echo-v2', { port: 9000, weight: 20 })] }],
    });
    const obj = findObject(Testing.synth(c), 'TCPRoute', 'tcp-echo');
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1alpha2');
    expect(obj.spec).toEqual({
      parentRefs: [{ name: 'edge', sectionName: 'tcp-31400' }],
      rules: [{ backendRefs: [{ name: 'tcp-echo-v1', port: 9000, weight: 80 }, { name: 'tcp-echo-v2', port: 9000, weight: 20 }] }],
    });
    expect(route.node.findChild('Resource')).toBe(route.apiObject);
  });

  test('records that it needs the experimental CRDs and the alpha flag, as construct metadata', () => {
    const c = Testing.chart();
    const route = new GatewayTcpRoute(c, 'r', { parentRefs: gatewayParent('tcp'), rules: [{ backendRefs: [BackendRef.service('a', { port: 1 })] }] });
    expect(route.node.metadata.map((m) => `${m.type}: ${m.data}`)).toEqual([`cdk8s-istio:warning: ${GatewayTcpRoute.REQUIREMENT}`]);
    expect(GatewayTcpRoute.REQUIREMENT).toContain('PILOT_ENABLE_ALPHA_GATEWAY_API=true');
  });

  test('adds rules after construction, named', () => {
    const c = Testing.chart();
    const route = new GatewayTcpRoute(c, 'r', { metadata: { name: 'r' }, parentRefs: gatewayParent('tcp') });
    expect(route.addRule({ name: 'all', backendRefs: [BackendRef.service('db', { port: 5432 })] })).toBe(0);
    expect(findObject(Testing.synth(c), 'TCPRoute', 'r').spec.rules).toEqual([{ name: 'all', backendRefs: [{ name: 'db', port: 5432 }] }]);
  });

  test('fails without parents, without backends, with every weight 0, and at synth without rules', () => {
    const c = Testing.chart();
    expect(errorOf(() => new GatewayTcpRoute(c, 'a', { parentRefs: [], rules: [{ backendRefs: [] }] })))
      .toMatch(/GatewayTcpRoute 'test\/a' has 2 problems[\s\S]*'parentRefs' must hold 1 to 32 parents[\s\S]*'rules\[0\]\.backendRefs' must hold 1 to 16 backends/);
    const zero = [BackendRef.service('a', { port: 1, weight: 0 }), BackendRef.service('b', { port: 1, weight: 0 })];
    expect(errorOf(() => new GatewayTcpRoute(c, 'b', { parentRefs: gatewayParent('tcp'), rules: [{ backendRefs: zero }] })))
      .toContain('\'rules[0].backendRefs\' must not all have weight 0');
    const chart = Testing.chart();
    new GatewayTcpRoute(chart, 'empty', { parentRefs: gatewayParent('tcp') });
    expect(errorOf(() => Testing.synth(chart))).toContain('\'rules\' must hold 1 to 16 rules');
  });

  test('fails with the standard error when plain JavaScript leaves the props out', () => {
    const c = Testing.chart();
    expect(errorOf(() => new (GatewayTcpRoute as any)(c, 'js'))).toContain('GatewayTcpRoute \'test/js\': \'parentRefs\' must hold 1 to 32 parents (received: undefined)');
  });
});
