import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const dr = (trafficPolicy: any, annotations?: Record<string, string>) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'db', namespace: 'payments', ...(annotations ? { annotations } : {}) },
  spec: { host: 'db.example.com', trafficPolicy },
});
const codes = (manifests: any[]) => MeshAnalysis.analyze(manifests, { rules: ['IST0128', 'IST0129'] }).active.map((f) => `${f.code} ${f.resource}`);

describe('IST0128 NoServerCertificateVerificationDestinationLevel (Istio 1.30 semantics)', () => {
  test.each(['SIMPLE', 'MUTUAL'])('reports %s TLS for the host with insecureSkipVerify: true', (mode) => {
    expect(codes([dr({ tls: { mode, insecureSkipVerify: true } })])).toEqual(['IST0128 DestinationRule payments/db']);
  });

  test('names the host, the mode and the missing verification', () => {
    const [finding] = MeshAnalysis.analyze([dr({ tls: { mode: 'SIMPLE', insecureSkipVerify: true } })], { rules: ['destinationrule/ca-certificate'] }).active;
    expect(finding.rule).toBe('destinationrule/ca-certificate');
    expect(finding.message).toContain('sets insecureSkipVerify with TLS mode SIMPLE for host db.example.com: the server\'s certificate is not verified');
    expect(finding.message).not.toContain('at port');
  });

  // VERIFY_CERTIFICATE_AT_CLIENT is on by default: an empty caCertificates means the OS trust store (pilot/pkg/networking/core/cluster.go).
  test.each([
    ['SIMPLE without caCertificates (system trust store)', { tls: { mode: 'SIMPLE' } }],
    ['MUTUAL without caCertificates', { tls: { mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem' } }],
    ['caCertificates', { tls: { mode: 'SIMPLE', caCertificates: '/etc/ca.pem' } }],
    ['insecureSkipVerify: false', { tls: { mode: 'SIMPLE', insecureSkipVerify: false } }],
    ['ISTIO_MUTUAL', { tls: { mode: 'ISTIO_MUTUAL' } }],
    ['DISABLE', { tls: { mode: 'DISABLE' } }],
  ])('accepts %s', (_, policy) => {
    expect(codes([dr(policy)])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0128', reason: 'the server uses a self-signed test cert' }]) };
    expect(codes([dr({ tls: { mode: 'SIMPLE', insecureSkipVerify: true } }, annotations)])).toEqual([]);
  });
});
