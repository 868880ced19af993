import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as YAML from 'yaml';
import { errorOf } from './_util';
import {
  ExtensionProvider, IstioMetric, MeshControlPlane, MeshObservability, MeshObservabilityProps, TagOverride, TracingTag, WorkloadMode,
  WorkloadSelector,
} from '../../lib';
import { findObject } from '../support/seed';

function chart(): Chart {
  return new Chart(Testing.app(), 'test');
}

function telemetryOf(props: MeshObservabilityProps, scope: Chart = chart()): any {
  const o = new MeshObservability(scope, 'obs', props);
  return findObject(Testing.synth(scope), 'Telemetry', o.telemetry.name);
}

function controlPlane(scope: Chart): MeshControlPlane {
  return new MeshControlPlane(scope, 'istio', {
    meshWidePeerAuthentication: false,
    meshConfig: {
      extensionProviders: [
        ExtensionProvider.openTelemetryTracing('otel-tracing', 'opentelemetry-collector.observability.svc.cluster.local', 4317),
        ExtensionProvider.envoyFileAccessLog('json-log', { labels: { code: '%RESPONSE_CODE%' } }),
      ],
    },
  });
}

describe('MeshObservability', () => {
  describe('scope', () => {
    test('defaults to a mesh-wide Telemetry mesh-default in istio-system', () => {
      const scope = chart();
      const o = new MeshObservability(scope, 'obs', { accessLogs: {} });
      const t = findObject(Testing.synth(scope), 'Telemetry', 'mesh-default');
      expect(t.metadata.namespace).toBe('istio-system');
      expect(t.spec).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }] });
      expect(o.meshWide).toBe(true);
      expect(o.namespace).toBe('istio-system');
    });

    test('takes the root namespace from the control plane', () => {
      const scope = chart();
      const cp = new MeshControlPlane(scope, 'istio', { meshConfig: { rootNamespace: 'istio-config' } });
      expect(telemetryOf({ controlPlane: cp, accessLogs: {} }, scope).metadata.namespace).toBe('istio-config');
    });

    test('a namespace gives a namespace-wide Telemetry namespace-default; a selector narrows it', () => {
      const scope = chart();
      const o = new MeshObservability(scope, 'obs', { namespace: 'payments', selector: WorkloadSelector.labels({ app: 'payments-api' }), metrics: {} });
      const t = findObject(Testing.synth(scope), 'Telemetry', 'namespace-default');
      expect(t.metadata.namespace).toBe('payments');
      expect(t.spec.selector).toEqual({ matchLabels: { app: 'payments-api' } });
      expect(o.meshWide).toBe(false);
    });

    test('name sets the Telemetry name', () => {
      expect(telemetryOf({ name: 'logs', accessLogs: {} }).metadata.name).toBe('logs');
    });
  });

  describe('access logs', () => {
    test('errorsOnly logs responses of 400 and above through Envoy', () => {
      expect(telemetryOf({ accessLogs: { errorsOnly: true } }).spec.accessLogging)
        .toEqual([{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >= 400' } }]);
    });

    test('a named provider, a filter expression and a mode', () => {
      const scope = chart();
      const cp = controlPlane(scope);
      expect(telemetryOf({ controlPlane: cp, accessLogs: { providers: ['json-log'], filter: 'connection.mtls == false', mode: WorkloadMode.SERVER } }, scope)
        .spec.accessLogging).toEqual([{ providers: [{ name: 'json-log' }], filter: { expression: 'connection.mtls == false' }, match: { mode: 'SERVER' } }]);
    });
  });

  describe('tracing', () => {
    test('renders sampling, providers and custom tags', () => {
      const scope = chart();
      const cp = controlPlane(scope);
      expect(telemetryOf({
        controlPlane: cp,
        tracing: { providers: ['otel-tracing'], samplingPercentage: 10, customTags: { env: TracingTag.literal('prod'), user: TracingTag.header('x-user') } },
      }, scope).spec.tracing).toEqual([{
        providers: [{ name: 'otel-tracing' }],
        randomSamplingPercentage: 10,
        customTags: { env: { literal: { value: 'prod' } }, user: { header: { name: 'x-user' } } },
      }]);
    });

    test('lists the headers applications must propagate', () => {
      expect(MeshObservability.TRACE_HEADERS).toEqual([
        'x-request-id', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags', 'b3', 'traceparent', 'tracestate',
      ]);
    });
  });

  describe('metrics', () => {
    test('tag overrides apply to every metric through prometheus by default', () => {
      expect(telemetryOf({ metrics: { tagOverrides: { request_host: TagOverride.upsert('request.host'), destination_canonical_revision: TagOverride.remove() } } })
        .spec.metrics).toEqual([{
        providers: [{ name: 'prometheus' }],
        overrides: [{
          match: { metric: 'ALL_METRICS' },
          tagOverrides: { request_host: { operation: 'UPSERT', value: 'request.host' }, destination_canonical_revision: { operation: 'REMOVE' } },
        }],
      }]);
    });

    test('a metric and further overrides', () => {
      expect(telemetryOf({
        metrics: {
          metric: IstioMetric.REQUEST_COUNT,
          tagOverrides: { path: TagOverride.upsert('request.url_path') },
          overrides: [{ metric: IstioMetric.REQUEST_SIZE, disabled: true }],
        },
      }).spec.metrics[0].overrides).toEqual([
        { match: { metric: 'REQUEST_COUNT' }, tagOverrides: { path: { operation: 'UPSERT', value: 'request.url_path' } } },
        { match: { metric: 'REQUEST_SIZE' }, disabled: true },
      ]);
    });
  });

  describe('Prometheus', () => {
    function workloads(scope: Chart): { plain: kplus.Deployment; own: kplus.Deployment; noSidecar: kplus.Deployment; ambient: kplus.StatefulSet } {
      const plain = new kplus.Deployment(scope, 'plain', { containers: [{ image: 'app' }] });
      const own = new kplus.Deployment(scope, 'own', { containers: [{ image: 'app' }], podMetadata: { annotations: { 'prometheus.io/port': '9090' } } });
      const noSidecar = new kplus.Deployment(scope, 'no-sidecar', { containers: [{ image: 'app' }], podMetadata: { labels: { 'sidecar.istio.io/inject': 'false' } } });
      const ambient = new kplus.StatefulSet(scope, 'ambient', {
        containers: [{ image: 'app' }],
        service: new kplus.Service(scope, 'svc', { ports: [{ port: 80 }] }),
        podMetadata: { labels: { 'istio.io/dataplane-mode': 'ambient' } },
      });
      return { plain, own, noSidecar, ambient };
    }

    test('annotates the pod templates of workloads in the scope, added before or after the call', () => {
      const scope = chart();
      const o = new MeshObservability(scope, 'obs', { metrics: {} });
      const before = new kplus.Deployment(scope, 'before', { containers: [{ image: 'app' }] });
      o.addPrometheusScrapeAnnotations(scope);
      const { plain, own, noSidecar, ambient } = workloads(scope);
      const objects = Testing.synth(scope);
      const annotations = (d: kplus.Workload) => findObject(objects, d instanceof kplus.StatefulSet ? 'StatefulSet' : 'Deployment', d.name)
        .spec.template.metadata.annotations;
      // Not port 15020: Istio's injector reads it as already merged (pkg/kube/inject/webhook.go applyPrometheusMerge).
      const expected = { 'prometheus.io/scrape': 'true' };
      expect(annotations(before)).toEqual(expected);
      expect(annotations(plain)).toEqual(expected);
      // The application's own annotations stay: Istio merges its metrics from them.
      expect(annotations(own)).toEqual({ 'prometheus.io/port': '9090' });
      expect(annotations(noSidecar)).toBeUndefined();
      expect(annotations(ambient)).toBeUndefined();
    });

    test('names the application\'s metrics port and path, which the injector moves into istio-agent\'s merge', () => {
      const scope = chart();
      const o = new MeshObservability(scope, 'obs', { metrics: {} });
      const d = new kplus.Deployment(scope, 'app', { containers: [{ image: 'app' }] });
      o.addPrometheusScrapeAnnotations(scope, { metricsPort: 9090 });
      expect(findObject(Testing.synth(scope), 'Deployment', d.name).spec.template.metadata.annotations)
        .toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/metrics' });
      const other = chart();
      const o2 = new MeshObservability(other, 'obs', { metrics: {} });
      const d2 = new kplus.Deployment(other, 'app', { containers: [{ image: 'app' }] });
      o2.addPrometheusScrapeAnnotations(other, { metricsPort: 8080, metricsPath: '/admin/metrics' });
      expect(findObject(Testing.synth(other), 'Deployment', d2.name).spec.template.metadata.annotations['prometheus.io/path']).toBe('/admin/metrics');
    });

    test('rejects port 15020 and a path without a port or a leading slash', () => {
      const o = new MeshObservability(chart(), 'obs', { metrics: {} });
      expect(() => o.addPrometheusScrapeAnnotations(chart(), { metricsPort: 15020 })).toThrow(/'options.metricsPort' must be the application's metrics port, not istio-agent's 15020 \(received: 15020\)/);
      expect(() => o.addPrometheusScrapeAnnotations(chart(), { metricsPort: 70000 })).toThrow(/'options.metricsPort' must be a port number from 1 to 65535 \(received: 70000\)/);
      expect(() => o.addPrometheusScrapeAnnotations(chart(), { metricsPath: 'metrics' })).toThrow(/'options.metricsPath' must be a path starting with '\/'[\s\S]*'options.metricsPath' needs options.metricsPort/);
    });

    test('leaves workloads outside the scope alone', () => {
      const app = Testing.app();
      const mesh = new Chart(app, 'mesh');
      const other = new Chart(app, 'other');
      new MeshObservability(mesh, 'obs', { metrics: {} }).addPrometheusScrapeAnnotations(mesh);
      const d = new kplus.Deployment(other, 'app', { containers: [{ image: 'app' }] });
      Testing.synth(mesh);
      expect(findObject(Testing.synth(other), 'Deployment', d.name).spec.template.metadata.annotations).toBeUndefined();
    });

    test('prometheusScrapeConfigs gives the istiod and envoy-stats jobs', () => {
      expect(YAML.parse(MeshObservability.prometheusScrapeConfigs())).toEqual([
        {
          job_name: 'istiod',
          kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: ['istio-system'] } }],
          relabel_configs: [{
            source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'], action: 'keep', regex: 'istiod;http-monitoring',
          }],
        },
        {
          job_name: 'envoy-stats',
          metrics_path: '/stats/prometheus',
          kubernetes_sd_configs: [{ role: 'pod' }],
          relabel_configs: [{ source_labels: ['__meta_kubernetes_pod_container_port_name'], action: 'keep', regex: '.*-envoy-prom' }],
        },
      ]);
      const revisioned = YAML.parse(MeshObservability.prometheusScrapeConfigs({ istioNamespace: 'mesh', revision: 'canary' }))[0];
      expect(revisioned.kubernetes_sd_configs[0].namespaces.names).toEqual(['mesh']);
      expect(revisioned.relabel_configs[0].regex).toBe('istiod-canary;http-monitoring');
    });
  });

  describe('errors', () => {
    test.each<[string, MeshObservabilityProps, string]>([
      ['sampling above 100', { tracing: { samplingPercentage: 101 } },
        "MeshObservability 'test/obs': 'tracing.samplingPercentage' must be a percentage from 0 to 100 (received: 101). Use a number from 0 to 100."],
      ['sampling below 0', { tracing: { samplingPercentage: -5 } }, "'tracing.samplingPercentage' must be a percentage from 0 to 100 (received: -5)"],
      ['an empty filter', { accessLogs: { filter: '  ' } }, "'accessLogs.filter' must be a CEL expression, not empty (received: \"  \")"],
      ['errorsOnly with a filter', { accessLogs: { filter: 'response.code >= 500', errorsOnly: true } }, "'accessLogs.errorsOnly' cannot be set together with filter"],
      ['nothing to configure', {}, "'accessLogs, tracing, metrics' are all unset, so the Telemetry would change nothing"],
      ['a bad namespace', { namespace: 'Payments', metrics: {} }, "'namespace' must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and '-') (received: \"Payments\")"],
    ])('fails on %s', (_name, props, fragment) => {
      expect(errorOf(() => new MeshObservability(chart(), 'obs', props))).toContain(fragment);
    });

    test('fails on a provider the control plane does not declare', () => {
      const scope = chart();
      const cp = controlPlane(scope);
      expect(errorOf(() => new MeshObservability(scope, 'obs', { controlPlane: cp, tracing: { providers: ['otel-tracng'] } })))
        .toContain("'tracing.providers[0]' names a provider that meshConfig.extensionProviders does not declare (received: \"otel-tracng\")");
      expect(errorOf(() => new MeshObservability(scope, 'obs2', { controlPlane: cp, tracing: { providers: ['otel-tracng'] } })))
        .toContain("Did you mean 'otel-tracing'?");
    });

    test('fails on a provider of the wrong kind', () => {
      const scope = chart();
      const cp = controlPlane(scope);
      expect(errorOf(() => new MeshObservability(scope, 'obs', { controlPlane: cp, accessLogs: { providers: ['otel-tracing'] } })))
        .toContain("'accessLogs.providers[0]' names a tracing provider, which cannot serve access logging (received: \"otel-tracing\"). Name a provider that serves access logging: envoy, json-log.");
    });

    test('fails on a second mesh-wide Telemetry beside the control plane\'s', () => {
      const scope = chart();
      const cp = new MeshControlPlane(scope, 'istio', { meshTelemetry: { accessLogging: [{}] } });
      expect(errorOf(() => new MeshObservability(scope, 'obs', { controlPlane: cp, metrics: {} })))
        .toContain("'controlPlane' already has a mesh-wide Telemetry (mesh-default)");
    });

    test('prometheusScrapeConfigs checks its options', () => {
      expect(errorOf(() => MeshObservability.prometheusScrapeConfigs({ istioNamespace: 'Istio' }))).toContain("'istioNamespace' must be a namespace name");
    });
  });
});
