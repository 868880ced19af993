import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _checkComponent, _checkGatewayService, _helmServicePort, _k8sSpec, _operatorServicePort, _renderResources } from './_control-plane-spec';
import { _checkMeshConfig, _checkProviderName, _declaredProviders, _KINDS, _renderMeshConfig } from './_mesh-config';
import { ControlPlaneComponentSettings, ControlPlaneGateway, ControlPlaneServiceType } from './control-plane-component';
import { HelmValuesFile, IstioHelmChart } from './helm-values';
import { IstioProfile, MeshConfigOptions } from './mesh-config';
import { _compact } from '../core/_compact';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _didYouMean, _Problems, _requireProps } from '../core/_errors';
import { _checkDnsLabel, _checkDnsSubdomain, _checkNamespace } from '../core/_names';
import { _watchSynth } from '../core/_synth';
import { MtlsMode, PeerAuthentication } from '../security/peer-authentication';
import { AccessLogging, Metrics, Telemetry, Tracing } from '../telemetry/telemetry';

const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HUB = /^[a-z0-9]([-a-z0-9._:]*[a-z0-9])?(\/[a-z0-9]([-a-z0-9._]*[a-z0-9])?)*$/;
const NAMESPACE_FIX = 'Use a name such as \'istio-system\' or \'istio-ingress\'.';
/** Helm refuses release names longer than this. */
const HELM_RELEASE_MAX = 53;
/** The istiod chart's own profiles (`files/profile-<name>.yaml`); the others are IstioOperator-only. */
const HELM_PROFILES: string[] = [IstioProfile.AMBIENT, IstioProfile.DEMO, IstioProfile.PREVIEW, IstioProfile.REMOTE];

/**
 * What a MeshControlPlane produces for the installer.
 *
 * @see https://istio.io/latest/docs/setup/install/
 */
export enum ControlPlaneOutput {
  /**
   * An IstioOperator object, for `istioctl install -f <file>`. The Helm values stay available
   * through `helmValues()`.
   *
   * @see https://istio.io/latest/docs/setup/install/istioctl/
   */
  ISTIO_OPERATOR = 'IstioOperator',
  /**
   * No IstioOperator: only the Helm values files (`helmValues()`, `writeHelmValues()`), checked at
   * construction for what the charts cannot express.
   *
   * @see https://istio.io/latest/docs/setup/install/helm/
   */
  HELM_VALUES = 'HelmValues',
}

/**
 * A mesh-wide Telemetry created with the control plane, in the root namespace.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/
 */
export interface MeshTelemetryOptions {
  /**
   * Access logging settings of the mesh.
   *
   * @default - the mesh's defaults
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   */
  readonly accessLogging?: AccessLogging[];

  /**
   * Tracing settings of the mesh.
   *
   * @default - the mesh's defaults
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly tracing?: Tracing[];

  /**
   * Metrics settings of the mesh.
   *
   * @default - the mesh's defaults
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Metrics
   */
  readonly metrics?: Metrics[];
}

/** Props of a MeshControlPlane. */
export interface MeshControlPlaneProps {
  /**
   * The IstioOperator's name.
   *
   * @default 'istio-control-plane'
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/
   */
  readonly name?: string;

  /**
   * The namespace the control plane is installed into (the IstioOperator's namespace, the Helm
   * releases' `-n`).
   *
   * @default 'istio-system'
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#IstioOperatorSpec
   */
  readonly namespace?: string;

  /**
   * The installation profile the settings customise.
   *
   * @default IstioProfile.DEFAULT
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  readonly profile?: IstioProfile;

  /**
   * The control plane's revision, for revision-based installs and canary upgrades: a DNS label
   * such as `1-30-3`. Namespaces select it with `istio.io/rev: <revision>`.
   *
   * @default - the default revision
   * @see https://istio.io/latest/docs/setup/upgrade/canary/
   */
  readonly revision?: string;

  /**
   * The registry the Istio images come from, such as `docker.io/istio`.
   *
   * @default - the installer's: Istio's release registry
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#IstioOperatorSpec
   */
  readonly hub?: string;

  /**
   * The image tag, such as `1.30.3` or `1.30.3-distroless`.
   *
   * @default - the installer's own version
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#IstioOperatorSpec
   */
  readonly tag?: string;

