import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _GatewayApiRouting } from './_gateway-api-routing';
import { _IstioRouting } from './_istio-routing';
import { _MeshKubeService } from './_mesh-kube-service';
import { _MeshRouting, _registerMeshService, _RoutingContext, _versionName, _versionSuffix } from './_mesh-routing';
import { _checkAdopted, _checkImage, _checkVersion, _checkVersionOptions, _createVersionDeployment, _deploymentNameOf, _VersionContext } from './_mesh-version';
import { _ResolvedPort, _resolvePorts } from './_ports';
import { _checkPeer, MeshPeer } from './mesh-peer';
import { MeshPort } from './mesh-port';
import { IMeshService } from './mesh-service-ref';
import { MeshVersionOptions } from './mesh-version-options';
import { SidecarInjection } from './sidecar-injection';
import { _compact } from '../core/_compact';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _didYouMean, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _serviceFqdn } from '../core/_host';
import { _declareIntents, _pathFor, _podSource, _withNamespaceGuard } from '../core/_intents';
import { _checkDnsLabel, _checkNamespace } from '../core/_names';
import { _checkNotSynthesized, _watchSynth } from '../core/_synth';
import { DataPlaneMode, RoutingApi } from '../core/dataplane';
import { HttpMethod } from '../core/http-method';
import { Identity } from '../core/identity';
import { MeshLabels } from '../core/labels';
import { PolicyTargetRef, WorkloadSelector } from '../core/selector';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { Waypoint, WaypointTrafficType } from '../gateway-api/waypoint';
import { DestinationRule } from '../networking/destination-rule';
import { Fault } from '../networking/fault';
import { HttpRoute } from '../networking/http-route';
import { RetryPolicy } from '../networking/retry';
import { TcpRoute } from '../networking/tcp-route';
import { VirtualService } from '../networking/virtual-service';
import { AuthorizationAction, AuthorizationPolicy } from '../security/authorization-policy';
import { AuthorizationOperation, AuthorizationSource } from '../security/authorization-rule';

/** Props of a MeshService. */
export interface MeshServiceProps extends MeshVersionOptions {
  /**
   * The ports the service listens on, each with the protocol Istio treats it as.
   *
   * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
   */
  readonly ports: MeshPort[];

  /**
   * The service's name: the Service, ServiceAccount, DestinationRule and VirtualService are named
   * after it, the Deployment `<name>-<version>`, and its pods carry it as their `app` label.
   *
   * @default - the construct id
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  readonly name?: string;

  /**
   * The namespace of every object, existing or created by the same app.
   *
   * @default - the chart's namespace; one of the two is required
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
   */
  readonly namespace?: string;

  /**
   * The container image of the first version. Exclusive with `deployment`.
   *
   * @default - none: give an image, or a Deployment to adopt
   * @see https://kubernetes.io/docs/concepts/containers/images/
   */
  readonly image?: string;

  /**
   * An existing Deployment to adopt as the first version, instead of creating one from `image`: its
   * pod template gets the `app`, `version` and injection labels, and its service account is the
   * service's identity.
   *
   * @default - a Deployment is created from `image`
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  readonly deployment?: kplus.Deployment;

  /**
   * The first version: the pods' `version` label. Its DestinationRule subset is named after it as a
   * DNS label, lower-cased with `.` and `_` as `-` (`2024.1_rc` -> `2024-1-rc`), as istiod requires.
   *
   * @default - the adopted Deployment's `version` pod label, else 'v1'
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly version?: string;

  /**
   * The service account the pods run as: its SPIFFE principal is the service's identity.
   *
   * @default - a ServiceAccount named after the service is created (the adopted Deployment's own, or `default`, when adopting)
   * @see https://istio.io/latest/docs/concepts/security/#istio-identity
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * How the pods get their sidecar.
   *
   * @default SidecarInjection.enabled(): each pod is labelled `sidecar.istio.io/inject: "true"`
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy
   */
  readonly sidecarInjection?: SidecarInjection;

