import { codes, pod, run, suppress, telemetry } from './_fixtures';

const sel = (app: string) => ({ selector: { matchLabels: { app } } });

describe('IST0101 ReferencedResourceNotFound (Telemetry)', () => {
  test('reports a selector that matches nothing in its namespace', () => {
    expect(codes('IST0101', [pod('other', { app: 'a' }), telemetry('t', 'shop', sel('a'))])).toEqual(['IST0101 Telemetry shop/t']);
    expect(run('IST0101', [telemetry('t', 'shop', sel('a'))])[0].message).toContain('app=a');
  });
  test('accepts a matching selector and a Telemetry without one', () => {
    expect(codes('IST0101', [pod('shop', { app: 'a' }), telemetry('t', 'shop', sel('a')), telemetry('d', 'shop')])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0101', [telemetry('t', 'shop', sel('a'), suppress('IST0101'))])).toEqual([]);
  });
});