  /**
   * Mesh-wide settings (`meshConfig`): access logs, tracing, outbound traffic policy, proxy defaults,
   * trust domain, extension providers.
   *
   * @default - Istio's defaults
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/
   */
  readonly meshConfig?: MeshConfigOptions;

  /**
   * Ingress gateways. The default and demo profiles install `istio-ingressgateway`; list it with
   * `enabled: false` to remove it, or with settings to change it.
   *
   * @default - the profile's
   * @see https://istio.io/latest/docs/setup/additional-setup/gateway/
   */
  readonly ingressGateways?: ControlPlaneGateway[];

  /**
   * Egress gateways (the demo profile installs `istio-egressgateway`).
   *
   * @default - the profile's
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  readonly egressGateways?: ControlPlaneGateway[];

  /**
   * Kubernetes settings of istiod.
   *
   * @default - the installer's defaults
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
   */
  readonly pilot?: ControlPlaneComponentSettings;

  /**
   * Create a PeerAuthentication `default` in the root namespace, which sets the mTLS mode of every
   * workload of the cluster that no namespace or workload PeerAuthentication covers. Mesh-wide STRICT
   * refuses every plaintext client of every meshed workload, so it is an explicit choice: without it
   * Istio's own default, PERMISSIVE, applies, and each ZeroTrustNamespace makes its own namespace STRICT.
   *
   * @default - false, unless `meshWideMtlsMode` is given: no mesh-wide PeerAuthentication, Istio's PERMISSIVE default applies
   * @see https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/
   */
  readonly meshWidePeerAuthentication?: boolean;

  /**
   * The mode of the mesh-wide PeerAuthentication; giving it creates that PeerAuthentication.
   *
   * @default MtlsMode.STRICT when `meshWidePeerAuthentication` is true
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly meshWideMtlsMode?: MtlsMode;

  /**
   * A mesh-wide Telemetry (`mesh-default` in the root namespace). Its providers must be built in or
   * declared in `meshConfig.extensionProviders`.
   *
   * @default - no mesh-wide Telemetry
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly meshTelemetry?: MeshTelemetryOptions;

  /**
   * What the construct produces for the installer.
   *
   * @default ControlPlaneOutput.ISTIO_OPERATOR
   * @see https://istio.io/latest/docs/setup/install/
   */
  readonly output?: ControlPlaneOutput;

  /**
   * Put the IstioOperator in a chart of its own (`istioOperatorChart`, at the root of the app, with the
   * id `<this construct's id>-operator`), so that it synthesizes to its own file
   * (`dist/<id>-operator.k8s.yaml`): istioctl reads it, the API server has no kind for it, and `kubectl apply` of the other
   * files must not send it. `false` keeps it in the scope's chart.
   *
   * @default true
   * @see https://istio.io/latest/docs/setup/install/istioctl/
   */
  readonly separateChart?: boolean;

  /**
   * With the ambient profile, say that some namespaces still run sidecars, so that sidecar-only
   * settings (`holdApplicationUntilProxyStarts`) are meant and not a mistake.
   *
   * @default false
   * @see https://istio.io/latest/docs/ambient/usage/
   */
  readonly sidecarsAlongsideAmbient?: boolean;
}

/**
 * The Istio control plane's installation settings, typed and checked: an IstioOperator for
 * `istioctl install -f`, and the equivalent values files of the `base`, `istiod`, `gateway` (and, for
 * ambient, `cni` and `ztunnel`) Helm charts. With it, the mesh-wide defaults that live in the
 * cluster, each on request: a PeerAuthentication in the root namespace (`meshWidePeerAuthentication`) and a
 * mesh-wide Telemetry.
 *
 * The IstioOperator is not a Kubernetes resource in Istio 1.30 (no CRD): istioctl consumes it. By
 * default it goes into a chart of its own, so that its file can be handed to istioctl and the other
 * files applied with kubectl.
 *
 * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/
 * @example
 * const cp = new MeshControlPlane(chart, 'istio', {
 *   profile: IstioProfile.DEFAULT,
 *   meshConfig: { accessLogFile: '/dev/stdout' },
 * });
 * cp.writeHelmValues('dist/helm');
 */