  /**
   * The retry policy of the HTTP routes; `{ attempts: 0 }` turns retries off. Retrying on `5xx`,
   * `gateway-error` or `reset` repeats requests the service may already have acted on: give those
   * conditions only for idempotent requests (analysis rule CI0030 warns on a route that also carries
   * POST or PATCH).
   *
   * @default - no retries field: Istio's own default applies (2 retries on `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`, no per-try timeout); none under `RoutingApi.GATEWAY_API`, which has no retries
   * @example { attempts: 3, perTryTimeout: Duration.seconds(2), retryOn: RetryOn.of(RetryCondition.FIVE_XX, RetryCondition.RESET, RetryCondition.CONNECT_FAILURE) }
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
   */
  readonly retries?: RetryPolicy;

  /**
   * The timeout of requests on the HTTP route.
   *
   * @default - Istio's own default: no timeout
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly timeout?: Duration;

  /**
   * Faults to inject on the HTTP route, to test how callers cope.
   *
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection
   */
  readonly fault?: Fault;

  /**
   * The name of the AuthorizationPolicy that `allowFrom()` creates.
   *
   * @default - `<name>-policy`
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  readonly policyName?: string;

  /**
   * The trust domain of the mesh, for the service's identity.
   *
   * @default 'cluster.local'
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly trustDomain?: string;

  /**
   * The data plane of the service's pods. `DataPlaneMode.AMBIENT`: the pods carry
   * `istio.io/dataplane-mode: ambient` and no injection label, the Service is labelled
   * `istio.io/use-waypoint` with the waypoint that carries its L7 traffic (routing, retries, L7
   * authorization), and `allowFrom()` attaches its policy to the Service with `targetRefs`.
   *
   * @default DataPlaneMode.SIDECAR
   * @see https://istio.io/latest/docs/overview/dataplane-modes/
   */
  readonly dataplane?: DataPlaneMode;

  /**
   * The waypoint that carries the service's L7 traffic in ambient mode, such as a
   * ZeroTrustNamespace's `waypoint`.
   *
   * @default - in ambient mode, a Waypoint `<name>-waypoint` is created for the service
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/
   */
  readonly waypoint?: Waypoint;

  /**
   * The API the service's traffic is routed with. `RoutingApi.GATEWAY_API`: an HTTPRoute `<name>`
   * whose parent is the Service and whose weighted backends are Services `<name>-<version>` (one per
   * version, selecting `app` and `version`), instead of a VirtualService and DestinationRule. HTTP
   * ports only; retries, fault injection and traffic policies are not in the Gateway API's standard
   * channel.
   *
   * @default RoutingApi.ISTIO
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
   */
  readonly routing?: RoutingApi;

  /**
   * Whether to create the service's VirtualService. `false` when another owner routes the service
   * (a team's own VirtualService, a GitOps repository): `httpRoutes` and `tcpRoutes` stay empty,
   * requests go to the Service's pods of every version, and `splitTraffic()`, `retries`, `timeout`
   * and `fault` are not available.
   *
   * @default true
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  readonly createVirtualService?: boolean;

  /**
   * Whether to create the service's DestinationRule (its version subsets and traffic policy).
   * `false` requires `createVirtualService: false` too, since the VirtualService routes to the subsets.
   *
   * @default true
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
   */
  readonly createDestinationRule?: boolean;
}

