import { chart, spec, synthOne, validationErrors } from './util';
import { Protocol, ServiceEntry, ServiceEntryLocation, ServiceEntryResolution, WorkloadSelector } from '../../lib';

describe('ServiceEntry', () => {
  test('creates one networking.istio.io/v1 ServiceEntry under the id Resource', () => {
    const c = chart();
    const se = new ServiceEntry(c, 'se', { hosts: ['api.example.com'] });
    const obj = synthOne(c, 'ServiceEntry');
    expect(obj.apiVersion).toBe('networking.istio.io/v1');
    expect(obj.spec).toEqual({ hosts: ['api.example.com'] });
    expect(se.node.findChild('Resource')).toBe(se.apiObject);
  });

  test('renders every prop', () => {
    const c = chart();
    new ServiceEntry(c, 'se', {
      hosts: ['api.example.com', '*.example.org'],
      addresses: ['240.0.0.1', '240.0.0.2'],
      ports: [{ number: 443, name: 'https', protocol: Protocol.TLS, targetPort: 8443 }, { number: 80, name: 'http' }],
      location: ServiceEntryLocation.MESH_EXTERNAL,
      resolution: ServiceEntryResolution.DNS,
      endpoints: [{
        address: 'us.example.com', ports: { https: 9443 }, labels: { region: 'us' }, network: 'n1', locality: 'us-east/a', weight: 3, serviceAccount: 'sa',
      }],
      exportTo: ['.'],
      subjectAltNames: ['spiffe://example.com/api'],
    });
    expect(spec(c, 'ServiceEntry')).toEqual({
      hosts: ['api.example.com', '*.example.org'],
      addresses: ['240.0.0.1', '240.0.0.2'],
      ports: [{ number: 443, name: 'https', protocol: 'TLS', targetPort: 8443 }, { number: 80, name: 'http' }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      endpoints: [{ address: 'us.example.com', ports: { https: 9443 }, labels: { region: 'us' }, network: 'n1', locality: 'us-east/a', weight: 3, serviceAccount: 'sa' }],
      exportTo: ['.'],
      subjectAltNames: ['spiffe://example.com/api'],
    });
  });

  test('renders every resolution and a workload selector', () => {
    for (const resolution of Object.values(ServiceEntryResolution)) {
      const c = chart();
      new ServiceEntry(c, 'se', {
        hosts: ['vm.internal'],
        location: ServiceEntryLocation.MESH_INTERNAL,
        resolution,
        workloadSelector: WorkloadSelector.labels({ app: 'vm' }),
        ports: [{ number: 80, name: 'http', protocol: Protocol.HTTP }],
      });
      expect(spec(c, 'ServiceEntry')).toMatchObject({ resolution, location: 'MESH_INTERNAL', workloadSelector: { labels: { app: 'vm' } } });
    }
  });

  test('adds hosts, ports and endpoints after construction', () => {
    const c = chart();
    const se = new ServiceEntry(c, 'se', { hosts: ['a.example.com'], resolution: ServiceEntryResolution.STATIC });
    se.addHost('b.example.com');
    se.addPort({ number: 80, name: 'http', protocol: Protocol.HTTP });
    se.addEndpoint({ address: '1.1.1.1', ports: { http: 8080 } });
    expect(spec(c, 'ServiceEntry')).toEqual({
      hosts: ['a.example.com', 'b.example.com'],
      resolution: 'STATIC',
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      endpoints: [{ address: '1.1.1.1', ports: { http: 8080 } }],
    });
  });

  describe('errors', () => {
    const make = (props: any) => new ServiceEntry(chart(), 'se', props);

    test('fails on workloadSelector together with endpoints, in props and through addEndpoint', () => {
      const selector = WorkloadSelector.labels({ app: 'vm' });
      expect(() => make({ hosts: ['a.b'], workloadSelector: selector, endpoints: [{ address: '1.1.1.1' }] }))
        .toThrow(/ServiceEntry 'test\/se': 'endpoints' must not be set together with 'workloadSelector'/);
      const se = make({ hosts: ['a.b'], workloadSelector: selector });
      expect(() => se.addEndpoint({ address: '1.1.1.1' })).toThrow(/'endpoints\[0\]' must not be added: the entry selects its endpoints with 'workloadSelector'/);
    });

    test('fails on empty or malformed hosts', () => {
      expect(() => make({ hosts: [] })).toThrow(/'hosts' must not be empty \(received: \[\]\)/);
      expect(() => make({ hosts: ['*'] })).toThrow(/'hosts\[0\]' must name a host, not `\*`/);
      expect(() => make({ hosts: ['a.b'] }).addHost('x y')).toThrow(/'hosts\[1\]' must be a DNS name/);
    });

    test('fails on ports outside 1..65535 and unnamed ports', () => {
      expect(() => make({ hosts: ['a.b'], ports: [{ number: 0, name: '', targetPort: 65536 }] }))
        .toThrow(/has 3 problems[\s\S]*'ports\[0\]\.number' must be a port[\s\S]*'ports\[0\]\.targetPort' must be a port[\s\S]*'ports\[0\]\.name' must not be empty/);
      expect(() => make({ hosts: ['a.b'] }).addPort({ number: 99999, name: 'x' })).toThrow(/'ports\[0\]\.number' must be a port/);
      expect(() => make({ hosts: ['a.b'], endpoints: [{ address: '1.1.1.1', ports: { http: 0 } }] })).toThrow(/'endpoints\[0\]\.ports\.http' must be a port/);
    });

    test('fails on CIDR addresses unless resolution is NONE or STATIC', () => {
      expect(() => make({ hosts: ['a.b'], addresses: ['10.0.0.0/8'], resolution: ServiceEntryResolution.DNS }))
        .toThrow(/'addresses' must not hold CIDR ranges with resolution DNS \(received: \["10.0.0.0\/8"\]\)/);
      expect(() => make({ hosts: ['a.b'], addresses: ['10.0.0.0/8'], resolution: ServiceEntryResolution.STATIC })).not.toThrow();
    });

    test('fails on endpoints without address or with a negative weight', () => {
      expect(() => make({ hosts: ['a.b'], endpoints: [{}] })).toThrow(/'endpoints\[0\]\.address' must be given \(or else 'network'\)/);
      expect(() => make({ hosts: ['a.b'], endpoints: [{ address: '1.1.1.1', weight: -1 }] })).toThrow(/'endpoints\[0\]\.weight' must be a whole number/);
    });

    test('fails at synth on endpoint ports naming no port and duplicate port names', () => {
      const c = chart();
      new ServiceEntry(c, 'se', {
        hosts: ['a.b'], ports: [{ number: 80, name: 'http' }, { number: 81, name: 'http' }], endpoints: [{ address: '1.1.1.1', ports: { htp: 8080 } }],
      });
      const errors = validationErrors(c);
      expect(errors).toContain('\'endpoints[0].ports.htp\' must name a port of the entry (received: "htp"). Use one of the port names: http, http.');
      expect(errors).toContain('\'ports\' must have unique names (received: "http")');
    });
  });
  describe('port protocol (as plain JavaScript passes it)', () => {
    test('accepts the protocol in any letter case Istio reads, and emits it as written', () => {
      const c = chart();
      // Istio parses protocols case-insensitively (pkg/config/protocol/instance.go): Istio's own samples write `tcp`.
      new ServiceEntry(c, 'se', { hosts: ['dummy.github.com'], ports: [{ number: 22, name: 'tcp', protocol: 'tcp' as any }, { number: 6379, name: 'redis', protocol: 'Redis' as any }] });
      expect(spec(c, 'ServiceEntry').ports).toEqual([{ number: 22, name: 'tcp', protocol: 'tcp' }, { number: 6379, name: 'redis', protocol: 'Redis' }]);
    });

    test('fails on a protocol Istio does not know, naming the prop and a near member', () => {
      const c = chart();
      expect(() => new ServiceEntry(c, 'se', { hosts: ['a.example.com'], ports: [{ number: 22, name: 'tcp', protocol: 'tpc' as any }] }))
        .toThrow(/ServiceEntry 'test\/se': 'ports\[0\]\.protocol' must be a protocol Istio knows .* \(received: "tpc"\)\. Use a Protocol member, such as Protocol.HTTP or Protocol.TCP. Did you mean 'TCP'\?/);
      const se = new ServiceEntry(c, 'ok', { hosts: ['b.example.com'] });
      expect(() => se.addPort({ number: 80, name: 'http', protocol: 'web' as any })).toThrow(/'ports\[0\]\.protocol' must be a protocol Istio knows/);
    });
  });
});
