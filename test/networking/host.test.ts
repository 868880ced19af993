import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Protocol, ServiceHost } from '../../lib';

describe('ServiceHost', () => {
  test('accepts short names, FQDNs, wildcards and *', () => {
    for (const host of ['reviews', 'reviews.bookinfo.svc.cluster.local', '*.example.com', '*', 'a-1.b']) {
      expect(ServiceHost.name(host)._render('x')).toBe(host);
    }
  });

  test('renders an FQDN from a name and a namespace', () => {
    expect(ServiceHost.fqdn('reviews', 'bookinfo')._render(undefined)).toBe('reviews.bookinfo.svc.cluster.local');
    expect(ServiceHost.fqdn('reviews', 'bookinfo', 'corp.local')._render(undefined)).toBe('reviews.bookinfo.svc.corp.local');
  });

  test('renders a kplus.Service by its real name, and as FQDN from another namespace', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const svc = new kplus.Service(chart, 'cart', { ports: [{ port: 80 }] });
    const host = ServiceHost.fromService(svc);
    expect(host._render('shop')).toBe(svc.name);
    expect(host._render('other')).toBe(`${svc.name}.shop.svc.cluster.local`);
    const bare = new kplus.Service(new Chart(Testing.app(), 'd'), 'x', { ports: [{ port: 80 }], metadata: { name: 'x' } });
    expect(ServiceHost.fromService(bare)._render('any')).toBe('x');
  });

  test('fails on empty or malformed hosts', () => {
    expect(() => ServiceHost.name('')).toThrow(/ServiceHost.name: 'host' must not be empty \(received: ""\)/);
    expect(() => ServiceHost.name('a.*')).toThrow(/may hold `\*` only as its whole first label/);
    expect(() => ServiceHost.name('a_b')).toThrow(/must be a DNS name/);
    expect(() => ServiceHost.name('a'.repeat(254))).toThrow(/must be at most 253 characters/);
    expect(() => ServiceHost.fqdn('', 'ns')).toThrow(/ServiceHost.fqdn: 'name'/);
  });
});

describe('Protocol', () => {
  test('carries Istio wire values', () => {
    expect(Protocol.GRPC_WEB).toBe('GRPC-WEB');
    expect(Object.values(Protocol)).toEqual(['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'MONGO', 'TCP', 'TLS', 'UDP']);
  });
});