/** What `allowFrom()` allows a peer to do. Each list left out allows anything. */
export interface MeshAllowOptions {
  /**
   * The HTTP methods allowed.
   *
   * @default - any method
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly methods?: HttpMethod[];

  /**
   * The paths allowed, with Istio's prefix (`/api/*`), suffix and template matches.
   *
   * @default - any path
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly paths?: string[];

  /**
   * The ports allowed, as numbers of the service's ports; the policy names the container ports
   * behind them, which is what Istio matches.
   *
   * @default - any port
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly ports?: number[];
}

/**
 * One service in the mesh, complete and correct by construction: a ServiceAccount (its identity), a
 * Deployment per version (pods labelled `app` and `version`, and for sidecar injection), a Service
 * selecting `app` only, a DestinationRule with a subset per version, and a VirtualService whose host
 * is the Service it created. `allowFrom()` adds an ALLOW AuthorizationPolicy by SPIFFE
 * principal; `addVersion()` and `splitTraffic()` run several versions side by side.
 *
 * Every object is a public field, to be changed after construction.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/
 * @example
 * const api = new MeshService(chart, 'payments-api', {
 *   image: 'registry.example.com/payments-api:1.4.2',
 *   ports: [{ number: 8080, protocol: Protocol.HTTP }],
 * });
 * api.addVersion('v2', 'registry.example.com/payments-api:1.5.0');
 * api.splitTraffic({ v1: 90, v2: 10 });
 * api.allowFrom(MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa')), { methods: [HttpMethod.GET], paths: ['/api/payments/*'] });
 */
export class MeshService extends Construct implements IMeshService {
  /**
   * The container resources of a version unless `resources` says otherwise: requests of 100m CPU and
   * 128Mi memory and a 256Mi memory limit, with no CPU limit (a CPU limit throttles the process;
   * the request is what scheduling reserves). cdk8s-plus's own default (1 CPU, 512Mi requested)
   * leaves a few services Pending on a small cluster.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   */
  public static readonly DEFAULT_RESOURCES: kplus.ContainerResources = {
    cpu: { request: kplus.Cpu.millis(100) },
    memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
  };

  /**
   * The service's name: of the Service, and the pods' `app` label.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public readonly name: string;

  /**
   * The namespace of every object of the service.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  public readonly namespace: string;

  /**
   * The first version: its pods' `version` label and subset name.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  public readonly version: string;

  /**
   * The service account the pods of every version run as.
   *
   * @see https://istio.io/latest/docs/concepts/security/#istio-identity
   */
  public readonly serviceAccount: kplus.IServiceAccount;

  /**
   * The Deployment of the first version, created or adopted.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public readonly deployment: kplus.Deployment;

  /**
   * The Service in front of every version: it selects on `app` only.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public readonly service: kplus.Service;

  /**
   * The DestinationRule of the Service: a subset per version, and the traffic policy.
   *
   * @default - none under `RoutingApi.GATEWAY_API`
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
   */
  public readonly destinationRule?: DestinationRule;

  /**
   * The VirtualService of the Service: its host is the Service, its routes go to the versions.
   *
   * @default - none under `RoutingApi.GATEWAY_API`
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  public readonly virtualService?: VirtualService;

  /**
   * The data plane of the service's pods.
   *
   * @see https://istio.io/latest/docs/overview/dataplane-modes/
   */
  public readonly dataplane: DataPlaneMode;

  /**
   * The API the service's traffic is routed with.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
   */
  public readonly routing: RoutingApi;

  /**
   * The waypoint that carries the service's L7 traffic: given, or created.
   *
   * @default - none in sidecar mode
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/
   */
  public readonly waypoint?: Waypoint;

  /**
   * The HTTPRoutes of the Service under `RoutingApi.GATEWAY_API`: one per HTTP port (named `<name>`
   * when the service has one, `<name>-<port>` otherwise), whose parent is the Service.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
   */
  public readonly gatewayRoutes: GatewayHttpRoute[];

  /**
   * The HTTP routes of the VirtualService (retries, timeout, fault): one for each HTTP, HTTP2, GRPC or
   * GRPC-WEB port, matching its port when the service has several ports, so that each destination
   * names its port as Istio requires. Empty when the service has no HTTP port.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  public readonly httpRoutes: HttpRoute[];

  /**
   * The TCP routes of the VirtualService: one for each other port, matching its port when the
   * service has several ports. Empty when every port is HTTP.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TCPRoute
   */
  public readonly tcpRoutes: TcpRoute[];

  private readonly subject: string;
  private readonly props: MeshServiceProps;
  private readonly ports: _ResolvedPort[];
  private readonly injection: SidecarInjection;
  private readonly deployments = new Map<string, kplus.Deployment>();
  private readonly router: _MeshRouting;
  private policy?: AuthorizationPolicy;
  private readonly allowedPrincipals = new Set<string>();
  private _waypointAllowNothingPolicy?: AuthorizationPolicy;