export class MeshControlPlane extends Construct {
  /**
   * The `install.istio.io/v1alpha1` IstioOperator.
   *
   * @default - none when `output` is HELM_VALUES
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/
   */
  public readonly istioOperator?: ApiObject;

  /**
   * The chart holding only the IstioOperator.
   *
   * @default - none when `separateChart` is false or `output` is HELM_VALUES
   * @see https://cdk8s.io/docs/latest/basics/chart/
   */
  public readonly istioOperatorChart?: Chart;

  /**
   * The mesh-wide PeerAuthentication `default` in the root namespace.
   *
   * @default - none unless `meshWidePeerAuthentication` or `meshWideMtlsMode` is given
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  public readonly peerAuthentication?: PeerAuthentication;

  /**
   * The mesh-wide Telemetry `mesh-default`.
   *
   * @default - none unless `meshTelemetry` is given
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  public readonly telemetry?: Telemetry;

  /**
   * The installation profile.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  public readonly profile: IstioProfile;

  /**
   * The control plane's namespace.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/
   */
  public readonly namespace: string;

  /**
   * Istio's root namespace: `meshConfig.rootNamespace`, else the control plane's namespace.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  public readonly rootNamespace: string;

  /**
   * The revision, if the control plane has one.
   *
   * @default - the default revision
   * @see https://istio.io/latest/docs/setup/upgrade/canary/
   */
  public readonly revision?: string;

  /**
   * What the construct produces.
   *
   * @see https://istio.io/latest/docs/setup/install/
   */
  public readonly output: ControlPlaneOutput;

  private readonly subject: string;
  private readonly props: MeshControlPlaneProps;

  constructor(scope: Construct, id: string, props: MeshControlPlaneProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('MeshControlPlane', scope, id);
    _requireProps(this.subject, props, {});
    _watchSynth(this);
    _validateDerivedNames(this, 'MeshControlPlane');
    this.props = props;
    this.profile = props.profile ?? IstioProfile.DEFAULT;
    this.namespace = props.namespace ?? 'istio-system';
    this.rootNamespace = props.meshConfig?.rootNamespace ?? this.namespace;
    this.revision = props.revision;
    this.output = props.output ?? ControlPlaneOutput.ISTIO_OPERATOR;
    const name = props.name ?? 'istio-control-plane';

    const problems = new _Problems(this.subject);
    this.checkProps(problems, name);
    if (this.output === ControlPlaneOutput.HELM_VALUES) this.checkHelm(problems);
    else this.checkIstioOperator(problems);
    problems.throwIfAny();

    if (this.output === ControlPlaneOutput.ISTIO_OPERATOR) {
      let operatorScope: Construct = this;
      if (props.separateChart ?? true) {
        // At the root of the app, not under this construct: cdk8s names a root chart's file after its id alone
        // (`istio-operator.k8s.yaml` for a control plane `istio`), where a nested chart's name carries a hash.
        this.istioOperatorChart = new Chart(this.node.root, `${this.node.id}-operator`);
        operatorScope = this.istioOperatorChart;
      }
      this.istioOperator = new ApiObject(operatorScope, 'IstioOperator', {
        apiVersion: 'install.istio.io/v1alpha1',
        kind: 'IstioOperator',
        metadata: { name, namespace: this.namespace },
        spec: Lazy.any({ produce: () => this._toIstioOperatorSpec() }),
      });
    }

    if (props.meshWidePeerAuthentication ?? props.meshWideMtlsMode !== undefined) {
      this.peerAuthentication = new PeerAuthentication(this, 'PeerAuthentication', {
        metadata: { name: 'default', namespace: this.rootNamespace },
        mtlsMode: props.meshWideMtlsMode ?? MtlsMode.STRICT,
      });
    }

    if (props.meshTelemetry) {
      this.telemetry = new Telemetry(this, 'Telemetry', {
        metadata: { name: 'mesh-default', namespace: this.rootNamespace },
        accessLogging: props.meshTelemetry.accessLogging,
        tracing: props.meshTelemetry.tracing,
        metrics: props.meshTelemetry.metrics,
      });
    }
  }

  /**
   * Whether Telemetry resources may name this provider: built in (`envoy`, `prometheus`,
   * `stackdriver`) or declared in `meshConfig.extensionProviders`.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider
   */
  public declaresProvider(name: string): boolean {
    return _declaredProviders(this.props.meshConfig).has(name);
  }

