import { codes, run, suppress, telemetry } from './_fixtures';

describe('IST0160 MultipleTelemetriesWithoutWorkloadSelectors', () => {
  test('reports each selector-less Telemetry of a namespace with several', () => {
    expect(codes('IST0160', [telemetry('a', 'shop'), telemetry('b', 'shop')])).toEqual(['IST0160 Telemetry shop/a', 'IST0160 Telemetry shop/b']);
    expect(run('IST0160', [telemetry('a', 'shop'), telemetry('b', 'shop')])[0].message).toContain('no selector');
  });
  test('accepts one per namespace', () => {
    expect(codes('IST0160', [telemetry('a', 'shop'), telemetry('b', 'other'), telemetry('c', 'shop', { selector: { matchLabels: { app: 'x' } } })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0160', [telemetry('a', 'shop', {}, suppress('IST0160')), telemetry('b', 'shop', {}, suppress('IST0160'))])).toEqual([]);
  });
});