  public constructor(scope: Construct, id: string, props: MeshServiceProps) {
    super(scope, id);
    this.subject = _constructSubject('MeshService', scope, id);
    _requireProps(this.subject, props, { ports: 'Give the ports the service listens on, such as [{ number: 8080, protocol: Protocol.HTTP }].' });
    _watchSynth(this);
    _validateDerivedNames(this, 'MeshService');
    this.props = props;
    const problems = new _Problems(this.subject);

    this.name = props.name ?? id;
    _checkDnsLabel(problems, 'name', this.name, 'It names the Service: use lower-case letters, digits and \'-\', such as \'payments-api\'.');
    const namespace = props.namespace ?? Chart.of(this).namespace;
    problems.check(namespace !== undefined, 'namespace', 'must be given, or the chart must have a namespace: the service\'s identity names it',
      namespace, 'Set namespace on the MeshService, or { namespace } on its Chart.');
    if (namespace !== undefined) _checkNamespace(problems, 'namespace', namespace, 'Use lower-case letters, digits and \'-\', such as \'payments\'.');
    this.namespace = namespace ?? '';

    if (props.image !== undefined && props.deployment !== undefined) {
      problems.add('image', 'cannot be set together with \'deployment\': the adopted Deployment brings its own containers', props.image,
        'Leave image out to adopt the Deployment, or leave deployment out to create one from the image.');
    } else if (props.deployment === undefined) {
      _checkImage(problems, 'image', props.image);
    }
    if (props.deployment && props.serviceAccount) {
      problems.add('serviceAccount', 'cannot be set together with \'deployment\': the adopted Deployment runs as its own service account',
        props.serviceAccount.name, 'Set the service account on the Deployment you adopt, and leave serviceAccount out.');
    }
    const adoptedVersion = props.deployment?.podMetadata.getLabel(MeshLabels.VERSION);
    this.version = props.version ?? adoptedVersion ?? 'v1';
    _checkVersion(problems, 'version', this.version);
    if (props.deployment) _checkAdopted(problems, props.deployment, this);
    _checkVersionOptions(problems, '', props);
    this.ports = _resolvePorts(problems, props.ports ?? []);
    const hasHttp = this.ports.some((p) => p.http);
    if (this.ports.length > 0 && !hasHttp) {
      for (const prop of ['retries', 'timeout', 'fault'] as const) {
        problems.check(props[prop] === undefined, prop, 'applies to HTTP routes only, and the service has no HTTP, HTTP2, GRPC or GRPC-WEB port',
          prop, `Remove ${prop}, or declare the HTTP port it is meant for.`);
      }
    }
    problems.check(this.ports.length === 0 || this.ports.some((p) => !p.udp), 'ports', 'must hold a port Istio proxies: its sidecars do not carry UDP',
      props.ports?.map((p) => p.number), 'Add the TCP or HTTP port the service is reached on, or run the UDP service outside MeshService.');
    this.dataplane = props.dataplane ?? DataPlaneMode.SIDECAR;
    this.routing = props.routing ?? RoutingApi.ISTIO;
    this.checkDataplane(problems, props);
    problems.throwIfAny();
    const ambient = this.dataplane === DataPlaneMode.AMBIENT;
    this.injection = props.sidecarInjection ?? (ambient ? SidecarInjection.fromNamespace() : SidecarInjection.enabled());

    const metadata = (name: string) => ({ name, namespace: this.namespace });
    this.serviceAccount = props.deployment
      ? props.deployment.serviceAccount ?? kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', 'default')
      : props.serviceAccount ?? new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: metadata(this.name) });

    if (props.deployment) {
      this.deployment = props.deployment;
      for (const [key, value] of Object.entries(this.podLabels(this.version))) this.deployment.podMetadata.addLabel(key, value);
    } else {
      this.deployment = _createVersionDeployment(this.versionContext(), 'Deployment', this.version, props.image!, props);
    }
    this.deployments.set(this.version, this.deployment);

