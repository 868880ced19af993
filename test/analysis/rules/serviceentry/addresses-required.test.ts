import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const se = (spec: any, annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'ServiceEntry',
  metadata: { name: 'db', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { hosts: ['db.example.com'], resolution: 'DNS', ...spec },
});
const run = (m: any[], meshConfig?: any) => MeshAnalysis.analyze(m, { rules: ['IST0134'], meshConfig }).active;
const codes = (m: any[], meshConfig?: any) => run(m, meshConfig).map((f) => `${f.code} ${f.resource}`);

describe('IST0134 ServiceEntryAddressesRequired', () => {
  test.each(['TCP', 'tcp', undefined])('reports a %s port without addresses', (protocol) => {
    expect(codes([se({ ports: [{ number: 5432, name: 'db', ...(protocol ? { protocol } : {}) }] })])).toEqual(['IST0134 ServiceEntry shop/db']);
    expect(run([se({ ports: [{ number: 5432, name: 'db', protocol }] })])[0].message).toContain('5432');
  });
  test('accepts addresses, HTTP ports, and DNS auto-allocation', () => {
    expect(codes([se({ addresses: ['10.1.1.1'], ports: [{ number: 5432, name: 'db', protocol: 'TCP' }] })])).toEqual([]);
    expect(codes([se({ ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] })])).toEqual([]);
    const mesh = { defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true', ISTIO_META_DNS_AUTO_ALLOCATE: 'true' } } };
    expect(codes([se({ ports: [{ number: 5432, name: 'db', protocol: 'TCP' }] })], mesh)).toEqual([]);
  });
  test('still reports when DNS capture is off', () => {
    const mesh = { defaultConfig: { proxyMetadata: { ISTIO_META_DNS_AUTO_ALLOCATE: 'true' } } };
    expect(codes([se({ ports: [{ number: 5432, name: 'db' }] })], mesh)).toEqual(['IST0134 ServiceEntry shop/db']);
  });
  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0134', reason: 'only one TCP entry in the mesh' }]) };
    expect(codes([se({ ports: [{ number: 5432, name: 'db' }] }, annotations)])).toEqual([]);
  });
});
