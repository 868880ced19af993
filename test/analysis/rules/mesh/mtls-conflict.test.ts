import { codes, deployment, destinationRule, namespace, peerAuthentication, run, service, suppress, suppressed } from './_fixtures';

const api = deployment('api', { app: 'api' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const svc = service('api', { app: 'api' });
const base = [namespace('shop'), api, svc];
const tls = (mode: string) => ({ trafficPolicy: { tls: { mode } } });
const strict = peerAuthentication('default', { mtls: { mode: 'STRICT' } });

describe('CI0001 DestinationRuleTlsConflictsWithStrictMtls', () => {
  test('reports destination-level DISABLE towards a namespace-wide STRICT PeerAuthentication', () => {
    const m = [...base, strict, destinationRule('api', { host: 'api', ...tls('DISABLE') })];
    expect(codes('CI0001', m)).toEqual(['CI0001 DestinationRule shop/api']);
    const [finding] = run('CI0001', m);
    expect(finding.level).toBe('error');
    expect(finding.message).toContain('TLS mode DISABLE (destination level) for Service shop/api port 80 (http)');
    expect(finding.message).toContain('PeerAuthentication shop/default sets mTLS mode STRICT for Deployment shop/api');
  });

  test('reports port-level SIMPLE towards a mesh-wide STRICT PeerAuthentication in the root namespace', () => {
    const m = [...base, peerAuthentication('mesh', { mtls: { mode: 'STRICT' } }, 'istio-system'),
      destinationRule('api', { host: 'api.shop.svc.cluster.local', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] } })];
    expect(codes('CI0001', m)).toEqual(['CI0001 DestinationRule shop/api']);
    expect(run('CI0001', m)[0].message).toContain('TLS mode SIMPLE (port 80)');
    expect(run('CI0001', m)[0].message).toContain('PeerAuthentication istio-system/mesh');
  });

  test('takes the root namespace from the mesh config', () => {
    const m = [...base, peerAuthentication('mesh', { mtls: { mode: 'STRICT' } }, 'mesh-root'), destinationRule('api', { host: 'api', ...tls('DISABLE') })];
    expect(codes('CI0001', m)).toEqual([]);
    expect(codes('CI0001', m, { meshConfig: { rootNamespace: 'mesh-root' } })).toEqual(['CI0001 DestinationRule shop/api']);
  });

  test('reports a workload-level STRICT that overrides a PERMISSIVE namespace, and UNSET that inherits STRICT', () => {
    const permissive = peerAuthentication('default', { mtls: { mode: 'PERMISSIVE' } });
    const workload = (mode: string) => peerAuthentication('api', { selector: { matchLabels: { app: 'api' } }, mtls: { mode } });
    const dr = destinationRule('api', { host: 'api', ...tls('DISABLE') });
    expect(run('CI0001', [...base, permissive, workload('STRICT'), dr])[0].message).toContain('PeerAuthentication shop/api sets mTLS mode STRICT');
    expect(run('CI0001', [...base, strict, workload('UNSET'), dr])[0].message).toContain('PeerAuthentication shop/default sets mTLS mode STRICT');
  });

  test('reports STRICT set by portLevelMtls on the Service\'s target port (named or numbered)', () => {
    const pa = peerAuthentication('api', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'PERMISSIVE' }, portLevelMtls: { 8080: { mode: 'STRICT' } } });
    const dr = destinationRule('api', { host: 'api', ...tls('DISABLE') });
    expect(run('CI0001', [...base, pa, dr])[0].message).toContain('STRICT on that port (portLevelMtls)');
    const named = service('api', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 'http' }]);
    expect(codes('CI0001', [namespace('shop'), api, named, pa, dr])).toEqual(['CI0001 DestinationRule shop/api']);
  });

  test('reports a subset\'s own DISABLE for the subset\'s pods only', () => {
    const v1 = deployment('api-v1', { app: 'api', version: 'v1' });
    const v2 = deployment('api-v2', { app: 'api', version: 'v2' });
    const dr = destinationRule('api', { host: 'api', subsets: [{ name: 'v1', labels: { version: 'v1' }, ...tls('DISABLE') }, { name: 'v2', labels: { version: 'v2' } }] });
    const m = [namespace('shop'), v1, v2, svc, strict, dr];
    expect(codes('CI0001', m)).toEqual(['CI0001 DestinationRule shop/api']);
    expect(run('CI0001', m)[0].message).toContain('(subset v1)');
    expect(run('CI0001', m)[0].message).toContain('Deployment shop/api-v1:');
    expect(run('CI0001', m)[0].message).not.toContain('api-v2');
  });

  test('reports a wildcard host unless a more specific DestinationRule names the Service', () => {
    const wildcard = destinationRule('all', { host: '*.shop.svc.cluster.local', ...tls('DISABLE') });
    expect(codes('CI0001', [...base, strict, wildcard])).toEqual(['CI0001 DestinationRule shop/all']);
    expect(codes('CI0001', [...base, strict, wildcard, destinationRule('api', { host: 'api', ...tls('ISTIO_MUTUAL') })])).toEqual([]);
  });

  test('accepts ISTIO_MUTUAL, no tls, a PERMISSIVE override and a port-level ISTIO_MUTUAL override', () => {
    expect(codes('CI0001', [...base, strict, destinationRule('api', { host: 'api', ...tls('ISTIO_MUTUAL') })])).toEqual([]);
    expect(codes('CI0001', [...base, strict, destinationRule('api', { host: 'api' })])).toEqual([]);
    const dr = destinationRule('api', { host: 'api', ...tls('DISABLE') });
    expect(codes('CI0001', [...base, strict, peerAuthentication('api', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'PERMISSIVE' } }), dr])).toEqual([]);
    expect(codes('CI0001', [...base, strict, peerAuthentication('api', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 8080: { mode: 'PERMISSIVE' } } }), dr]))
      .toEqual([]);
    const override = destinationRule('api', { host: 'api', trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL' } }] } });
    expect(codes('CI0001', [...base, strict, override])).toEqual([]);
  });

  test('accepts workloads out of the mesh, Services the host does not name and STRICT in another namespace', () => {
    const dr = destinationRule('api', { host: 'api', ...tls('DISABLE') });
    const optedOut = deployment('api', { 'app': 'api', 'sidecar.istio.io/inject': 'false' });
    expect(codes('CI0001', [namespace('shop'), optedOut, service('api', { app: 'api' }), strict, dr])).toEqual([]);
    expect(codes('CI0001', [namespace('shop', { 'istio-injection': 'disabled' }), api, svc, strict, dr])).toEqual([]);
    expect(codes('CI0001', [...base, strict, destinationRule('api', { host: 'api', ...tls('DISABLE') }, 'other')])).toEqual([]);
    expect(codes('CI0001', [...base, peerAuthentication('default', { mtls: { mode: 'STRICT' } }, 'other'), dr])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const m = [...base, strict, destinationRule('api', { host: 'api', ...tls('DISABLE') }, 'shop', suppress('CI0001'))];
    expect(codes('CI0001', m)).toEqual([]);
    expect(suppressed('CI0001', m)).toEqual(['CI0001 DestinationRule shop/api accepted for this test case']);
  });
});
