import { findings, messages, suppress, suppressed, svc, vs } from './_fixtures';
import { DESTINATION_HOST_NOT_FOUND as RULE } from '../../../../lib/analysis/rules/virtualservice/destination-host-not-found';

const route = (destination: any) => ({ http: [{ route: [{ destination }] }] });
const se = (name: string, hosts: string[], ns: string, extra: any = {}) => ({
  apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name, namespace: ns }, spec: { hosts, ...extra },
});

describe('IST0101 (DestinationHostAnalyzer) destination host not found', () => {
  test('reports a route to a host no Service or ServiceEntry provides', () => {
    expect(findings(RULE, [svc('reviews', [80]), vs('r', route({ host: 'ratings' }))])).toEqual(['IST0101 VirtualService payments/r']);
    expect(messages(RULE, [vs('r', route({ host: 'ratings' }))])[0]).toContain("destination host 'ratings'");
  });

  test('reports a mirror to an unknown host', () => {
    const manifests = [svc('reviews', [80]), vs('r', { http: [{ route: [{ destination: { host: 'reviews' } }], mirror: { host: 'shadow' } }] })];
    expect(findings(RULE, manifests)).toEqual(['IST0101 VirtualService payments/r']);
    expect(messages(RULE, manifests)[0]).toContain("mirror host 'shadow'");
  });

  test('reports a port the Service does not expose', () => {
    const manifests = [svc('reviews', [80]), vs('r', route({ host: 'reviews', port: { number: 999 } }))];
    expect(findings(RULE, manifests)).toEqual(['IST0101 VirtualService payments/r']);
    expect(messages(RULE, manifests)[0]).toContain('has no port 999');
  });

  test('reports a Service not exported to the VirtualService namespace', () => {
    const hidden = svc('reviews', [80], 'payments', { 'networking.istio.io/exportTo': '.' });
    expect(findings(RULE, [hidden, vs('r', route({ host: 'reviews.payments.svc.cluster.local' }), 'shop')])).toEqual(['IST0101 VirtualService shop/r']);
  });

  test('reports a ServiceEntry exported only to its own namespace', () => {
    const entry = se('ext', ['api.example.com'], 'other', { exportTo: ['.'] });
    expect(findings(RULE, [entry, vs('r', route({ host: 'api.example.com' }))])).toEqual(['IST0101 VirtualService payments/r']);
  });

  test.each([
    ['a short name', route({ host: 'reviews' })],
    ['an FQDN', route({ host: 'reviews.payments.svc.cluster.local' })],
    ['a declared port', route({ host: 'reviews', port: { number: 80 } })],
  ])('accepts %s of an existing Service', (_, spec) => {
    expect(findings(RULE, [svc('reviews', [80]), vs('r', spec)])).toEqual([]);
  });

  test('accepts ServiceEntry hosts, wildcards included', () => {
    const entries = [se('ext', ['api.example.com'], 'payments'), se('eu', ['*.eu.example.com'], 'payments')];
    expect(findings(RULE, [...entries, vs('r', route({ host: 'api.example.com' })), vs('eu', route({ host: 'shop.eu.example.com' }))])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [vs('r', route({ host: 'ratings' }), 'payments', suppress('IST0101'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0101 VirtualService payments/r']);
  });
});
