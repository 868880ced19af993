import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const dr = (trafficPolicy: any, annotations?: Record<string, string>) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'db', namespace: 'payments', ...(annotations ? { annotations } : {}) },
  spec: { host: 'db.example.com', trafficPolicy },
});
const codes = (manifests: any[]) => MeshAnalysis.analyze(manifests, { rules: ['IST0128', 'IST0129'] }).active.map((f) => `${f.code} ${f.resource}`);
const skipOn443 = { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE', insecureSkipVerify: true } }] };

describe('IST0129 NoServerCertificateVerificationPortLevel (Istio 1.30 semantics)', () => {
  test('reports insecureSkipVerify on a port', () => {
    const findings = MeshAnalysis.analyze([dr(skipOn443)], { rules: ['IST0129'] }).active;
    expect(findings.map((f) => `${f.code} ${f.resource}`)).toEqual(['IST0129 DestinationRule payments/db']);
    expect(findings[0].rule).toBe('destinationrule/ca-certificate-port');
    expect(findings[0].message).toContain('at port 443');
  });

  test('reports each port that skips verification, and the host-level setting under IST0128 only', () => {
    const policy = {
      tls: { mode: 'SIMPLE', insecureSkipVerify: true },
      portLevelSettings: [
        { port: { number: 443 }, tls: { mode: 'SIMPLE', insecureSkipVerify: true } },
        { port: { number: 8443 }, tls: { mode: 'MUTUAL', insecureSkipVerify: true } },
      ],
    };
    expect(codes([dr(policy)])).toEqual(['IST0128 DestinationRule payments/db', 'IST0129 DestinationRule payments/db', 'IST0129 DestinationRule payments/db']);
  });

  test.each([
    ['SIMPLE on a port without caCertificates', { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] }],
    ['a port with caCertificates', { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE', caCertificates: '/etc/ca.pem' } }] }],
    ['a port without tls', { portLevelSettings: [{ port: { number: 443 }, connectionPool: { tcp: { maxConnections: 10 } } }] }],
  ])('accepts %s', (_, policy) => {
    expect(codes([dr(policy)])).toEqual([]);
  });

  test('is suppressed by its rule name alone, leaving IST0128', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'destinationrule/ca-certificate-port', reason: 'the test server on 443 is self-signed' }]) };
    expect(codes([dr(skipOn443, annotations)])).toEqual([]);
    expect(codes([dr({ ...skipOn443, tls: { mode: 'SIMPLE', insecureSkipVerify: true } }, annotations)])).toEqual(['IST0128 DestinationRule payments/db']);
  });
});
