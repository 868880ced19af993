import { findings, messages, suppress, suppressed, svc, vs } from './_fixtures';
import { DESTINATION_PORT_SELECTOR_REQUIRED as RULE } from '../../../../lib/analysis/rules/virtualservice/destination-port-required';

const route = (destination: any) => ({ http: [{ route: [{ destination }] }] });

describe('IST0112 VirtualServiceDestinationPortSelectorRequired', () => {
  test('reports a destination without a port to a Service with two ports', () => {
    const manifests = [svc('reviews', [80, 443]), vs('r', route({ host: 'reviews' }))];
    expect(findings(RULE, manifests)).toEqual(['IST0112 VirtualService payments/r']);
    expect(messages(RULE, manifests)[0]).toContain('exposes ports 80, 443');
  });

  test('reports a mirror without a port to a Service with two ports', () => {
    const manifests = [svc('reviews', [80]), svc('shadow', [80, 443]),
      vs('r', { http: [{ route: [{ destination: { host: 'reviews' } }], mirror: { host: 'shadow' } }] })];
    expect(findings(RULE, manifests)).toEqual(['IST0112 VirtualService payments/r']);
  });

  test('accepts a port, or a Service with one port', () => {
    expect(findings(RULE, [svc('reviews', [80, 443]), vs('r', route({ host: 'reviews', port: { number: 80 } }))])).toEqual([]);
    expect(findings(RULE, [svc('reviews', [80]), vs('r', route({ host: 'reviews' }))])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [svc('reviews', [80, 443]), vs('r', route({ host: 'reviews' }), 'payments', suppress('IST0112'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0112 VirtualService payments/r']);
  });
});
