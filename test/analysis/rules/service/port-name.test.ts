import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const svc = (namespace: string, port: any, extra: any = {}) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace, ...extra.metadata }, spec: { ports: [port], ...extra.spec },
});
const codes = (manifests: any[]) => MeshAnalysis.analyze(manifests, { rules: ['IST0118', 'IST0150'] }).active.map((f) => `${f.code} ${f.resource}`);

describe('IST0118 PortNameIsNotUnderNamingConvention', () => {
  test.each(['web', '', 'tcpfoo'])('reports a port named %p', (name) => {
    expect(codes([svc('payments', { name, port: 80 })])).toEqual(['IST0118 Service payments/api']);
  });

  test.each(['http', 'http-web', 'grpc', 'tcp-db', 'HTTP2-x', 'tls', 'https-api', 'grpc-web', 'mongo', 'redis', 'mysql', 'udp-dns'])('accepts a port named %p', (name) => {
    expect(codes([svc('payments', { name, port: 80 })])).toEqual([]);
  });

  test('accepts an unnamed port with appProtocol', () => {
    expect(codes([svc('payments', { appProtocol: 'http', port: 80 })])).toEqual([]);
  });

  test('skips system namespaces and the mesh root namespace', () => {
    expect(codes(['kube-system', 'kube-public', 'istio-system'].map((ns) => svc(ns, { name: 'web', port: 80 })))).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify({ id: 'IST0118', reason: 'port name fixed by the vendor chart' }) };
    expect(codes([svc('payments', { name: 'web', port: 80 }, { metadata: { annotations } })])).toEqual([]);
  });
});

describe('IST0150 ExternalNameServiceTypeInvalidPortName', () => {
  const ext = (name: string) => svc('payments', { name, port: 443 }, { spec: { type: 'ExternalName', externalName: 'api.example.com' } });

  test.each(['tcp', 'tcp-api', 'web'])('reports an ExternalName port named %p', (name) => {
    expect(codes([ext(name)])).toEqual(['IST0150 Service payments/api']);
  });

  test.each(['https', 'http-api', 'tls'])('accepts an ExternalName port named %p', (name) => {
    expect(codes([ext(name)])).toEqual([]);
  });
});
