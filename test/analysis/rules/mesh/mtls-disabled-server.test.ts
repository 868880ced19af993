import { codes, deployment, destinationRule, namespace, peerAuthentication, run, service, suppress, suppressed } from './_fixtures';

const base = [namespace('shop'), deployment('api', { app: 'api' }), service('api', { app: 'api' })];
const istioMutual = destinationRule('api', { host: 'api', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
const disabled = peerAuthentication('api', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'DISABLE' } });

describe('CI0002 DestinationRuleIstioMutualToDisabledMtls', () => {
  test('reports ISTIO_MUTUAL towards a workload-level DISABLE PeerAuthentication', () => {
    const m = [...base, disabled, istioMutual];
    expect(codes('CI0002', m)).toEqual(['CI0002 DestinationRule shop/api']);
    const [finding] = run('CI0002', m);
    expect(finding.level).toBe('warning');
    expect(finding.message).toContain('TLS mode ISTIO_MUTUAL (destination level)');
    expect(finding.message).toContain('PeerAuthentication shop/api sets mTLS mode DISABLE for Deployment shop/api');
  });

  test('reports port-level ISTIO_MUTUAL towards a namespace-wide or mesh-wide DISABLE', () => {
    const portLevel = destinationRule('api', { host: 'api', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL' } }] } });
    expect(codes('CI0002', [...base, peerAuthentication('default', { mtls: { mode: 'DISABLE' } }), portLevel])).toEqual(['CI0002 DestinationRule shop/api']);
    const m = [...base, peerAuthentication('default', { mtls: { mode: 'DISABLE' } }, 'istio-system'), portLevel];
    expect(run('CI0002', m)[0].message).toContain('(port 80)');
  });

  test('reports a portLevelMtls DISABLE on the target port', () => {
    const pa = peerAuthentication('api', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 8080: { mode: 'DISABLE' } } });
    expect(run('CI0002', [...base, pa, istioMutual])[0].message).toContain('DISABLE on that port (portLevelMtls)');
  });

  test('accepts ISTIO_MUTUAL towards STRICT or PERMISSIVE, and DISABLE towards DISABLE', () => {
    expect(codes('CI0002', [...base, peerAuthentication('default', { mtls: { mode: 'STRICT' } }), istioMutual])).toEqual([]);
    expect(codes('CI0002', [...base, istioMutual])).toEqual([]);
    expect(codes('CI0002', [...base, disabled, destinationRule('api', { host: 'api', trafficPolicy: { tls: { mode: 'DISABLE' } } })])).toEqual([]);
    const namespaceDisabled = peerAuthentication('default', { mtls: { mode: 'DISABLE' } });
    const workloadStrict = peerAuthentication('api', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } });
    expect(codes('CI0002', [...base, namespaceDisabled, workloadStrict, istioMutual])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const m = [...base, disabled, destinationRule('api', { host: 'api', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }, 'shop', suppress('CI0002'))];
    expect(codes('CI0002', m)).toEqual([]);
    expect(suppressed('CI0002', m)).toEqual(['CI0002 DestinationRule shop/api accepted for this test case']);
  });
});