  /**
   * Whether the install deploys an ingress gateway: one enabled in `ingressGateways`, or with an
   * IstioOperator the `istio-ingressgateway` of the default, demo and preview profiles (unless listed
   * with `enabled: false`). The ambient, minimal, empty and remote profiles install none (1.30's
   * `manifests/profiles/ambient.yaml` disables it), nor does a Helm install unless a gateway is listed.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  public get installsIngressGateway(): boolean {
    const listed = this.props.ingressGateways ?? [];
    if (listed.some((g) => g.enabled ?? true)) return true;
    if (this.output === ControlPlaneOutput.HELM_VALUES) return false;
    const withGateway: string[] = [IstioProfile.DEFAULT, IstioProfile.DEMO, IstioProfile.PREVIEW];
    return withGateway.includes(this.profile) && !listed.some((g) => g.name === 'istio-ingressgateway' && g.enabled === false);
  }

  /**
   * The values files of the Helm releases that install the same control plane: `istio-base`
   * (`istio/base`; with a revision, its `defaultRevision`, so that config validation goes to this
   * revision's istiod), `istiod` (`istiod-<revision>` for a revision), one per enabled gateway
   * (`istio/gateway`, release named after the gateway) and, for the ambient profile, `istio-cni` and
   * `ztunnel`. Gateways the profile installs on its own (`istio-ingressgateway` of the default
   * profile) are not listed unless given in `ingressGateways`: the Helm install has no implicit
   * gateway. Throws for settings the charts cannot express.
   *
   * @see https://istio.io/latest/docs/setup/install/helm/
   */
  public helmValues(): HelmValuesFile[] {
    const problems = new _Problems(this.subject);
    this.checkHelm(problems);
    problems.throwIfAny();
    const p = this.props;
    const ns = this.namespace;
    const global = _compact({
      hub: p.hub,
      tag: p.tag,
      istioNamespace: ns !== 'istio-system' ? ns : undefined,
    });
    const files: HelmValuesFile[] = [];
    // With a revision, the base chart's default validation webhook must point at istiod-<revision>: its default ('default') targets a Service 'istiod'.
    files.push(HelmValuesFile._of(IstioHelmChart.BASE, 'istio-base', ns, _compact({
      defaultRevision: p.revision,
      global: ns !== 'istio-system' ? { istioNamespace: ns } : undefined,
    }), true, false));

    const meshConfig = _renderMeshConfig(p.meshConfig, this.subject);
    files.push(HelmValuesFile._of(IstioHelmChart.ISTIOD, p.revision ? `istiod-${p.revision}` : 'istiod', ns, _compact({
      profile: HELM_PROFILES.includes(this.profile) ? this.profile : undefined,
      revision: p.revision,
      global: Object.keys(global).length > 0 ? global : undefined,
      meshConfig: Object.keys(meshConfig).length > 0 ? meshConfig : undefined,
      ...this.pilotHelmValues(),
    }), false, true));

    if (this.profile === IstioProfile.AMBIENT) {
      files.push(HelmValuesFile._of(IstioHelmChart.CNI, 'istio-cni', ns, _compact({
        profile: 'ambient', revision: p.revision, global: Object.keys(global).length > 0 ? global : undefined,
      }), false, true));
      files.push(HelmValuesFile._of(IstioHelmChart.ZTUNNEL, 'ztunnel', ns, _compact({
        hub: p.hub, tag: p.tag, revision: p.revision,
      }), false, true));
    }

    for (const [kind, gateways] of [['ingress', p.ingressGateways ?? []], ['egress', p.egressGateways ?? []]] as const) {
      for (const gw of gateways.filter((g) => g.enabled ?? true)) {
        files.push(HelmValuesFile._of(IstioHelmChart.GATEWAY, gw.name, gw.namespace ?? ns, this.gatewayHelmValues(gw, kind), true, false));
      }
    }
    return files;
  }

  /**
   * Writes `helmValues()` to `directory` (created if missing), one `<release>-values.yaml` per
   * release, and returns the paths written.
   *
   * @see https://istio.io/latest/docs/setup/install/helm/
   * @example cp.writeHelmValues('dist/helm'); // then: helm upgrade --install istiod istio/istiod -n istio-system -f dist/helm/istiod-values.yaml
   */
  public writeHelmValues(directory: string): string[] {
    const files = this.helmValues();
    fs.mkdirSync(directory, { recursive: true });
    return files.map((f) => {
      const file = path.join(directory, f.fileName);
      fs.writeFileSync(file, f.toYaml());
      return file;
    });
  }

