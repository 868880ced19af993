import { chart, spec, synthOne, validationErrors } from './util';
import { Gateway, Protocol, ServerTls, ServerTlsMode, TlsProtocolVersion, WorkloadSelector } from '../../lib';

const ingress = WorkloadSelector.labels({ istio: 'ingressgateway' });
const http = { port: { number: 80, name: 'http', protocol: Protocol.HTTP }, hosts: ['*'] };

describe('Gateway', () => {
  test('ServerTls.options tells the settings given besides the mode, as a copy', () => {
    const tls = ServerTls.simple({ credentialName: 'shop-cert', minProtocolVersion: TlsProtocolVersion.TLSV1_2 });
    expect(tls.mode).toBe(ServerTlsMode.SIMPLE);
    expect(tls.options).toEqual({ credentialName: 'shop-cert', minProtocolVersion: TlsProtocolVersion.TLSV1_2 });
    expect(ServerTls.passthrough().options).toEqual({});
  });

  test('creates one networking.istio.io/v1 Gateway under the id Resource with its selector and servers', () => {
    const c = chart();
    const gw = new Gateway(c, 'gw', { selector: ingress, servers: [http] });
    const obj = synthOne(c, 'Gateway');
    expect(obj.apiVersion).toBe('networking.istio.io/v1');
    expect(obj.spec).toEqual({ selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] });
    expect(gw.node.findChild('Resource')).toBe(gw.apiObject);
  });

  test('routesNamespace prefixes the hosts written without a namespace part; hosts with one stay as written', () => {
    const c = chart();
    const gw = new Gateway(c, 'gw', { selector: ingress, routesNamespace: 'payments', servers: [{ ...http, hosts: ['pay.example.com', '*/open.example.com'] }] });
    gw.addServer({ port: { number: 8080, name: 'http-alt', protocol: Protocol.HTTP }, hosts: ['./local.example.com', 'alt.example.com'] });
    expect(spec(c, 'Gateway').servers.map((s: any) => s.hosts)).toEqual([
      ['payments/pay.example.com', '*/open.example.com'],
      ['./local.example.com', 'payments/alt.example.com'],
    ]);
    expect(() => new Gateway(chart(), 'bad', { selector: ingress, routesNamespace: 'Pay/ments', servers: [http] }))
      .toThrow(/'routesNamespace' must be a namespace name or '\.'/);
  });

  test('renders every server field and adds servers after construction', () => {
    const c = chart();
    const gw = new Gateway(c, 'gw', { selector: ingress });
    gw.addServer({
      port: { number: 8443, name: 'https', protocol: Protocol.HTTPS, targetPort: 443 },
      hosts: ['bookinfo/*.example.com', './a.example.com', '*/b.example.com'],
      bind: '0.0.0.0',
      defaultEndpoint: '127.0.0.1:8080',
      name: 'main',
      tls: ServerTls.simple({
        credentialName: 'cert',
        minProtocolVersion: TlsProtocolVersion.TLSV1_2,
        maxProtocolVersion: TlsProtocolVersion.TLSV1_3,
        cipherSuites: ['ECDHE-ECDSA-AES256-GCM-SHA384'],
        subjectAltNames: ['a'],
      }),
    });
    expect(spec(c, 'Gateway').servers).toEqual([{
      port: { number: 8443, name: 'https', protocol: 'HTTPS', targetPort: 443 },
      hosts: ['bookinfo/*.example.com', './a.example.com', '*/b.example.com'],
      bind: '0.0.0.0',
      defaultEndpoint: '127.0.0.1:8080',
      name: 'main',
      tls: {
        mode: 'SIMPLE',
        credentialName: 'cert',
        minProtocolVersion: 'TLSV1_2',
        maxProtocolVersion: 'TLSV1_3',
        cipherSuites: ['ECDHE-ECDSA-AES256-GCM-SHA384'],
        subjectAltNames: ['a'],
      },
    }]);
  });

  test('renders each TLS mode', () => {
    const cases: Array<[ServerTls, any]> = [
      [ServerTls.simple({ serverCertificate: '/c.pem', privateKey: '/k.pem' }), { mode: 'SIMPLE', serverCertificate: '/c.pem', privateKey: '/k.pem' }],
      [ServerTls.simple({ credentialNames: ['rsa', 'ecdsa'] }), { mode: 'SIMPLE', credentialNames: ['rsa', 'ecdsa'] }],
      [ServerTls.mutual({ credentialName: 'c' }), { mode: 'MUTUAL', credentialName: 'c' }],
      [ServerTls.mutual({ serverCertificate: '/c', privateKey: '/k', caCertificates: '/ca', caCrl: '/crl' }),
        { mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k', caCertificates: '/ca', caCrl: '/crl' }],
      [ServerTls.optionalMutual({ credentialName: 'c' }), { mode: 'OPTIONAL_MUTUAL', credentialName: 'c' }],
      [ServerTls.passthrough(), { mode: 'PASSTHROUGH' }],
      [ServerTls.autoPassthrough(), { mode: 'AUTO_PASSTHROUGH' }],
      [ServerTls.istioMutual(), { mode: 'ISTIO_MUTUAL' }],
      [ServerTls.istioMutual(['spiffe://cluster.local/ns/a/sa/b']), { mode: 'ISTIO_MUTUAL', subjectAltNames: ['spiffe://cluster.local/ns/a/sa/b'] }],
    ];
    for (const [tls, expected] of cases) {
      const c = chart();
      new Gateway(c, 'gw', { selector: ingress, servers: [{ port: { number: 443, name: 'tls', protocol: Protocol.TLS }, hosts: ['*'], tls }] });
      expect(spec(c, 'Gateway').servers[0].tls).toEqual(expected);
    }
    const c = chart();
    new Gateway(c, 'gw', { selector: ingress, servers: [{ ...http, tls: ServerTls.httpsRedirect() }] });
    expect(spec(c, 'Gateway').servers[0].tls).toEqual({ httpsRedirect: true });
    expect(ServerTls.httpsRedirect().mode).toBeUndefined();
    expect(ServerTls.passthrough().mode).toBe(ServerTlsMode.PASSTHROUGH);
  });

  describe('errors', () => {
    const make = (props: any) => new Gateway(chart(), 'gw', props);

    test('fails on an HTTPS or TLS server without tls', () => {
      expect(() => make({ selector: ingress, servers: [{ port: { number: 443, name: 'https', protocol: Protocol.HTTPS }, hosts: ['*'] }] }))
        .toThrow(/Gateway 'test\/gw': 'servers\[0\]\.tls' must be given for a HTTPS port \(received: undefined\)\. Give tls: ServerTls.simple/);
      expect(() => make({ selector: ingress, servers: [{ port: { number: 443, name: 'tls', protocol: Protocol.TLS }, hosts: ['*'], tls: ServerTls.httpsRedirect() }] }))
        .toThrow(/'servers\[0\]\.tls' must be given for a TLS port/);
    });

    test('fails on ports outside 1..65535, empty names and unknown protocols, collecting them', () => {
      expect(() => make({ selector: ingress, servers: [{ port: { number: 0, name: '', protocol: 'FTP', targetPort: 70000 }, hosts: ['*'] }] }))
        .toThrow(/has 4 problems[\s\S]*'servers\[0\]\.port\.number' must be a port[\s\S]*'servers\[0\]\.port\.targetPort' must be a port[\s\S]*'servers\[0\]\.port\.name' must not be empty[\s\S]*'servers\[0\]\.port\.protocol' must be a protocol Istio knows/);
    });

    test('fails on empty or malformed hosts', () => {
      expect(() => make({ selector: ingress, servers: [{ ...http, hosts: [] }] })).toThrow(/'servers\[0\]\.hosts' must not be empty/);
      expect(() => make({ selector: ingress, servers: [{ ...http, hosts: ['Bad_NS/a.com'] }] })).toThrow(/'servers\[0\]\.hosts\[0\]' must have a namespace/);
      expect(() => make({ selector: ingress, servers: [{ ...http, hosts: ['ns/a b'] }] })).toThrow(/'servers\[0\]\.hosts\[0\]' must be a DNS name/);
      const gw = make({ selector: ingress });
      expect(() => gw.addServer({ ...http, hosts: [''] })).toThrow(/'servers\[0\]\.hosts\[0\]' must not be empty/);
    });

    test('fails without a selector, and at synth without servers', () => {
      expect(() => make({})).toThrow(/'selector' is required \(received: undefined\)/);
      const c = chart();
      new Gateway(c, 'gw', { selector: ingress });
      expect(validationErrors(c)).toContain('Gateway \'test/gw\': \'servers\' must not be empty');
    });

    test('fails when a terminating TLS mode lacks its certificates', () => {
      expect(() => ServerTls.simple({})).toThrow(/ServerTls.simple: 'options.credentialName' must be set: SIMPLE TLS needs a server certificate and its key/);
      expect(() => ServerTls.simple({ serverCertificate: '/c' })).toThrow(/'options.privateKey' must be set/);
      expect(() => ServerTls.mutual({ privateKey: '/k' })).toThrow(/ServerTls.mutual has 2 problems[\s\S]*'options.serverCertificate' must be set/);
      expect(() => ServerTls.mutual({ serverCertificate: '/c', privateKey: '/k' })).toThrow(/'options.caCertificates' must be set: MUTUAL TLS verifies client certificates/);
      expect(() => ServerTls.optionalMutual({ credentialName: 'a', serverCertificate: '/c' })).toThrow(/'options.serverCertificate' must not be set together with a credential Secret/);
      expect(() => ServerTls.simple({ credentialName: 'a', credentialNames: ['b'] })).toThrow(/'options.credentialNames' must not be set together with 'credentialName'/);
    });
  });
  test('accepts a lower-case protocol from plain JavaScript, as Istio does, and still asks TLS of a lower-case https port', () => {
    const c = chart();
    new Gateway(c, 'gw', { selector: WorkloadSelector.labels({ istio: 'ingressgateway' }), servers: [{ port: { number: 31400, name: 'tcp', protocol: 'tcp' as any }, hosts: ['*'] }] });
    expect(spec(c, 'Gateway').servers[0].port).toEqual({ number: 31400, name: 'tcp', protocol: 'tcp' });
    expect(() => new Gateway(c, 'gw2', { selector: WorkloadSelector.labels({ istio: 'ingressgateway' }), servers: [{ port: { number: 443, name: 'https', protocol: 'https' as any }, hosts: ['*'] }] }))
      .toThrow(/'servers\[0\]\.tls' must be given for a https port/);
  });
});