    const service = new _MeshKubeService(this, 'Service', { metadata: { ...metadata(this.name), labels: { [MeshLabels.APP]: this.name } } }, this.ports);
    service.selectLabel(MeshLabels.APP, this.name);
    this.service = service;

    if (this.dataplane === DataPlaneMode.AMBIENT) {
      this.waypoint = props.waypoint ?? new Waypoint(this, 'Waypoint', {
        metadata: metadata(`${this.name}-waypoint`),
        trafficType: WaypointTrafficType.SERVICE,
        trustDomain: props.trustDomain,
      });
      this.service.metadata.addLabel(MeshLabels.USE_WAYPOINT, this.waypoint.name);
      if (!props.waypoint) this.denyAtOwnWaypoint(metadata(`${this.name}-waypoint-allow-nothing`));
    }

    const { retries, timeout, fault, trafficPolicy, createVirtualService, createDestinationRule } = props;
    const context: _RoutingContext = {
      scope: this,
      name: this.name,
      namespace: this.namespace,
      service,
      ports: this.ports,
      version: this.version,
      retries,
      timeout,
      fault,
      trafficPolicy,
      createVirtualService,
      createDestinationRule,
    };
    this.router = this.routing === RoutingApi.GATEWAY_API ? new _GatewayApiRouting(context) : new _IstioRouting(context);
    this.destinationRule = this.router.destinationRule;
    this.virtualService = this.router.virtualService;
    this.httpRoutes = this.router.httpRoutes;
    this.tcpRoutes = this.router.tcpRoutes;
    this.gatewayRoutes = this.router.gatewayRoutes;
    _registerMeshService(this, {
      routing: this.router,
      allowsPrincipal: (principal) => this._allowsPrincipal(principal),
      allow: (identity, options) => this.allowFrom(MeshPeer.identity(identity), options),
      serviceSelector: () => service.selectedLabels,
    });
  }

  /**
   * The identity of the service's pods: the SPIFFE principal of its service account,
   * `cluster.local/ns/<namespace>/sa/<service account>`.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public get identity(): Identity {
    return Identity.fromNames(this.namespace, this.serviceAccount.name, { trustDomain: this.props.trustDomain });
  }

  /**
   * Selects the pods of every version: `app: <name>`.
   *
   * @see https://istio.io/latest/docs/reference/config/type/workload-selector/
   */
  public get selector(): WorkloadSelector {
    return WorkloadSelector.labels({ [MeshLabels.APP]: this.name });
  }

  /**
   * The versions, in the order they were added.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  public get versions(): string[] {
    return [...this.deployments.keys()];
  }

  /**
   * The AuthorizationPolicy `allowFrom()` created, once it was called.
   *
   * @default - none until the first `allowFrom()`
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  public get authorizationPolicy(): AuthorizationPolicy | undefined {
    return this.policy;
  }

  /**
   * The Deployment of a version.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public deploymentOf(version: string): kplus.Deployment {
    const deployment = this.deployments.get(version);
    if (!deployment) {
      new _Problems(this.subject).add('version', 'is not a version of the service', version,
        `Use one of ${this.versions.map((v) => `'${v}'`).join(', ')}.${_didYouMean(version, this.versions)}`).throwIfAny();
    }
    return deployment!;
  }

  /**
   * The Service `<name>-<version>` of a version (the version lower-cased, `.` and `_` as `-`), which `RoutingApi.GATEWAY_API` splits the traffic
   * over (selecting `app` and `version`).
   *
   * @returns the version's Service; none under `RoutingApi.ISTIO`, which splits over DestinationRule subsets
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
   */
  public versionService(version: string): kplus.Service | undefined {
    this.deploymentOf(version);
    return this.router.versionService(version);
  }

  /**
   * Runs another version of the service beside the existing ones: a Deployment `<name>-<version>` with
   * the same service account, ports and pod labels (`version` its own), and its DestinationRule
   * subset. Routes are left as they are: send traffic to it with `splitTraffic()`.
   *
   * @returns the new Deployment
   * @see https://istio.io/latest/docs/concepts/traffic-management/#destination-rules
   * @example
   * service.addVersion('v2', 'registry.example.com/payments-api:1.5.0');
   */
  public addVersion(version: string, image: string, options: MeshVersionOptions = {}): kplus.Deployment {
    _checkNotSynthesized(this, 'MeshService', 'addVersion');
    _requireArg(this.subject, 'version', version, 'Give the version label, such as \'v2\'.');
    _requireArg(this.subject, 'image', image, 'Give the container image of the version.');
    const problems = new _Problems(this.subject);
    if (_checkVersion(problems, 'version', version)) {
      const clash = this.versions.find((v) => v === version || _versionSuffix(v) === _versionSuffix(version));
      problems.check(clash === undefined, 'version', clash === version ? 'already exists' : `names the same Deployment as version '${clash}'`, version,
        `Give the new version another name than ${this.versions.map((v) => `'${v}'`).join(', ')}.`);
      // Subsets (and Gateway API version Services) are named after the version as a DNS label: two versions must not share one.
      const shared = clash === undefined ? this.versions.find((v) => _versionName(v) === _versionName(version)) : undefined;
      problems.check(shared === undefined, 'version', `would route as '${_versionName(version)}', as version '${shared}' does: ${this.router.api === RoutingApi.GATEWAY_API
        ? `both Services would be named '${this.name}-${_versionName(version)}'` : 'both DestinationRule subsets would have that name (a subset name is a DNS label)'}`,
      version, `Give the new version a label that differs from ${this.versions.map((v) => `'${v}'`).join(', ')} in more than case, '.', '_' and '-'.`);
      const name = _deploymentNameOf(this.name, version, options);
      const taken = [...this.deployments.values()].find((d) => d.name === name);
      problems.check(clash !== undefined || taken === undefined, 'options.deploymentName', 'names a Deployment the service already has', name,
        'Give the version\'s Deployment another name with options.deploymentName.');
    }
    _checkImage(problems, 'image', image);
    _checkVersionOptions(problems, 'options.', options);
    this.router.checkVersion(problems, options.trafficPolicy);
    problems.throwIfAny();

    const options_ = { ...this.props, deploymentName: undefined, ..._compact(options) };
    const deployment = _createVersionDeployment(this.versionContext(), `Deployment-${version}`, version, image, options_);
    this.deployments.set(version, deployment);
    this.router.addVersion(version, options.trafficPolicy);
    return deployment;
  }

  /**
   * Sets how the service's traffic is split across its versions: each version's weight, relative to
   * the others (Istio treats weights as proportions). Versions left out get no traffic.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   * @example
   * service.splitTraffic({ v1: 90, v2: 10 });
   */
  public splitTraffic(weights: { [version: string]: number }): void {
    _checkNotSynthesized(this, 'MeshService', 'splitTraffic');
    _requireProps(this.subject, weights, {}, 'weights', 'Pass the weight of each version, such as { v1: 90, v2: 10 }.');
    const problems = new _Problems(this.subject);
    problems.check(this.router.routable, 'createVirtualService',
      'is false, so the service has no routes to split traffic with', false,
      'Split the traffic in the VirtualService that routes the service, or let the MeshService create its own.').throwIfAny();
    const entries = Object.entries(weights ?? {});
    problems.check(entries.length > 0, 'weights', 'must give at least one version a weight', weights,
      `Give weights such as { ${this.versions.map((v, i) => `${v}: ${i === 0 ? 100 : 0}`).join(', ')} }.`);
    for (const [version, weight] of entries) {
      problems.check(this.deployments.has(version), `weights.${version}`, 'names no version of the service', version,
        `Use one of ${this.versions.map((v) => `'${v}'`).join(', ')}, or add it with addVersion() first.${_didYouMean(version, this.versions)}`);
      problems.check(Number.isInteger(weight) && weight >= 0, `weights.${version}`, 'must be a whole number of at least 0', weight,
        'Use 0 or more; weights are proportions of the service\'s traffic.');
    }
    problems.check(entries.length === 0 || entries.some(([, w]) => w > 0), 'weights', 'must not all be 0: traffic would go nowhere', weights,
      'Give at least one version a weight above 0.');
    problems.throwIfAny();

    const ordered: { [version: string]: number } = {};
    this.versions.filter((v) => v in weights).forEach((v) => ordered[v] = weights[v]);
    this.router.setWeights(ordered);
  }

  /**
   * Allows requests from a peer: adds an ALLOW rule naming it to the service's AuthorizationPolicy
   * (created on the first call, selecting the service's pods; attached to the Service in ambient
   * mode). Once the policy exists, requests that no rule allows are denied. A peer is a service
   * (`MeshPeer.service(frontend)`), a gateway (`MeshPeer.gateway(ingress)`), a workload identity
   * (`MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus'))`), a service account, or
   * every workload of a namespace (`MeshPeer.namespace('monitoring')`, `source.namespaces`).
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   * @example
   * service.allowFrom(MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus')), { methods: [HttpMethod.GET], paths: ['/metrics'] });
   */
  public allowFrom(peer: MeshPeer, options: MeshAllowOptions = {}): void {
    _checkNotSynthesized(this, 'MeshService', 'allowFrom');
    const problems = new _Problems(this.subject);
    _checkPeer(problems, 'peer', peer);
    problems.throwIfAny();
    const identity = peer._identityIn(this.props.trustDomain);
    this.addAllowRule(peer.isNamespace ? { namespaces: [identity] } : { principals: [identity] }, options, identity, peer._callerPath);
  }

  /**
   * In a deny-all ZeroTrustNamespace, attaches an allow-nothing policy to the waypoint the service
   * created, as the namespace does to its own: a namespace-wide policy binds ztunnel only, and ztunnel
   * lets the namespace's waypoints in (`allow-waypoints`), so without it any caller would reach the
   * service through its waypoint (https://istio.io/latest/docs/ambient/usage/l7-features/).
   */
  private denyAtOwnWaypoint(metadata: { name: string; namespace: string }): void {
    const waypoint = this.waypoint!;
    _withNamespaceGuard(this, this.namespace, (guard) => {
      if (!guard.denyAll) return;
      this._waypointAllowNothingPolicy = AuthorizationPolicy.allowNothing(this, 'WaypointAllowNothing', { metadata, targetRefs: [waypoint.targetRef] });
    });
  }

  /**
   * The allow-nothing AuthorizationPolicy attached to the waypoint the service created, in a
   * ZeroTrustNamespace with its allow-nothing policy.
   *
   * @default - none in sidecar mode, with a waypoint given, or outside such a namespace
   * @see https://istio.io/latest/docs/ambient/usage/l7-features/
   */
  public get waypointAllowNothingPolicy(): AuthorizationPolicy | undefined {
    return this._waypointAllowNothingPolicy;
  }

  /** True when `allowFrom()` allowed this principal already, on any request. @internal */
  public _allowsPrincipal(principal: string): boolean {
    return this.allowedPrincipals.has(principal);
  }

  private addAllowRule(source: AuthorizationSource, options: MeshAllowOptions, identity: Identity, caller?: string): void {
    const problems = new _Problems(this.subject);
    const targetPorts = (options.ports ?? []).map((port, i) => {
      const found = this.ports.find((p) => p.number === port);
      problems.check(found !== undefined, `options.ports[${i}]`, 'must be a port of the service', port,
        `Use one of ${this.ports.map((p) => p.number).join(', ')}.`);
      return found?.targetPort ?? port;
    });
    problems.throwIfAny();
    const operation: AuthorizationOperation = {
      ...(options.methods && options.methods.length > 0 ? { methods: [...options.methods] } : {}),
      ...(options.paths && options.paths.length > 0 ? { paths: [...options.paths] } : {}),
      ...(targetPorts.length > 0 ? { ports: [...new Set(targetPorts)] } : {}),
    };
    // In ambient mode the service's traffic reaches it through its waypoint, which enforces the
    // policy attached to the Service; ztunnel would see the waypoint, not the caller, as the source.
    const ambient = this.dataplane === DataPlaneMode.AMBIENT;
    const policy = this.policy ?? new AuthorizationPolicy(this, 'AuthorizationPolicy', {
      metadata: { name: this.props.policyName ?? `${this.name}-policy`, namespace: this.namespace },
      selector: ambient ? undefined : this.selector,
      targetRefs: ambient ? [PolicyTargetRef.service(this.service.name)] : undefined,
      action: AuthorizationAction.ALLOW,
    });
    policy.addRule({ from: [source], ...(Object.keys(operation).length > 0 ? { to: [operation] } : {}) });
    this.policy = policy;
    this.allowedPrincipals.add(identity.asPrincipal);
    this.declareAllowIntent(identity, options, caller);
  }

  /**
   * Records the call as a traffic intent the synth traces, and makes it work by construction: a caller
   * in another namespace whose ZeroTrustNamespace scopes its sidecars' egress gets this service's host
   * added to that Sidecar, since a Sidecar's `egress.hosts` is all its proxies can route to
   * (https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener).
   */
  private declareAllowIntent(identity: Identity, options: MeshAllowOptions, caller: string | undefined): void {
    const from = _podSource(identity.namespaceName, identity.serviceAccountName);
    const callerNamespace = identity.namespaceName;
    const host = _serviceFqdn(this.name, this.namespace);
    if (callerNamespace !== undefined && !callerNamespace.includes('*') && callerNamespace !== this.namespace) {
      _withNamespaceGuard(this, callerNamespace, (guard) => guard.addEgressHost(`${this.namespace}/${host}`));
    }
    const port = options.ports?.[0] ?? (this.ports.find((p) => p.http) ?? this.ports.find((p) => !p.udp))?.number;
    const anySource = callerNamespace === undefined || callerNamespace.includes('*');
    _declareIntents(this, () => port === undefined ? [] : [{
      kind: 'allow',
      // A pattern names no single caller to trace; the entry still tells the unlisted-caller check.
      from: from ?? '',
      anySource,
      url: `http://${host}:${port}${_pathFor(options.paths)}`,
      method: options.methods?.[0] ?? 'GET',
      outcome: 'delivered',
      declaredBy: this.node.path,
      callee: this.node.path,
      caller,
      callerNamespace,
      calleeNamespace: this.namespace,
      description: `${caller ?? identity.toString()} may call MeshService '${this.name}' (allowFrom)`,
    }]);
  }

  private versionContext(): _VersionContext {
    return {
      scope: this,
      name: this.name,
      namespace: this.namespace,
      ports: this.ports,
      serviceAccount: this.serviceAccount,
      resources: MeshService.DEFAULT_RESOURCES,
      podLabels: (v) => this.podLabels(v),
    };
  }

  private podLabels(version: string): { [key: string]: string } {
    return {
      [MeshLabels.APP]: this.name,
      [MeshLabels.VERSION]: version,
      ...this.injection.podLabels,
      ...(this.dataplane === DataPlaneMode.AMBIENT ? { [MeshLabels.DATAPLANE_MODE]: DataPlaneMode.AMBIENT } : {}),
    };
  }

  private checkDataplane(problems: _Problems, props: MeshServiceProps): void {
    const ambient = this.dataplane === DataPlaneMode.AMBIENT;
    const mode = props.sidecarInjection?.mode;
    problems.check(!ambient || mode === undefined || mode === 'fromNamespace' || mode === 'disabled', 'sidecarInjection',
      'cannot inject a sidecar into ambient mode pods (dataplane: DataPlaneMode.AMBIENT)', mode,
      'Leave sidecarInjection out in ambient mode, or use DataPlaneMode.SIDECAR.');
    problems.check(ambient || props.waypoint === undefined, 'waypoint', 'applies to ambient mode only', props.waypoint?.name,
      'Set dataplane: DataPlaneMode.AMBIENT, or leave waypoint out.');
    if (this.routing === RoutingApi.GATEWAY_API) _GatewayApiRouting.check(problems, props, this.ports);
    else _IstioRouting.check(problems, props);
  }
}