  /**
   * The commands that install the Helm releases of `helmValues()` from `directory`, in order.
   *
   * @see https://istio.io/latest/docs/setup/install/helm/
   */
  public helmCommands(directory: string = '.'): string[] {
    return this.helmValues().map((f) => f.installCommand(directory));
  }

  /** @internal */
  public _meshConfig(): MeshConfigOptions | undefined {
    return this.props.meshConfig;
  }

  /** @internal */
  public _toIstioOperatorSpec(): { [key: string]: unknown } {
    const p = this.props;
    const meshConfig = _renderMeshConfig(p.meshConfig, this.subject);
    const components = _compact({
      pilot: this.pilotOperatorSpec(),
      ingressGateways: p.ingressGateways?.length ? p.ingressGateways.map((g) => this.gatewayOperatorSpec(g)) : undefined,
      egressGateways: p.egressGateways?.length ? p.egressGateways.map((g) => this.gatewayOperatorSpec(g)) : undefined,
    });
    const values = this.operatorValues();
    return _compact({
      profile: this.profile,
      hub: p.hub,
      tag: p.tag,
      revision: p.revision,
      meshConfig: Object.keys(meshConfig).length > 0 ? meshConfig : undefined,
      components: Object.keys(components).length > 0 ? components : undefined,
      values: Object.keys(values).length > 0 ? values : undefined,
    });
  }

  private pilotOperatorSpec(): { [key: string]: unknown } | undefined {
    const k8s = this.props.pilot ? _k8sSpec(this.props.pilot) : undefined;
    return k8s && Object.keys(k8s).length > 0 ? { k8s } : undefined;
  }

  private gatewayOperatorSpec(gw: ControlPlaneGateway): { [key: string]: unknown } {
    const k8s = _k8sSpec(gw);
    const service = _compact({
      type: gw.serviceType,
      ports: gw.ports?.length
        ? gw.ports.map(_operatorServicePort)
        : undefined,
    });
    if (Object.keys(service).length > 0) k8s.service = service;
    if (gw.serviceAnnotations && Object.keys(gw.serviceAnnotations).length > 0) k8s.serviceAnnotations = { ...gw.serviceAnnotations };
    return _compact({
      name: gw.name,
      namespace: gw.namespace,
      enabled: gw.enabled ?? true,
      label: gw.labels && Object.keys(gw.labels).length > 0 ? { ...gw.labels } : undefined,
      k8s: Object.keys(k8s).length > 0 ? k8s : undefined,
    });
  }

  /** `values`: the global namespace, and autoscaling turned off where replicas are fixed (else the HPA overrides them). */
  private operatorValues(): { [key: string]: unknown } {
    const p = this.props;
    const gateways: { [key: string]: unknown } = {};
    for (const [kind, list] of [['ingress', p.ingressGateways ?? []], ['egress', p.egressGateways ?? []]] as const) {
      if (list.some((g) => (g.enabled ?? true) && g.replicas !== undefined)) gateways[`istio-${kind}gateway`] = { autoscaleEnabled: false };
    }
    return _compact({
      global: this.namespace !== 'istio-system' ? { istioNamespace: this.namespace } : undefined,
      pilot: p.pilot?.replicas !== undefined ? { autoscaleEnabled: false } : undefined,
      gateways: Object.keys(gateways).length > 0 ? gateways : undefined,
    });
  }

  private pilotHelmValues(): { [key: string]: unknown } {
    const pilot = this.props.pilot;
    if (!pilot) return {};
    return _compact({
      replicaCount: pilot.replicas,
      autoscaleEnabled: pilot.replicas !== undefined ? false : pilot.autoscaling ? true : undefined,
      autoscaleMin: pilot.autoscaling?.minReplicas,
      autoscaleMax: pilot.autoscaling?.maxReplicas,
      cpu: pilot.autoscaling?.targetCpuUtilizationPercentage !== undefined
        ? { targetAverageUtilization: pilot.autoscaling.targetCpuUtilizationPercentage } : undefined,
      resources: _renderResources(pilot.resources),
    });
  }

