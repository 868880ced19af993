import { codes, pod, run, suppress, telemetry } from './_fixtures';

const sel = (labels: any) => ({ selector: { matchLabels: labels } });

describe('IST0159 ConflictingTelemetryWorkloadSelectors', () => {
  test('reports each Telemetry that selects a shared workload', () => {
    const m = [pod('shop', { app: 'a', v: '1' }), telemetry('t1', 'shop', sel({ app: 'a' })), telemetry('t2', 'shop', sel({ v: '1' }))];
    expect(codes('IST0159', m)).toEqual(['IST0159 Telemetry shop/t1', 'IST0159 Telemetry shop/t2']);
    expect(run('IST0159', m)[0].message).toContain('[t1, t2]');
  });
  test('accepts disjoint selectors', () => {
    expect(codes('IST0159', [pod('shop', { app: 'a' }), telemetry('t1', 'shop', sel({ app: 'a' })), telemetry('t2', 'shop', sel({ app: 'b' }))])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    const m = [pod('shop', { app: 'a' }), telemetry('t1', 'shop', sel({ app: 'a' }), suppress('IST0159')), telemetry('t2', 'shop', sel({ app: 'a' }), suppress('IST0159'))];
    expect(codes('IST0159', m)).toEqual([]);
  });
});
