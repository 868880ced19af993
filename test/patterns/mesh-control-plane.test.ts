import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as YAML from 'yaml';
import { errorOf } from './_util';
import {
  AccessLogEncoding, ControlPlaneOutput, ControlPlaneServiceType, ExtensionProvider, HelmValuesFile, IstioHelmChart, IstioProfile,
  MeshAnalysis, MeshControlPlane, MeshControlPlaneProps, MtlsMode, OutboundTrafficPolicyMode, Protocol, TracingTag,
} from '../../lib';
import { findObject } from '../support/seed';

function build(props: MeshControlPlaneProps = {}): { cp: MeshControlPlane; chart: Chart } {
  const chart = new Chart(Testing.app(), 'test');
  return { cp: new MeshControlPlane(chart, 'istio', props), chart };
}

/** The IstioOperator's spec, synthesized from its own chart. */
function operatorOf(props: MeshControlPlaneProps = {}): any {
  const { cp } = build(props);
  return findObject(Testing.synth(cp.istioOperatorChart!), 'IstioOperator', cp.istioOperator!.name);
}

function values(files: HelmValuesFile[], release: string): any {
  const file = files.find((f) => f.releaseName === release);
  if (!file) throw new Error(`no release ${release} among ${files.map((f) => f.releaseName).join(', ')}`);
  return YAML.parse(file.toYaml());
}

