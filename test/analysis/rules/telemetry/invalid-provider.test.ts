import { codes, run, suppress, telemetry } from './_fixtures';

const logging = (entry: any) => ({ accessLogging: [entry] });

describe('IST0157 InvalidTelemetryProvider', () => {
  test('reports access logging without a provider when the mesh has no default', () => {
    expect(codes('IST0157', [telemetry('t', 'shop', logging({}))])).toEqual(['IST0157 Telemetry shop/t']);
    expect(run('IST0157', [telemetry('t', 'shop', logging({}))])[0].message).toContain('no provider');
  });
  test('accepts a named provider, a disabled entry, or a mesh default', () => {
    expect(codes('IST0157', [telemetry('a', 'shop', logging({ providers: [{ name: 'envoy' }] })), telemetry('b', 'shop', logging({ disabled: true }))])).toEqual([]);
    expect(codes('IST0157', [telemetry('t', 'shop', logging({}))], { defaultProviders: { accessLogging: ['envoy'] } })).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0157', [telemetry('t', 'shop', logging({}), suppress('IST0157'))])).toEqual([]);
  });
});
