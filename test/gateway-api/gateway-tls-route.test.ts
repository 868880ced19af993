import { Testing } from 'cdk8s';
import { BackendRef, GatewayTlsRoute, ParentRef } from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

const gatewayParent = (sectionName: string) => [ParentRef.gateway('edge', { sectionName })];

describe('GatewayTlsRoute', () => {
  test('renders a v1 TLSRoute with SNI host names and one rule', () => {
    const c = Testing.chart();
    const route = new GatewayTlsRoute(c, 'nginx', {
      metadata: { name: 'nginx' },
      parentRefs: gatewayParent('tls'),
      hostnames: ['nginx.example.com'],
      backendRefs: [BackendRef.service('my-nginx', { port: 443 })],
      ruleName: 'sni',
    });
    const obj = findObject(Testing.synth(c), 'TLSRoute', 'nginx');
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(obj.spec).toEqual({
      parentRefs: [{ name: 'edge', sectionName: 'tls' }],
      hostnames: ['nginx.example.com'],
      rules: [{ name: 'sni', backendRefs: [{ name: 'my-nginx', port: 443 }] }],
    });
    route.replaceBackends([BackendRef.service('a', { port: 443, weight: 90 }), BackendRef.service('b', { port: 443, weight: 10 })]);
    expect(findObject(Testing.synth(c), 'TLSRoute', 'nginx').spec.rules[0].backendRefs.map((b: any) => b.weight)).toEqual([90, 10]);
  });

  test('fails without host names (TLSRoute v1 requires one), with an upper-case host, and without backends', () => {
    const c = Testing.chart();
    const message = errorOf(() => new GatewayTlsRoute(c, 't', { parentRefs: gatewayParent('tls'), hostnames: [], backendRefs: [] }));
    expect(message).toContain('\'hostnames\' must hold at least one SNI host name: a TLSRoute routes by SNI (received: [])');
    expect(message).toContain('\'backendRefs\' must hold 1 to 16 backends (received: 0)');
    expect(errorOf(() => new GatewayTlsRoute(c, 'u', { parentRefs: gatewayParent('tls'), hostnames: ['Shop.example.com'], backendRefs: [BackendRef.service('a', { port: 1 })] })))
      .toContain('\'hostnames[0]\' must be a lower-case host name');
  });
});
