import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const dr = (trafficPolicy: any, extra: any = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'db', namespace: 'payments', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
  spec: { host: 'db.example.com', trafficPolicy, ...(extra.workloadSelector ? { workloadSelector: extra.workloadSelector } : {}) },
});
const codes = (manifests: any[]) => MeshAnalysis.analyze(manifests, { rules: ['IST0128', 'IST0129'] }).active.map((f) => `${f.code} ${f.resource}`);

describe('IST0128/IST0129 NoServerCertificateVerification', () => {
  test.each(['SIMPLE', 'MUTUAL'])('reports %s TLS for the host without caCertificates', (mode) => {
    expect(codes([dr({ tls: { mode } })])).toEqual(['IST0128 DestinationRule payments/db']);
  });

  test('reports SIMPLE TLS on a port without caCertificates', () => {
    expect(codes([dr({ portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] })])).toEqual(['IST0129 DestinationRule payments/db']);
  });

  test.each([
    ['caCertificates', { tls: { mode: 'SIMPLE', caCertificates: '/etc/ca.pem' } }],
    ['ISTIO_MUTUAL', { tls: { mode: 'ISTIO_MUTUAL' } }],
    ['DISABLE', { tls: { mode: 'DISABLE' } }],
  ])('accepts %s', (_, policy) => {
    expect(codes([dr(policy)])).toEqual([]);
  });

  test('accepts credentialName only on a gateway DestinationRule with a workloadSelector', () => {
    expect(codes([dr({ tls: { mode: 'SIMPLE', credentialName: 'db-ca' } }, { workloadSelector: { matchLabels: { istio: 'egressgateway' } } })])).toEqual([]);
    expect(codes([dr({ tls: { mode: 'SIMPLE', credentialName: 'db-ca' } })])).toEqual(['IST0128 DestinationRule payments/db']);
  });

  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0128', reason: 'the server uses a self-signed test cert' }]) };
    expect(codes([dr({ tls: { mode: 'SIMPLE' } }, { annotations })])).toEqual([]);
  });
});