  private gatewayHelmValues(gw: ControlPlaneGateway, kind: 'ingress' | 'egress'): { [key: string]: unknown } {
    const service = _compact({
      // The gateway chart's Service is a LoadBalancer; the IstioOperator's egress gateways are ClusterIP.
      type: gw.serviceType ?? (kind === 'egress' ? ControlPlaneServiceType.CLUSTER_IP : undefined),
      ports: gw.ports?.length
        ? gw.ports.map(_helmServicePort)
        : undefined,
      annotations: gw.serviceAnnotations && Object.keys(gw.serviceAnnotations).length > 0 ? { ...gw.serviceAnnotations } : undefined,
    });
    const autoscaling = gw.replicas !== undefined
      ? { enabled: false }
      : gw.autoscaling
        ? _compact({
          enabled: true,
          minReplicas: gw.autoscaling.minReplicas,
          maxReplicas: gw.autoscaling.maxReplicas,
          targetCPUUtilizationPercentage: gw.autoscaling.targetCpuUtilizationPercentage,
        })
        : undefined;
    return _compact({
      revision: this.props.revision,
      labels: gw.labels && Object.keys(gw.labels).length > 0 ? { ...gw.labels } : undefined,
      replicaCount: gw.replicas,
      autoscaling,
      resources: _renderResources(gw.resources),
      service: Object.keys(service).length > 0 ? service : undefined,
    });
  }

  private checkProps(problems: _Problems, name: string): void {
    const p = this.props;
    const profiles = Object.values(IstioProfile) as string[];
    problems.check(profiles.includes(this.profile), 'profile', `must be one of ${profiles.join(', ')}`, this.profile,
      `Use a member of IstioProfile.${_didYouMean(String(this.profile), profiles)}`);
    _checkDnsSubdomain(problems, 'name', name, 'Use a name such as \'istio-control-plane\'.');
    _checkNamespace(problems, 'namespace', this.namespace, NAMESPACE_FIX);
    if (p.revision !== undefined) {
      // istioctl requires a DNS label: the revision names istiod's Service and Deployment (istiod-<revision>).
      _checkDnsLabel(problems, 'revision', p.revision,
        `Use a name such as '${String(p.revision).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || '1-30-3'}'.`);
    }
    problems.check(p.hub === undefined || HUB.test(p.hub), 'hub', 'must be an image registry path without a trailing \'/\'', p.hub,
      'Give a registry such as \'docker.io/istio\' or \'gcr.io/istio-release\'.');
    problems.check(p.tag === undefined || IMAGE_TAG.test(p.tag), 'tag', 'must be an image tag', p.tag,
      'Give a tag such as \'1.30.3\' or \'1.30.3-distroless\'.');
    _checkMeshConfig(problems, p.meshConfig, this.subject);

    const ambient = this.profile === IstioProfile.AMBIENT;
    if (ambient && !(p.sidecarsAlongsideAmbient ?? false)) {
      const hold = p.meshConfig?.defaultConfig?.holdApplicationUntilProxyStarts;
      problems.check(hold === undefined, 'meshConfig.defaultConfig.holdApplicationUntilProxyStarts',
        'is a sidecar setting, but the ambient profile runs workloads without sidecars', hold,
        'Remove it, or set sidecarsAlongsideAmbient: true if some namespaces still use sidecar injection.');
    }
    if (this.profile === IstioProfile.EMPTY) {
      problems.check(p.pilot === undefined, 'pilot', 'has no effect: the empty profile installs no istiod', p.pilot,
        'Use IstioProfile.MINIMAL (istiod only), or remove pilot.');
    }

    if (p.pilot) _checkComponent(problems, 'pilot', p.pilot);
    const seen = new Map<string, string>();
    for (const [list, prop] of [[p.ingressGateways ?? [], 'ingressGateways'], [p.egressGateways ?? [], 'egressGateways']] as const) {
      list.forEach((gw, i) => {
        const at = `${prop}[${i}]`;
        _checkDnsSubdomain(problems, `${at}.name`, gw.name, 'Give a name such as \'istio-ingressgateway\'.');
        if (gw.namespace !== undefined) _checkNamespace(problems, `${at}.namespace`, gw.namespace, NAMESPACE_FIX);
        const key = `${gw.namespace ?? this.namespace}/${gw.name}`;
        const clash = seen.get(key);
        problems.check(clash === undefined, `${at}.name`, `is already the name of ${clash} in namespace '${gw.namespace ?? this.namespace}'`, gw.name,
          'Give each gateway of a namespace its own name: they become Deployments and Services of that name.');
        seen.set(key, at);
        _checkComponent(problems, at, gw);
        _checkGatewayService(problems, at, gw, prop === 'egressGateways');
      });
    }

    if (p.meshTelemetry) {
      const declared = _declaredProviders(p.meshConfig);
      (p.meshTelemetry.accessLogging ?? []).forEach((a, i) => (a.providers ?? []).forEach((n, j) =>
        _checkProviderName(problems, `meshTelemetry.accessLogging[${i}].providers[${j}]`, n, _KINDS.ACCESS_LOG, declared)));
      (p.meshTelemetry.tracing ?? []).forEach((t, i) => (t.providers ?? []).forEach((n, j) =>
        _checkProviderName(problems, `meshTelemetry.tracing[${i}].providers[${j}]`, n, _KINDS.TRACING, declared)));
      (p.meshTelemetry.metrics ?? []).forEach((m, i) => (m.providers ?? []).forEach((n, j) =>
        _checkProviderName(problems, `meshTelemetry.metrics[${i}].providers[${j}]`, n, _KINDS.METRICS, declared)));
    }
  }

