import { Chart, Duration, Testing } from 'cdk8s';
import { IstioMetric, PolicyTargetRef, TagOverride, Telemetry, TracingTag, WorkloadMode, WorkloadSelector } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'istio-system' });
}

function spec(c: Chart, name: string): any {
  const found = Testing.synth(c).find((o) => o.kind === 'Telemetry' && o.metadata.name === name);
  if (!found) throw new Error(`no Telemetry ${name}`);
  return found.spec;
}

function render(props: ConstructorParameters<typeof Telemetry>[2]): any {
  const c = chart();
  new Telemetry(c, 'telemetry', { metadata: { name: 'telemetry' }, ...props });
  return spec(c, 'telemetry');
}

describe('Telemetry', () => {
  test('creates one telemetry.istio.io/v1 Telemetry as its Resource child', () => {
    const c = chart();
    const telemetry = new Telemetry(c, 'telemetry', { metadata: { name: 'telemetry' }, accessLogging: [{ providers: ['envoy'] }] });
    expect(Testing.synth(c).map((m) => `${m.apiVersion} ${m.kind}`)).toEqual(['telemetry.istio.io/v1 Telemetry']);
    expect(telemetry.apiObject.node.id).toBe('Resource');
    expect(spec(c, 'telemetry')).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }] });
  });

  test('renders access logging: providers, filter, disabled and mode', () => {
    expect(render({
      accessLogging: [{ providers: ['envoy', 'otel'], filter: 'response.code >= 400', disabled: false, mode: WorkloadMode.SERVER }],
    }).accessLogging).toEqual([{
      providers: [{ name: 'envoy' }, { name: 'otel' }], filter: { expression: 'response.code >= 400' }, disabled: false, match: { mode: 'SERVER' },
    }]);
  });

  test('renders tracing: providers, sampling, custom tags, flags and mode', () => {
    expect(render({
      tracing: [{
        providers: ['zipkin'],
        randomSamplingPercentage: 12.5,
        customTags: {
          cluster: TracingTag.literal('east'),
          pod: TracingTag.environment('POD_NAME', 'unknown'),
          node: TracingTag.environment('NODE_NAME'),
          user: TracingTag.header('x-user', 'anonymous'),
          agent: TracingTag.header('user-agent'),
          duration: TracingTag.formatter('%REQUEST_DURATION%'),
        },
        disableSpanReporting: true,
        useRequestIdForTraceSampling: false,
        enableIstioTags: false,
        disableContextPropagation: true,
        mode: WorkloadMode.CLIENT,
      }],
    }).tracing).toEqual([{
      providers: [{ name: 'zipkin' }],
      randomSamplingPercentage: 12.5,
      customTags: {
        cluster: { literal: { value: 'east' } },
        pod: { environment: { name: 'POD_NAME', defaultValue: 'unknown' } },
        node: { environment: { name: 'NODE_NAME' } },
        user: { header: { name: 'x-user', defaultValue: 'anonymous' } },
        agent: { header: { name: 'user-agent' } },
        duration: { formatter: { value: '%REQUEST_DURATION%' } },
      },
      disableSpanReporting: true,
      useRequestIdForTraceSampling: false,
      enableIstioTags: false,
      disableContextPropagation: true,
      match: { mode: 'CLIENT' },
    }]);
  });

  test('renders a sampling percentage of 0, which turns sampling off', () => {
    expect(render({ tracing: [{ randomSamplingPercentage: 0 }] }).tracing).toEqual([{ randomSamplingPercentage: 0 }]);
  });

  test('renders metrics: providers, overrides and the reporting interval', () => {
    expect(render({
      metrics: [{
        providers: ['prometheus'],
        reportingInterval: Duration.seconds(15),
        overrides: [
          { metric: IstioMetric.REQUEST_COUNT, mode: WorkloadMode.CLIENT_AND_SERVER, tagOverrides: { request_host: TagOverride.upsert('request.host'), response_flags: TagOverride.remove() } },
          { metric: IstioMetric.GRPC_RESPONSE_MESSAGES, disabled: true },
          { customMetric: 'my_metric', disabled: false },
          { disabled: true },
        ],
      }],
    }).metrics).toEqual([{
      providers: [{ name: 'prometheus' }],
      reportingInterval: '15s',
      overrides: [
        {
          match: { metric: 'REQUEST_COUNT', mode: 'CLIENT_AND_SERVER' },
          tagOverrides: { request_host: { operation: 'UPSERT', value: 'request.host' }, response_flags: { operation: 'REMOVE' } },
        },
        { match: { metric: 'GRPC_RESPONSE_MESSAGES' }, disabled: true },
        { match: { customMetric: 'my_metric' }, disabled: false },
        { disabled: true },
      ],
    }]);
  });

  test.each(Object.values(IstioMetric))('renders the standard metric %s', (metric) => {
    expect(render({ metrics: [{ overrides: [{ metric, disabled: true }] }] }).metrics[0].overrides[0].match).toEqual({ metric });
  });

  test('renders the selector as selector.matchLabels, or targetRefs', () => {
    expect(render({ selector: WorkloadSelector.labels({ app: 'web' }), tracing: [{ randomSamplingPercentage: 1 }] }).selector)
      .toEqual({ matchLabels: { app: 'web' } });
    expect(render({ targetRefs: [PolicyTargetRef.gateway('ingress')], tracing: [{ randomSamplingPercentage: 1 }] }).targetRefs)
      .toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress' }]);
  });

  test('adds access logging, tracing and metrics after construction', () => {
    const c = chart();
    const telemetry = new Telemetry(c, 'telemetry', { metadata: { name: 'telemetry' } });
    expect(telemetry.node.validate()).toEqual([
      "Telemetry 'test/telemetry': 'accessLogging, tracing, metrics' are all empty, so this Telemetry changes nothing (received: []). "
      + 'Add settings with addAccessLogging(), addTracing() or addMetrics(), or remove the Telemetry.',
    ]);
    telemetry.addAccessLogging({ providers: ['envoy'] });
    telemetry.addTracing({ randomSamplingPercentage: 100 });
    telemetry.addMetrics({ overrides: [{ metric: IstioMetric.ALL_METRICS, disabled: true }] });
    expect(spec(c, 'telemetry')).toEqual({
      accessLogging: [{ providers: [{ name: 'envoy' }] }],
      tracing: [{ randomSamplingPercentage: 100 }],
      metrics: [{ overrides: [{ match: { metric: 'ALL_METRICS' }, disabled: true }] }],
    });
    expect(telemetry.node.validate()).toEqual([]);
  });

  describe('errors', () => {
    test.each([-1, 100.5, NaN])('fails on a sampling percentage of %p', (p) => {
      expect(() => render({ tracing: [{ randomSamplingPercentage: p }] })).toThrow(
        `Telemetry 'test/telemetry': 'tracing[0].randomSamplingPercentage' must be a percentage from 0 to 100 (received: ${String(p)}). Use a number from 0 to 100`);
    });

    test('fails on a bad sampling percentage added later, under its index', () => {
      const telemetry = new Telemetry(chart(), 'telemetry', { tracing: [{ providers: ['zipkin'] }] });
      expect(() => telemetry.addTracing({ randomSamplingPercentage: 140 })).toThrow("'tracing[1].randomSamplingPercentage' must be a percentage from 0 to 100 (received: 140)");
    });

    test('fails on selector together with targetRefs', () => {
      expect(() => render({ selector: WorkloadSelector.labels({ a: 'b' }), targetRefs: [PolicyTargetRef.service('s')], tracing: [{}] }))
        .toThrow("'selector' cannot be set together with 'targetRefs'");
    });

    test('fails on metric together with customMetric', () => {
      const telemetry = new Telemetry(chart(), 'telemetry');
      expect(() => telemetry.addMetrics({ overrides: [{ metric: IstioMetric.REQUEST_COUNT, customMetric: 'x' }] }))
        .toThrow("'metrics[0].overrides[0].customMetric' cannot be set together with metric: Istio accepts only one");
      expect(() => telemetry.addMetrics({ overrides: [{ customMetric: '' }] })).toThrow("'metrics[0].overrides[0].customMetric' must not be empty");
    });

    test('fails on a metric or mode that does not exist, with "Did you mean"', () => {
      expect(() => render({ metrics: [{ overrides: [{ metric: 'REQUEST_COUNTS' as IstioMetric }] }] }))
        .toThrow("'metrics[0].overrides[0].metric' must be one of Istio's standard metrics (received: \"REQUEST_COUNTS\"). Use a member of IstioMetric, or customMetric for a metric of your own. Did you mean 'REQUEST_COUNT'?");
      expect(() => render({ accessLogging: [{ mode: 'SEVER' as WorkloadMode }] })).toThrow("'accessLogging[0].mode' must be one of CLIENT_AND_SERVER, CLIENT, SERVER (received: \"SEVER\"). Use a member of WorkloadMode. Did you mean 'SERVER'?");
      expect(() => render({ tracing: [{ mode: 'x' as WorkloadMode }] })).toThrow("'tracing[0].mode' must be one of");
      expect(() => render({ metrics: [{ overrides: [{ mode: 'x' as WorkloadMode }] }] })).toThrow("'metrics[0].overrides[0].mode' must be one of");
    });

    test('fails on an empty provider name and an empty filter', () => {
      expect(() => render({ accessLogging: [{ providers: [''] }] })).toThrow("'accessLogging[0].providers[0]' must name a provider");
      expect(() => render({ accessLogging: [{ filter: ' ' }] })).toThrow("'accessLogging[0].filter' must be a CEL expression");
      const telemetry = new Telemetry(chart(), 'telemetry');
      expect(() => telemetry.addAccessLogging({ providers: [''] })).toThrow("'accessLogging[0].providers[0]' must name a provider");
    });

    test('fails on tags that are not built with their factories, or are empty', () => {
      expect(() => render({ tracing: [{ customTags: { a: { literal: { value: 'x' } } as any } }] })).toThrow("'tracing[0].customTags.a' must be a TracingTag");
      expect(() => render({ tracing: [{ customTags: { '': TracingTag.literal('x') } }] })).toThrow("'tracing[0].customTags' must not have an empty tag name");
      expect(() => render({ metrics: [{ overrides: [{ tagOverrides: { a: 'REMOVE' as any } }] }] })).toThrow("'metrics[0].overrides[0].tagOverrides.a' must be a TagOverride");
      expect(() => TracingTag.literal('')).toThrow("TracingTag.literal: 'value' must not be empty");
      expect(() => TracingTag.header('')).toThrow("TracingTag.header: 'name' must not be empty");
      expect(() => TagOverride.upsert('')).toThrow("TagOverride.upsert: 'value' must not be empty: Istio requires a value when the operation is UPSERT");
    });

    test('fails on a reporting interval shorter than 1ms at synthesis', () => {
      const c = chart();
      new Telemetry(c, 'telemetry', { metadata: { name: 'telemetry' }, metrics: [{ reportingInterval: Duration.millis(0) }] });
      expect(() => Testing.synth(c)).toThrow("Telemetry 'test/telemetry': 'metrics[0].reportingInterval' must be at least 1ms");
    });
  });
});
