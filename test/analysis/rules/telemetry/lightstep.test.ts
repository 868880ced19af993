import { run, suppress, telemetry } from './_fixtures';

const mesh = { extensionProviders: [{ name: 'ls', lightstep: { service: 'x', port: 8080 } }, { name: 'otel', opentelemetry: { service: 'y', port: 4317 } }] };
const tracing = (name: string) => ({ tracing: [{ providers: [{ name }] }] });
const lightstep = (m: any[], meshConfig?: any) => run('IST0002', m, meshConfig).filter((f) => f.message.includes('Lightstep')).map((f) => `${f.code} ${f.resource}`);

describe('IST0002 Deprecated (Lightstep provider)', () => {
  test('reports tracing to a Lightstep provider', () => {
    expect(lightstep([telemetry('t', 'shop', tracing('ls'))], mesh)).toEqual(['IST0002 Telemetry shop/t']);
  });
  test('accepts other providers, and meshes without Lightstep', () => {
    expect(lightstep([telemetry('t', 'shop', tracing('otel'))], mesh)).toEqual([]);
    expect(lightstep([telemetry('t', 'shop', tracing('ls'))])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(lightstep([telemetry('t', 'shop', tracing('ls'), suppress('IST0002'))], mesh)).toEqual([]);
  });
});