  /** What istioctl itself rejects or warns about in an IstioOperator. */
  private checkIstioOperator(problems: _Problems): void {
    const p = this.props;
    for (const [list, prop, kind] of [[p.ingressGateways ?? [], 'ingressGateways', 'ingress'], [p.egressGateways ?? [], 'egressGateways', 'egress']] as const) {
      const enabled = list.filter((g) => g.enabled ?? true);
      const fixed = enabled.filter((g) => g.replicas !== undefined).map((g) => g.name);
      const scaled = enabled.filter((g) => g.autoscaling !== undefined).map((g) => g.name);
      problems.check(fixed.length === 0 || scaled.length === 0, prop,
        `mixes fixed replicas (${fixed.join(', ')}) and autoscaling (${scaled.join(', ')}), but an IstioOperator turns autoscaling on or off for all ${kind} gateways at once (values.gateways.istio-${kind}gateway.autoscaleEnabled)`,
        list.map((g) => g.name), 'Give all of them replicas, or all of them autoscaling; or install with Helm (output: ControlPlaneOutput.HELM_VALUES), where each gateway is its own release.');
      list.forEach((gw, i) => (gw.ports ?? []).forEach((port, j) => {
        const target = port.targetPort ?? 0;
        problems.check(target === 0 ? port.number > 1024 : target >= 1024, `${prop}[${i}].ports[${j}].targetPort`,
          `is ${port.targetPort ?? `unset (so ${port.number})`}, below 1024: istioctl rejects it because the gateway does not run as root`, port.targetPort,
          `Set a targetPort above 1024, as Istio's defaults do (80 -> 8080, 443 -> 8443), such as ${port.number < 1024 ? port.number + 8000 : port.number}.`);
      }));
    }
  }

  /** What the Helm charts cannot express. */
  private checkHelm(problems: _Problems): void {
    const p = this.props;
    problems.check(this.profile !== IstioProfile.EMPTY, 'profile', 'is EMPTY, which installs nothing: there is no Helm release to give values to',
      this.profile, 'Use IstioProfile.MINIMAL for istiod alone, or output: ControlPlaneOutput.ISTIO_OPERATOR.');
    for (const [list, prop] of [[p.ingressGateways ?? [], 'ingressGateways'], [p.egressGateways ?? [], 'egressGateways']] as const) {
      list.forEach((gw, i) => {
        if (!(gw.enabled ?? true)) return;
        problems.check(typeof gw.name !== 'string' || gw.name.length <= HELM_RELEASE_MAX, `${prop}[${i}].name`,
          `is ${gw.name?.length} characters long, but the gateway chart's release is named after it and Helm allows at most ${HELM_RELEASE_MAX}`, gw.name,
          `Shorten the name to ${HELM_RELEASE_MAX} characters or fewer.`);
      });
    }
  }
}