describe('MeshControlPlane', () => {
  describe('defaults', () => {
    const { cp, chart } = build();

    test('puts the IstioOperator alone in a chart of its own, outside the scope\'s chart', () => {
      expect(Testing.synth(cp.istioOperatorChart!).map((o) => o.kind)).toEqual(['IstioOperator']);
      expect(Testing.synth(chart).map((o) => o.kind)).not.toContain('IstioOperator');
    });

    test('creates that chart at the app root as <id>-operator, so its file is <id>-operator.k8s.yaml with no hash', () => {
      expect(cp.istioOperatorChart!.node.path).toBe(`${cp.node.id}-operator`);
      expect(cp.istioOperatorChart!.node.scope).toBe(cp.node.root);
    });

    test('names it istio-control-plane in istio-system with the default profile', () => {
      const iop = Testing.synth(cp.istioOperatorChart!)[0];
      expect(iop.apiVersion).toBe('install.istio.io/v1alpha1');
      expect(iop.metadata).toEqual({ name: 'istio-control-plane', namespace: 'istio-system' });
      expect(iop.spec).toEqual({ profile: 'default' });
    });

    test('creates no mesh-wide PeerAuthentication: Istio\'s PERMISSIVE default applies until a namespace or the user says STRICT', () => {
      expect(cp.peerAuthentication).toBeUndefined();
      expect(Testing.synth(chart).filter((o) => o.kind === 'PeerAuthentication')).toEqual([]);
      expect(cp.rootNamespace).toBe('istio-system');
    });

    test('meshWidePeerAuthentication: true creates a STRICT PeerAuthentication default in the root namespace, in the scope\'s chart', () => {
      const { chart: c } = build({ meshWidePeerAuthentication: true });
      const pa = findObject(Testing.synth(c), 'PeerAuthentication', 'default');
      expect(pa.metadata.namespace).toBe('istio-system');
      expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
    });

    test('the mesh analysis reports nothing on the IstioOperator and the mesh-wide PeerAuthentication', () => {
      const manifests = [...Testing.synth(chart), ...Testing.synth(cp.istioOperatorChart!)];
      expect(MeshAnalysis.analyze(manifests).findings).toEqual([]);
    });

    test('creates no Telemetry', () => {
      expect(cp.telemetry).toBeUndefined();
      expect(Testing.synth(chart).filter((o) => o.kind === 'Telemetry')).toEqual([]);
    });
  });

  describe('IstioOperator fields', () => {
    test('renders profile, revision, hub, tag, name and namespace', () => {
      const iop = operatorOf({ profile: IstioProfile.MINIMAL, revision: '1-30-3', hub: 'docker.io/istio', tag: '1.30.3', name: 'cp', namespace: 'mesh' });
      expect(iop.metadata).toEqual({ name: 'cp', namespace: 'mesh' });
      expect(iop.spec).toMatchObject({ profile: 'minimal', revision: '1-30-3', hub: 'docker.io/istio', tag: '1.30.3' });
      expect(iop.spec.values.global).toEqual({ istioNamespace: 'mesh' });
    });

    test.each(Object.values(IstioProfile))('renders profile %s', (profile) => {
      expect(operatorOf({ profile, meshWidePeerAuthentication: false }).spec.profile).toBe(profile);
    });

    test('renders meshConfig fields', () => {
      const spec = operatorOf({
        meshConfig: {
          accessLogFile: '/dev/stdout',
          accessLogEncoding: AccessLogEncoding.JSON,
          accessLogFormat: '%REQ(:METHOD)% %RESPONSE_CODE%\n',
          outboundTrafficPolicy: OutboundTrafficPolicyMode.REGISTRY_ONLY,
          enableTracing: true,
          trustDomain: 'example.com',
          enableAutoMtls: false,
          rootNamespace: 'istio-config',
          enablePrometheusMerge: true,
          defaultConfig: {
            tracingSampling: 10,
            holdApplicationUntilProxyStarts: true,
            concurrency: 2,
            terminationDrainDuration: Duration.seconds(30),
            proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true' },
          },
          extensionProviders: [
            ExtensionProvider.openTelemetryTracing('otel-tracing', 'opentelemetry-collector.observability.svc.cluster.local', 4317),
            ExtensionProvider.zipkin('zipkin', 'zipkin.istio-system.svc.cluster.local', 9411),
            ExtensionProvider.envoyFileAccessLog('json-log', { labels: { code: '%RESPONSE_CODE%' } }),
            ExtensionProvider.openTelemetryAccessLog('otel-als', 'opentelemetry-collector.observability.svc.cluster.local', 4317),
            ExtensionProvider.prometheus('prom2'),
          ],
          defaultProviders: { tracing: ['otel-tracing'], metrics: ['prometheus'], accessLogging: ['envoy'] },
        },
      }).spec;
      expect(spec.meshConfig).toEqual({
        accessLogFile: '/dev/stdout',
        accessLogEncoding: 'JSON',
        accessLogFormat: '%REQ(:METHOD)% %RESPONSE_CODE%\n',
        outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
        enableTracing: true,
        trustDomain: 'example.com',
        enableAutoMtls: false,
        rootNamespace: 'istio-config',
        enablePrometheusMerge: true,
        defaultConfig: {
          tracing: { sampling: 10 },
          holdApplicationUntilProxyStarts: true,
          concurrency: 2,
          terminationDrainDuration: '30s',
          proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true' },
        },
        extensionProviders: [
          { name: 'otel-tracing', opentelemetry: { service: 'opentelemetry-collector.observability.svc.cluster.local', port: 4317 } },
          { name: 'zipkin', zipkin: { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 } },
          { name: 'json-log', envoyFileAccessLog: { path: '/dev/stdout', logFormat: { labels: { code: '%RESPONSE_CODE%' } } } },
          { name: 'otel-als', envoyOtelAls: { service: 'opentelemetry-collector.observability.svc.cluster.local', port: 4317 } },
          { name: 'prom2', prometheus: {} },
        ],
        defaultProviders: { tracing: ['otel-tracing'], metrics: ['prometheus'], accessLogging: ['envoy'] },
      });
    });

    test('the mesh-wide PeerAuthentication follows meshConfig.rootNamespace', () => {
      const { cp, chart } = build({ meshConfig: { rootNamespace: 'istio-config' }, meshWidePeerAuthentication: true });
      expect(findObject(Testing.synth(chart), 'PeerAuthentication', 'default').metadata.namespace).toBe('istio-config');
      expect(cp.rootNamespace).toBe('istio-config');
    });

    test('renders gateways with name, namespace, enabled, labels and k8s settings', () => {
      const spec = operatorOf({
        ingressGateways: [{
          name: 'istio-ingressgateway',
          namespace: 'istio-ingress',
          labels: { istio: 'ingressgateway', team: 'edge' },
          autoscaling: { minReplicas: 2, maxReplicas: 6, targetCpuUtilizationPercentage: 70 },
          resources: {
            cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.units(2) },
            memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
          },
          serviceType: ControlPlaneServiceType.NODE_PORT,
          ports: [{ name: 'status-port', number: 15021 }, { name: 'http2', number: 80, targetPort: 8080, nodePort: 30080 }],
          serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
        }],
        egressGateways: [{ name: 'istio-egressgateway', replicas: 2 }],
      }).spec;
      expect(spec.components.ingressGateways).toEqual([{
        name: 'istio-ingressgateway',
        namespace: 'istio-ingress',
        enabled: true,
        label: { istio: 'ingressgateway', team: 'edge' },
        k8s: {
          resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
          hpaSpec: {
            minReplicas: 2,
            maxReplicas: 6,
            metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
          },
          service: { type: 'NodePort', ports: [{ name: 'status-port', port: 15021 }, { name: 'http2', port: 80, targetPort: 8080, nodePort: 30080 }] },
          serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
        },
      }]);
      expect(spec.components.egressGateways).toEqual([{ name: 'istio-egressgateway', enabled: true, k8s: { replicaCount: 2 } }]);
      // Fixed replicas need the gateways' HPA off, or it would override them.
      expect(spec.values).toEqual({ gateways: { 'istio-egressgateway': { autoscaleEnabled: false } } });
    });

    test('a gateway listed as disabled removes the profile\'s gateway', () => {
      const spec = operatorOf({ ingressGateways: [{ name: 'istio-ingressgateway', enabled: false }] }).spec;
      expect(spec.components.ingressGateways).toEqual([{ name: 'istio-ingressgateway', enabled: false }]);
    });

    test('renders pilot k8s settings, turning istiod autoscaling off for fixed replicas', () => {
      const spec = operatorOf({ pilot: { replicas: 3, resources: { memory: { request: Size.gibibytes(2) } } } }).spec;
      expect(spec.components.pilot).toEqual({ k8s: { replicaCount: 3, resources: { requests: { memory: '2Gi' } } } });
      expect(spec.values).toEqual({ pilot: { autoscaleEnabled: false } });
    });

    test('separateChart: false keeps the IstioOperator in the scope\'s chart', () => {
      const { cp, chart } = build({ separateChart: false });
      expect(cp.istioOperatorChart).toBeUndefined();
      expect(findObject(Testing.synth(chart), 'IstioOperator', 'istio-control-plane').spec).toEqual({ profile: 'default' });
    });

    test('synthesizes the IstioOperator to a file of its own', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-'));
      const app = new App({ outdir });
      const chart = new Chart(app, 'mesh');
      new MeshControlPlane(chart, 'istio', { meshConfig: { accessLogFile: '/dev/stdout' } });
      app.synth();
      const files = fs.readdirSync(outdir);
      const operatorFiles = files.filter((f) => fs.readFileSync(path.join(outdir, f), 'utf8').includes('kind: IstioOperator'));
      expect(operatorFiles).toHaveLength(1);
      expect(fs.readFileSync(path.join(outdir, operatorFiles[0]), 'utf8')).not.toContain('PeerAuthentication');
      expect(files.length).toBe(2);
    });
  });

  describe('mesh-wide options', () => {
    test('meshWidePeerAuthentication: false creates none; meshWideMtlsMode sets the mode', () => {
      expect(build({ meshWidePeerAuthentication: false }).cp.peerAuthentication).toBeUndefined();
      const { chart } = build({ meshWideMtlsMode: MtlsMode.PERMISSIVE });
      expect(findObject(Testing.synth(chart), 'PeerAuthentication', 'default').spec.mtls.mode).toBe('PERMISSIVE');
    });

    test('meshTelemetry creates the Telemetry mesh-default in the root namespace', () => {
      const { cp, chart } = build({
        meshConfig: { extensionProviders: [ExtensionProvider.zipkin('zipkin', 'zipkin.istio-system.svc.cluster.local', 9411)] },
        meshTelemetry: {
          accessLogging: [{ providers: ['envoy'], filter: 'response.code >= 400' }],
          tracing: [{ providers: ['zipkin'], randomSamplingPercentage: 5, customTags: { cluster: TracingTag.literal('east') } }],
        },
      });
      const telemetry = findObject(Testing.synth(chart), 'Telemetry', 'mesh-default');
      expect(telemetry.metadata.namespace).toBe('istio-system');
      expect(telemetry.spec.accessLogging).toEqual([{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >= 400' } }]);
      expect(telemetry.spec.tracing[0].providers).toEqual([{ name: 'zipkin' }]);
      expect(cp.declaresProvider('zipkin')).toBe(true);
      expect(cp.declaresProvider('jaeger')).toBe(false);
    });
  });

  describe('Helm values', () => {
    test('the seed\'s settings give base, istiod (meshConfig) and no gateway release', () => {
      const files = build({ meshConfig: { accessLogFile: '/dev/stdout' } }).cp.helmValues();
      expect(files.map((f) => [f.chart, f.releaseName, f.namespace])).toEqual([
        [IstioHelmChart.BASE, 'istio-base', 'istio-system'],
        [IstioHelmChart.ISTIOD, 'istiod', 'istio-system'],
      ]);
      expect(values(files, 'istio-base')).toEqual({});
      // The istiod chart has no 'default' profile: the default profile is the chart's own defaults.
      expect(values(files, 'istiod')).toEqual({ meshConfig: { accessLogFile: '/dev/stdout' } });
    });

    test('istiod values carry profile, revision, global hub/tag/istioNamespace, meshConfig and pilot settings', () => {
      const files = build({
        profile: IstioProfile.DEMO,
        revision: 'canary',
        hub: 'docker.io/istio',
        tag: '1.30.3',
        namespace: 'mesh',
        meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicyMode.REGISTRY_ONLY, defaultConfig: { tracingSampling: 1 } },
        pilot: {
          autoscaling: { minReplicas: 2, maxReplicas: 4, targetCpuUtilizationPercentage: 60 },
          resources: { cpu: { request: kplus.Cpu.millis(500) } },
        },
      }).cp.helmValues();
      expect(values(files, 'istiod-canary')).toEqual({
        profile: 'demo',
        revision: 'canary',
        global: { hub: 'docker.io/istio', tag: '1.30.3', istioNamespace: 'mesh' },
        meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, defaultConfig: { tracing: { sampling: 1 } } },
        autoscaleEnabled: true,
        autoscaleMin: 2,
        autoscaleMax: 4,
        cpu: { targetAverageUtilization: 60 },
        resources: { requests: { cpu: '500m' } },
      });
      expect(values(files, 'istio-base')).toEqual({ defaultRevision: 'canary', global: { istioNamespace: 'mesh' } });
    });

    test('fixed istiod replicas turn the chart\'s autoscaling off', () => {
      expect(values(build({ pilot: { replicas: 2 } }).cp.helmValues(), 'istiod')).toEqual({ replicaCount: 2, autoscaleEnabled: false });
    });

    test('gateway values use the gateway chart\'s keys', () => {
      const files = build({
        revision: 'canary',
        ingressGateways: [{
          name: 'istio-ingress',
          namespace: 'istio-ingress',
          labels: { istio: 'ingressgateway' },
          autoscaling: { minReplicas: 2, maxReplicas: 10, targetCpuUtilizationPercentage: 75 },
          resources: { memory: { limit: Size.mebibytes(512) } },
          serviceType: ControlPlaneServiceType.LOAD_BALANCER,
          ports: [{ name: 'status-port', number: 15021 }, { name: 'http2', number: 80, targetPort: 8080 }],
          serviceAnnotations: { a: 'b' },
        }],
        egressGateways: [{ name: 'istio-egress', replicas: 2 }, { name: 'off', enabled: false, replicas: 1 }],
      }).cp.helmValues();
      const ingress = files.find((f) => f.releaseName === 'istio-ingress')!;
      expect([ingress.chart, ingress.namespace]).toEqual([IstioHelmChart.GATEWAY, 'istio-ingress']);
      expect(values(files, 'istio-ingress')).toEqual({
        revision: 'canary',
        labels: { istio: 'ingressgateway' },
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 75 },
        resources: { limits: { memory: '512Mi' } },
        service: {
          type: 'LoadBalancer',
          ports: [{ name: 'status-port', port: 15021, protocol: 'TCP', targetPort: 15021 }, { name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080 }],
          annotations: { a: 'b' },
        },
      });
      // An egress gateway keeps the IstioOperator's ClusterIP Service; fixed replicas switch the HPA off.
      expect(values(files, 'istio-egress')).toEqual({ revision: 'canary', replicaCount: 2, autoscaling: { enabled: false }, service: { type: 'ClusterIP' } });
      expect(files.map((f) => f.releaseName)).not.toContain('off');
    });

    test('the ambient profile adds the cni and ztunnel releases', () => {
      const files = build({ profile: IstioProfile.AMBIENT, hub: 'docker.io/istio', tag: '1.30.3' }).cp.helmValues();
      expect(files.map((f) => f.releaseName)).toEqual(['istio-base', 'istiod', 'istio-cni', 'ztunnel']);
      expect(values(files, 'istiod').profile).toBe('ambient');
      expect(values(files, 'istio-cni')).toEqual({ profile: 'ambient', global: { hub: 'docker.io/istio', tag: '1.30.3' } });
      expect(values(files, 'ztunnel')).toEqual({ hub: 'docker.io/istio', tag: '1.30.3' });
    });

    test('install commands name release, chart, namespace and file, in install order', () => {
      const cp = build({ ingressGateways: [{ name: 'istio-ingress', namespace: 'istio-ingress' }] }).cp;
      expect(cp.helmCommands('dist/helm/')).toEqual([
        'helm upgrade --install istio-base istio/base -n istio-system --create-namespace -f dist/helm/istio-base-values.yaml',
        'helm upgrade --install istiod istio/istiod -n istio-system -f dist/helm/istiod-values.yaml --wait',
        'helm upgrade --install istio-ingress istio/gateway -n istio-ingress --create-namespace -f dist/helm/istio-ingress-values.yaml',
      ]);
    });

    test('writeHelmValues writes one YAML file per release', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-'));
      const written = build({ meshConfig: { accessLogFile: '/dev/stdout' } }).cp.writeHelmValues(path.join(dir, 'helm'));
      expect(written.map((f) => path.basename(f))).toEqual(['istio-base-values.yaml', 'istiod-values.yaml']);
      expect(YAML.parse(fs.readFileSync(written[1], 'utf8'))).toEqual({ meshConfig: { accessLogFile: '/dev/stdout' } });
      expect(JSON.parse(build().cp.helmValues()[1].toJsonString())).toEqual({});
    });

    test('output HELM_VALUES creates no IstioOperator', () => {
      const { cp, chart } = build({ output: ControlPlaneOutput.HELM_VALUES });
      expect(cp.istioOperator).toBeUndefined();
      expect(cp.istioOperatorChart).toBeUndefined();
      expect(Testing.synth(chart).map((o) => o.kind)).toEqual([]);
    });
  });

  describe('errors', () => {
    test.each<[string, MeshControlPlaneProps, string]>([
      ['an invalid revision', { revision: '1.30.3' },
        "MeshControlPlane 'test/istio': 'revision' must be a DNS-1123 label: at most 63 lower-case letters, digits and '-' (received: \"1.30.3\"). Use a name such as '1-30-3'."],
      ['an unknown profile', { profile: 'Ambient' as IstioProfile }, "'profile' must be one of default, minimal, demo, ambient, empty, remote, preview (received: \"Ambient\"). Use a member of IstioProfile. Did you mean 'ambient'?"],
      ['a bad name', { name: 'Istio_CP' }, "'name' must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' and '.' (received: \"Istio_CP\")"],
      ['a bad namespace', { namespace: 'Istio' }, "'namespace' must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and '-') (received: \"Istio\")"],
      ['a hub with a trailing slash', { hub: 'docker.io/istio/' }, "'hub' must be an image registry path without a trailing '/'"],
      ['a bad tag', { tag: '1.30.3 ' }, "'tag' must be an image tag"],
      ['sampling above 100', { meshConfig: { defaultConfig: { tracingSampling: 150 } } },
        "'meshConfig.defaultConfig.tracingSampling' must be a percentage from 0 to 100 (received: 150). Use a number from 0 to 100."],
      ['sampling below 0', { meshConfig: { defaultConfig: { tracingSampling: -1 } } }, "'meshConfig.defaultConfig.tracingSampling' must be a percentage from 0 to 100 (received: -1)"],
      ['an access log format without a file', { meshConfig: { accessLogEncoding: AccessLogEncoding.JSON } },
        "'meshConfig.accessLogFile' must be set when accessLogEncoding or accessLogFormat is"],
      ['an empty access log file', { meshConfig: { accessLogFile: '' } }, "'meshConfig.accessLogFile' must not be empty"],
      ['a bad trust domain', { meshConfig: { trustDomain: 'Example.com' } }, "'meshConfig.trustDomain' must be a domain name in lower case"],
      // istiod's ValidateTrustDomain (pkg/config/validation/agent/validation.go): each dot-separated part a DNS label.
      ['a trust domain with an empty part', { meshConfig: { trustDomain: 'example..com' } }, "'meshConfig.trustDomain' must be a domain name in lower case"],
      ['a trust domain part starting with -', { meshConfig: { trustDomain: 'example.-com' } }, "'meshConfig.trustDomain' must be a domain name in lower case"],
      ['a trust domain part over 63 characters', { meshConfig: { trustDomain: `${'a'.repeat(64)}.com` } }, "'meshConfig.trustDomain' must be a domain name in lower case"],
      ['a negative concurrency', { meshConfig: { defaultConfig: { concurrency: -1 } } }, "'meshConfig.defaultConfig.concurrency' must be a whole number of at least 0"],
      // ProxyConfig.concurrency is an Int32Value, a Deployment's replicas an int32.
      ['a concurrency beyond int32', { meshConfig: { defaultConfig: { concurrency: 2 ** 31 } } },
        "'meshConfig.defaultConfig.concurrency' must be a whole number of at least 0 (received: 2147483648). Use a whole number from 0 to 2147483647."],
      ['replicas beyond int32', { pilot: { replicas: 2 ** 31 } }, "'pilot.replicas' must be a whole number of at least 0 (received: 2147483648)"],
      ['a bad gateway port name', { ingressGateways: [{ name: 'gw', ports: [{ name: 'p'.repeat(16), number: 80 }] }] },
        "'ingressGateways[0].ports[0].name' must be a port name (at most 15 lower-case letters, digits and '-')"],
      ['a sub-millisecond drain duration', { meshConfig: { defaultConfig: { terminationDrainDuration: Duration.millis(0.5) } } },
        "'meshConfig.defaultConfig.terminationDrainDuration' must be a whole number of milliseconds, at least 1ms"],
      ['a provider declared twice', { meshConfig: { extensionProviders: [ExtensionProvider.prometheus('p'), ExtensionProvider.prometheus('p')] } },
        "'meshConfig.extensionProviders[1].name' is declared twice"],
      ['an undeclared default provider', { meshConfig: { defaultProviders: { tracing: ['zipkin'] } } },
        "'meshConfig.defaultProviders.tracing[0]' names a provider that meshConfig.extensionProviders does not declare (received: \"zipkin\")"],
      ['a metrics provider used for tracing', { meshConfig: { defaultProviders: { tracing: ['prometheus'] } } },
        "'meshConfig.defaultProviders.tracing[0]' names a metrics provider, which cannot serve tracing"],
      ['the ambient profile with a sidecar-only setting', { profile: IstioProfile.AMBIENT, meshConfig: { defaultConfig: { holdApplicationUntilProxyStarts: true } } },
        "'meshConfig.defaultConfig.holdApplicationUntilProxyStarts' is a sidecar setting, but the ambient profile runs workloads without sidecars (received: true). Remove it, or set sidecarsAlongsideAmbient: true"],
      ['pilot settings with the empty profile', { profile: IstioProfile.EMPTY, pilot: { replicas: 2 } }, "'pilot' has no effect: the empty profile installs no istiod"],
      ['replicas and autoscaling together', { pilot: { replicas: 2, autoscaling: { minReplicas: 1, maxReplicas: 3 } } },
        "'pilot.replicas' cannot be set together with autoscaling: the autoscaler owns the replica count"],
      ['HPA min above max', { ingressGateways: [{ name: 'gw', autoscaling: { minReplicas: 5, maxReplicas: 2 } }] },
        "'ingressGateways[0].autoscaling.minReplicas' must not be above maxReplicas (2) (received: 5). Lower minReplicas to 2 or less, or raise maxReplicas."],
      ['HPA min of 0', { ingressGateways: [{ name: 'gw', autoscaling: { minReplicas: 0, maxReplicas: 2 } }] }, "'ingressGateways[0].autoscaling.minReplicas' must be a whole number of at least 1"],
      ['a CPU target above 100', { ingressGateways: [{ name: 'gw', autoscaling: { minReplicas: 1, maxReplicas: 2, targetCpuUtilizationPercentage: 120 } }] },
        "'ingressGateways[0].autoscaling.targetCpuUtilizationPercentage' must be a whole percentage from 1 to 100"],
      ['a gateway name clash across ingress and egress', { ingressGateways: [{ name: 'gw' }], egressGateways: [{ name: 'gw' }] },
        "'egressGateways[0].name' is already the name of ingressGateways[0] in namespace 'istio-system' (received: \"gw\")"],
      ['a bad gateway name', { ingressGateways: [{ name: 'My_Gateway' }] }, "'ingressGateways[0].name' must be a DNS-1123 subdomain"],
      ['a duplicate port', { ingressGateways: [{ name: 'gw', ports: [{ name: 'a', number: 15021 }, { name: 'b', number: 15021 }] }] },
        "'ingressGateways[0].ports[1].number' is used by another port (received: 15021)"],
      ['a node port on a ClusterIP Service', { egressGateways: [{ name: 'gw', ports: [{ name: 'tls', number: 15443, nodePort: 30443 }] }] },
        "'egressGateways[0].ports[0].nodePort' needs a NodePort or LoadBalancer Service, not ClusterIP"],
      ['a port written with the name of earlier releases (plain JavaScript)', { ingressGateways: [{ name: 'gw', ports: [{ name: 'http2', port: 80, targetPort: 8080 } as any] }] },
        "'ingressGateways[0].ports[0].port' was renamed number, as in every port of the library (received: 80). Write number: 80 instead of port."],
      ['a privileged target port in an IstioOperator', { ingressGateways: [{ name: 'gw', ports: [{ name: 'http2', number: 80 }] }] },
        "'ingressGateways[0].ports[0].targetPort' is unset (so 80), below 1024: istioctl rejects it because the gateway does not run as root (received: undefined). Set a targetPort above 1024, as Istio's defaults do (80 -> 8080, 443 -> 8443), such as 8080."],
      ['fixed replicas and autoscaling among the ingress gateways of an IstioOperator',
        { ingressGateways: [{ name: 'a', replicas: 2 }, { name: 'b', autoscaling: { minReplicas: 1, maxReplicas: 2 } }] },
        "'ingressGateways' mixes fixed replicas (a) and autoscaling (b), but an IstioOperator turns autoscaling on or off for all ingress gateways at once"],
      ['an undeclared Telemetry provider', { meshTelemetry: { tracing: [{ providers: ['jaeger'] }] } },
        "'meshTelemetry.tracing[0].providers[0]' names a provider that meshConfig.extensionProviders does not declare (received: \"jaeger\")"],
    ])('fails on %s', (_name, props, fragment) => {
      expect(errorOf(() => build(props))).toContain(fragment);
    });

    test('collects every problem of the props in one error', () => {
      const message = errorOf(() => build({ revision: 'A', meshConfig: { defaultConfig: { tracingSampling: 101 } } }));
      expect(message).toContain('has 2 problems');
    });

    test('the Helm output of the empty profile fails, at construction with output HELM_VALUES', () => {
      expect(errorOf(() => build({ profile: IstioProfile.EMPTY, output: ControlPlaneOutput.HELM_VALUES })))
        .toContain("'profile' is EMPTY, which installs nothing: there is no Helm release to give values to");
      expect(errorOf(() => build({ profile: IstioProfile.EMPTY }).cp.helmValues())).toContain("'profile' is EMPTY");
    });

    test('the Helm output of a gateway whose name is too long for a release fails', () => {
      const name = `gw-${'a'.repeat(60)}`;
      expect(errorOf(() => build({ ingressGateways: [{ name }] }).cp.helmValues()))
        .toContain("'ingressGateways[0].name' is 63 characters long, but the gateway chart's release is named after it and Helm allows at most 53");
    });

    test('a gateway port\'s protocol is its Service port\'s appProtocol, in both outputs', () => {
      const ports = [{ name: 'http2', number: 80, targetPort: 8080, protocol: Protocol.HTTP2 }];
      const operator = operatorOf({ ingressGateways: [{ name: 'gw', ports }] });
      expect(operator.spec.components.ingressGateways[0].k8s.service.ports).toEqual([{ name: 'http2', port: 80, targetPort: 8080, appProtocol: 'http2' }]);
      const files = build({ output: ControlPlaneOutput.HELM_VALUES, ingressGateways: [{ name: 'gw', ports }] }).cp.helmValues();
      expect(values(files, 'gw').service.ports).toEqual([{ name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080, appProtocol: 'http2' }]);
    });

    test('Helm output accepts what only an IstioOperator rejects (privileged ports, mixed autoscaling)', () => {
      const files = build({
        output: ControlPlaneOutput.HELM_VALUES,
        ingressGateways: [{ name: 'a', replicas: 2, ports: [{ name: 'http2', number: 80 }] }, { name: 'b', autoscaling: { minReplicas: 1, maxReplicas: 2 } }],
      }).cp.helmValues();
      expect(values(files, 'a').service.ports).toEqual([{ name: 'http2', port: 80, protocol: 'TCP', targetPort: 80 }]);
    });

    test('ExtensionProvider factories check their arguments', () => {
      expect(errorOf(() => ExtensionProvider.zipkin('envoy', 'zipkin', 9411))).toContain("'name' must not be the name of a built-in provider");
      expect(errorOf(() => ExtensionProvider.openTelemetryTracing('otel', 'Collector', 4317))).toContain("ExtensionProvider.openTelemetryTracing: 'service' must be a host name");
      expect(errorOf(() => ExtensionProvider.zipkin('z', 'zipkin', 0))).toContain("'port' must be a port number from 1 to 65535");
      expect(errorOf(() => ExtensionProvider.envoyFileAccessLog('log', { text: 'x', labels: { a: 'b' } }))).toContain("'text' cannot be set together with labels");
    });

    test('sidecarsAlongsideAmbient allows sidecar settings with the ambient profile', () => {
      const spec = operatorOf({
        profile: IstioProfile.AMBIENT,
        sidecarsAlongsideAmbient: true,
        meshConfig: { defaultConfig: { holdApplicationUntilProxyStarts: true } },
      }).spec;
      expect(spec.meshConfig.defaultConfig).toEqual({ holdApplicationUntilProxyStarts: true });
    });
  });
});

describe('MeshControlPlane trust domain', () => {
  // istiod accepts a trailing '.' (pkg/config/validation/agent/validation.go, ValidateTrustDomain).
  test.each(['cluster.local', 'example.com.', 'td', 'a-b.c-d'])('accepts %s as istiod does, and writes it as given', (trustDomain) => {
    expect(operatorOf({ meshConfig: { trustDomain } }).spec.meshConfig.trustDomain).toBe(trustDomain);
  });
});
