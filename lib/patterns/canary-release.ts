import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _MeshRouting, _MeshServiceInternals, _meshServiceInternals } from './_mesh-routing';
import { CanaryAction, CanaryPlan, CanaryPlanStep, CanaryTrack } from './canary-plan';
import { CanaryVersion, CanaryVersionSource } from './canary-version';
import { MeshPort } from './mesh-port';
import { MeshService } from './mesh-service';
import { IMeshService } from './mesh-service-ref';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _didYouMean, _Problems, _received, _requireProps } from '../core/_errors';
import { _serviceFqdn } from '../core/_host';
import { _declareIntents } from '../core/_intents';
import { _watchSynth } from '../core/_synth';
import { DataPlaneMode, RoutingApi } from '../core/dataplane';
import { MeshLabels } from '../core/labels';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { Waypoint } from '../gateway-api/waypoint';
import { DestinationRule } from '../networking/destination-rule';
import { RetryPolicy } from '../networking/retry';
import { ConsistentHash, TrafficPolicy } from '../networking/traffic-policy';
import { VirtualService } from '../networking/virtual-service';

/**
 * A header that sends a request to the canary whatever the weights, so testers can reach it before
 * (and after) it gets a share of the traffic.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
 */
export interface CanaryHeader {
  /** The header's name, lower case, such as `x-canary`. */
  readonly name: string;

  /**
   * The value the header must have, matched exactly.
   *
   * @default 'true'
   */
  readonly value?: string;
}

/** Options for the PromQL of a CanaryRelease. */
export interface CanaryQueryOptions {
  /**
   * The range the rates are taken over.
   *
   * @default Duration.minutes(5)
   */
  readonly window?: Duration;

  /**
   * The quantile of the latency query, between 0 and 1.
   *
   * @default 0.99
   */
  readonly quantile?: number;

  /**
   * The fewest requests the version must have served in the window for the error-rate query to
   * return a value: below it the query returns no data, which a gate reads as "not enough traffic
   * yet, wait" rather than as a pass or a failure. 0 drops the condition.
   *
   * @default 100
   */
  readonly minRequests?: number;
}

/** Props of a CanaryRelease. */
export interface CanaryReleaseProps {
  /**
   * The canary version: the new version released beside the stable one.
   *
   * @see https://istio.io/latest/docs/concepts/traffic-management/#routing-versions
   */
  readonly canary: CanaryVersion;

  /**
   * The stable version: the one serving traffic before the release.
   *
   * @default - required unless `meshService` is given; with it, the MeshService's first version
   */
  readonly stable?: CanaryVersion;

  /**
   * An existing MeshService to release on: its Service, ServiceAccount, DestinationRule and
   * VirtualService are reused, the canary is added with `addVersion()` and the weights are set with
   * `splitTraffic()`. Exclusive with `name`, `namespace`, `ports`, `retries` and `stickySessions`,
   * which the MeshService already settled.
   *
   * @default - a MeshService is created for the stable version
   */
  readonly meshService?: IMeshService;

  /**
   * The service's name: of the Service, ServiceAccount, DestinationRule and VirtualService, and the
   * pods' `app` label.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The namespace of every object.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * The ports the service listens on (required unless `meshService` is given).
   *
   * @default - required unless `meshService` is given
   * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
   */
  readonly ports?: MeshPort[];

  /**
   * The canary's percentage of requests at each step, strictly increasing and ending at 100 (the
   * promotion).
   *
   * @default CanaryRelease.DEFAULT_STEPS: [5, 20, 50, 100], the seed's 95/5, 80/20, 50/50 and 100
   */
  readonly steps?: number[];

  /**
   * The step the release is at: an index into `steps`. This is the value a pipeline changes to
   * advance the release. Exclusive with `canaryWeight`.
   *
   * @default - no step: the canary gets `canaryWeight`, else nothing
   */
  readonly currentStep?: number;

  /**
   * The canary's percentage of requests, 0 to 100, instead of a step; the stable version gets the
   * rest. 0 rolls back, 100 promotes. Exclusive with `currentStep`.
   *
   * @default - the current step's weight; 0 when no step is given
   */
  readonly canaryWeight?: number;

  /**
   * The retry policy of the HTTP routes (a standalone release only).
   *
   * @default - no retries field: Istio's own default applies (2 retries on `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`, no per-try timeout)
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
   */
  readonly retries?: RetryPolicy;

  /**
   * Route requests carrying this header to the canary whatever the weights: an HTTP route placed
   * before the weighted one, for each HTTP port, with the same retries and timeout.
   *
   * @default - no header route
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
   */
  readonly canaryHeader?: CanaryHeader;

  /**
   * Mirror this percentage (0 to 100) of the route's requests to the canary, its responses discarded,
   * while the canary's weight is below 100. Mirrored copies come on top of the requests the canary
   * serves by weight.
   *
   * @default - no mirroring
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly mirrorPercentage?: number;

  /**
   * Sticky sessions: the DestinationRule's load balancer hashes requests on a header, cookie, source
   * IP or query parameter, so a client keeps the same pod within a version (a standalone release
   * only; weighted routing still picks the version per request).
   *
   * @default - Istio's own default load balancing: LEAST_REQUEST
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB
   */
  readonly stickySessions?: ConsistentHash;

  /**
   * The data plane of the release's pods (a standalone release only; with `meshService`, the
   * MeshService's).
   *
   * @default DataPlaneMode.SIDECAR
   * @see https://istio.io/latest/docs/overview/dataplane-modes/
   */
  readonly dataplane?: DataPlaneMode;

  /**
   * The waypoint that carries the release's L7 traffic in ambient mode (a standalone release only).
   *
   * @default - in ambient mode, a Waypoint `<name>-waypoint` is created
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/
   */
  readonly waypoint?: Waypoint;

  /**
   * The API the weights are set with (a standalone release only; with `meshService`, the
   * MeshService's). `RoutingApi.GATEWAY_API`: an HTTPRoute whose parent is the Service, splitting
   * between the Services `<name>-<stable>` and `<name>-<canary>`, since the Gateway API splits between
   * Services, not subsets; the canary header is a rule with a header match and mirroring a
   * RequestMirror filter.
   *
   * @default RoutingApi.ISTIO
   * @see https://istio.io/latest/docs/tasks/traffic-management/traffic-shifting/
   */
  readonly routing?: RoutingApi;
}

const used = new WeakSet<IMeshService>();

/**
 * A canary release of one service: the stable and the canary version behind one Service, a
 * DestinationRule subset for each, and VirtualService weights that follow the current step. The
 * release's state is a value in the app (`currentStep`, or `canaryWeight`), so a pipeline advances it
 * by changing that value in Git and rolls back by setting `canaryWeight: 0`; no controller runs in
 * the cluster.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/#routing-versions
 * @example
 * new CanaryRelease(chart, 'payments-api', {
 *   ports: [{ number: 8080, protocol: Protocol.HTTP }],
 *   stable: CanaryVersion.fromImage('v1', 'registry.example.com/payments-api:1.4.2'),
 *   canary: CanaryVersion.fromImage('v2', 'registry.example.com/payments-api:1.5.0'),
 *   currentStep: 1, // 80/20
 * });
 */
export class CanaryRelease extends Construct {
  /**
   * The seed's steps: 5, 20, 50 and 100 percent to the canary (95/5, 80/20, 50/50, 100).
   *
   * @see https://istio.io/latest/docs/concepts/traffic-management/#routing-versions
   */
  public static readonly DEFAULT_STEPS: number[] = [5, 20, 50, 100];

  /**
   * The MeshService the release runs on: given, or created for the stable version.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public readonly meshService: MeshService;

  /**
   * The Service in front of both versions; it selects on `app` only.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public readonly service: kplus.Service;

  /**
   * The service account both versions run as.
   *
   * @see https://istio.io/latest/docs/concepts/security/#istio-identity
   */
  public readonly serviceAccount: kplus.IServiceAccount;

  /**
   * The stable version's Deployment.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public readonly stableDeployment: kplus.Deployment;

  /**
   * The canary's Deployment.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public readonly canaryDeployment: kplus.Deployment;

  /**
   * The DestinationRule with a subset for each version.
   *
   * @default - none under `RoutingApi.GATEWAY_API`
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
   */
  public readonly destinationRule?: DestinationRule;

  /**
   * The VirtualService whose weights follow the current step.
   *
   * @default - none under `RoutingApi.GATEWAY_API`
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  public readonly virtualService?: VirtualService;

  /**
   * The HTTPRoutes whose weights follow the current step, under `RoutingApi.GATEWAY_API`.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/traffic-shifting/
   */
  public readonly gatewayRoutes: GatewayHttpRoute[];

  /**
   * The stable version's `version` label (its subset is named after it: lower case, `.` and `_` as `-`).
   *
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  public readonly stableVersion: string;

  /**
   * The canary's `version` label (its subset is named after it: lower case, `.` and `_` as `-`).
   *
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  public readonly canaryVersion: string;

  /**
   * The steps: the canary's percentage at each.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  public readonly steps: number[];

  /**
   * The index of the current step in `steps`.
   *
   * @default - not at a step: the weight was given explicitly, or no step was started
   */
  public readonly currentStep?: number;

  /**
   * The canary's current percentage of requests, 0 to 100.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  public readonly canaryWeight: number;

  /**
   * The stable version's current percentage of requests: 100 - `canaryWeight`.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  public readonly stableWeight: number;

  private readonly subject: string;
  private readonly props: CanaryReleaseProps;
  private readonly internals: _MeshServiceInternals;

  public constructor(scope: Construct, id: string, props: CanaryReleaseProps) {
    super(scope, id);
    this.subject = _constructSubject('CanaryRelease', scope, id);
    _requireProps(this.subject, props, { canary: 'Give the canary version, such as CanaryVersion.fromImage(\'v2\', \'registry.example.com/api:2.0\').' });
    const notVersions = new _Problems(this.subject);
    for (const prop of ['stable', 'canary'] as const) {
      const given: unknown = props[prop];
      notVersions.check(given === undefined || given instanceof CanaryVersion, prop, 'must be a CanaryVersion', given,
        `Use CanaryVersion.fromImage(${typeof given === 'string' ? _received(given) : '\'v2\''}, image)${prop === 'stable' ? ', CanaryVersion.fromDeployment(deployment)' : ''} or CanaryVersion.existing(version).`);
    }
    notVersions.throwIfAny();
    _watchSynth(this);
    _validateDerivedNames(this, 'CanaryRelease');
    this.props = props;
    const problems = new _Problems(this.subject);
    const mesh = props.meshService;
    const given = mesh !== undefined ? _meshServiceInternals(this.subject, 'meshService', mesh) : undefined;

    const stable = props.stable ?? (mesh ? CanaryVersion.existing(mesh.version) : undefined);
    problems.check(stable !== undefined, 'stable', 'must be given when the release creates its own service', stable,
      'Give stable: CanaryVersion.fromImage(\'v1\', image), or build on an existing MeshService with meshService.');
    const canary = props.canary;
    this.checkVersions(problems, stable, canary, mesh);

    this.steps = [...(props.steps ?? CanaryRelease.DEFAULT_STEPS)];
    const stepsOk = this.checkSteps(problems, this.steps);
    if (props.currentStep !== undefined && props.canaryWeight !== undefined) {
      problems.add('currentStep', 'cannot be set together with \'canaryWeight\': the release would have two states', props.currentStep,
        'Advance the release with currentStep alone, or give canaryWeight alone (0 to roll back).');
    }
    if (props.currentStep !== undefined) {
      problems.check(Number.isInteger(props.currentStep) && props.currentStep >= 0 && props.currentStep < this.steps.length, 'currentStep',
        `must be the index of a step, from 0 to ${this.steps.length - 1}`, props.currentStep,
        `Use an index into steps [${this.steps.join(', ')}], or canaryWeight: 0 to roll back.`);
    }
    if (props.canaryWeight !== undefined) checkWeight(problems, 'canaryWeight', props.canaryWeight);
    if (props.mirrorPercentage !== undefined) {
      problems.check(typeof props.mirrorPercentage === 'number' && props.mirrorPercentage >= 0 && props.mirrorPercentage <= 100, 'mirrorPercentage',
        'must be between 0 and 100', props.mirrorPercentage, 'Use a value from 0 to 100.');
    }
    if (props.canaryHeader !== undefined) {
      problems.check(/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(props.canaryHeader.name ?? ''), 'canaryHeader.name',
        'must be a lower-case HTTP header name', props.canaryHeader.name, 'Use a header such as \'x-canary\'.');
    }

    if (mesh) {
      for (const prop of ['name', 'namespace', 'ports', 'retries', 'stickySessions', 'dataplane', 'waypoint', 'routing'] as const) {
        problems.check(props[prop] === undefined, prop, 'cannot be set together with \'meshService\': the MeshService already settled it', prop,
          prop === 'stickySessions' ? 'Set trafficPolicy.loadBalancer.consistentHash on the MeshService, or leave meshService out.'
            : `Set ${prop} on the MeshService, or leave meshService out.`);
      }
      problems.check(!used.has(mesh), 'meshService', 'already has a CanaryRelease: two would fight over its weights', mesh.name,
        'Release one canary at a time on a MeshService.');
      problems.check(given!.routing.routable, 'meshService',
        'has no VirtualService (createVirtualService: false), so the release has no routes to set weights on', mesh.name,
        'Let the MeshService create its VirtualService, or shift the weights in the VirtualService that routes it.');
      const versionKey = given!.serviceSelector()[MeshLabels.VERSION];
      problems.check(versionKey === undefined, 'meshService', `has a Service that selects on version=${versionKey}, so only that version would get traffic`,
        mesh.name, 'Select on app only; the DestinationRule subsets pick the versions.');
    } else {
      problems.check((props.ports ?? []).length > 0, 'ports', 'must be given when the release creates its own service', props.ports,
        'Give the service\'s ports, such as [{ number: 8080, protocol: Protocol.HTTP }], or build on an existing MeshService with meshService.');
    }
    if ((mesh?.routing ?? props.routing) === RoutingApi.GATEWAY_API) {
      problems.check(props.stickySessions === undefined, 'stickySessions',
        'cannot be used with RoutingApi.GATEWAY_API: the HTTPRoute sends to the version Services, which no DestinationRule covers', 'stickySessions',
        'Route with RoutingApi.ISTIO for sticky sessions, or leave stickySessions out.');
      if (props.mirrorPercentage !== undefined) {
        problems.check(Number.isInteger(props.mirrorPercentage), 'mirrorPercentage',
          'must be a whole number with RoutingApi.GATEWAY_API (the RequestMirror filter\'s percent)', props.mirrorPercentage, 'Round it to a whole percentage.');
      }
    }
    problems.throwIfAny();

    const weight = props.canaryWeight ?? (props.currentStep !== undefined && stepsOk ? this.steps[props.currentStep] : 0);
    this.currentStep = props.currentStep;
    this.canaryWeight = weight;
    this.stableWeight = 100 - weight;
    this.stableVersion = stable!.version;
    this.canaryVersion = canary.version;

    // Only a MeshService registers routing internals, so a given one that passed the check above is one.
    this.meshService = (mesh as MeshService | undefined) ?? new MeshService(this, 'MeshService', {
      ...stable!.options,
      name: props.name ?? id,
      namespace: props.namespace,
      ports: props.ports!,
      image: stable!.image,
      deployment: stable!.deployment,
      version: stable!.version,
      retries: props.retries,
      dataplane: props.dataplane,
      waypoint: props.waypoint,
      routing: props.routing,
      trafficPolicy: props.stickySessions
        ? { ...stable!.options.trafficPolicy, loadBalancer: { consistentHash: props.stickySessions } } as TrafficPolicy
        : stable!.options.trafficPolicy,
    });
    this.canaryDeployment = canary.source === CanaryVersionSource.IMAGE
      ? this.meshService.addVersion(canary.version, canary.image!, canary.options)
      : this.meshService.deploymentOf(canary.version);
    if (mesh) used.add(mesh);
    this.stableDeployment = this.meshService.deploymentOf(this.stableVersion);
    this.service = this.meshService.service;
    this.serviceAccount = this.meshService.serviceAccount;
    this.destinationRule = this.meshService.destinationRule;
    this.virtualService = this.meshService.virtualService;
    this.gatewayRoutes = this.meshService.gatewayRoutes;

    this.internals = given ?? _meshServiceInternals(this.subject, 'meshService', this.meshService);
    this.meshService.splitTraffic({ [this.stableVersion]: this.stableWeight, [this.canaryVersion]: this.canaryWeight });
    this.routeToCanary(this.internals.routing);
    this.node.addValidation({ validate: () => this.validateSelector() });
    this.declareSplitIntent();
  }

  /**
   * Records the release's split as an intent: a request to the service reaches the stable and canary
   * versions with the step's weights, as percentages of requests (Istio's weights are proportions;
   * https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination).
   * The synth traces it from a caller an `allowFrom()` declared, else from a pod of the namespace.
   */
  private declareSplitIntent(): void {
    const mesh = this.meshService;
    const host = _serviceFqdn(mesh.name, mesh.namespace);
    const port = mesh.service.ports[0]?.port;
    const backend = (version: string, weight: number) => ({ ...this.internals.routing.versionTarget(version), weight });
    _declareIntents(this, () => port === undefined ? [] : [{
      kind: 'canary',
      from: '',
      url: `http://${host}:${port}/`,
      method: 'GET',
      backends: [backend(this.stableVersion, this.stableWeight), backend(this.canaryVersion, this.canaryWeight)].filter((b) => b.weight > 0),
      declaredBy: this.node.path,
      callee: mesh.node.path,
      calleeNamespace: mesh.namespace,
      description: `CanaryRelease '${mesh.name}' sends ${this.stableWeight}% of requests to ${this.stableVersion} and ${this.canaryWeight}% to ${this.canaryVersion}`,
    }]);
  }

  /**
   * The PromQL of a version's request error rate: the share of its requests answered with a 5xx
   * status, from `istio_requests_total` as the server side reports it (`reporter="destination"`
   * with sidecars, `reporter="waypoint"` in ambient mode, where the service's waypoint reports L7
   * metrics and ztunnel none). A version with requests and no 5xx gives 0 (`or on() vector(0)`: the
   * 5xx series does not exist until the first 5xx); a version with fewer than `minRequests`
   * requests in the window gives no data.
   *
   * @see https://istio.io/latest/docs/reference/config/metrics/
   * @example
   * release.errorRateQuery(CanaryTrack.CANARY)
   */
  public errorRateQuery(track: CanaryTrack, options: CanaryQueryOptions = {}): string {
    const window = this.window(options);
    const all = this.labels(track);
    const errors = `${all.slice(0, -1)},response_code=~"5.."}`;
    const min = options.minRequests ?? 100;
    if (!(Number.isInteger(min) && min >= 0)) {
      new _Problems(this.subject).add('options.minRequests', 'must be a whole number of at least 0', min, 'Use 100, or 0 to drop the condition.').throwIfAny();
    }
    const rate = `(sum(rate(istio_requests_total${errors}[${window}])) or on() vector(0)) / sum(rate(istio_requests_total${all}[${window}]))`;
    return min === 0 ? rate : `(${rate}) and on() (sum(increase(istio_requests_total${all}[${window}])) >= ${min})`;
  }

  /**
   * The PromQL of a version's request duration at a quantile (the 99th percentile unless told), in
   * milliseconds, from `istio_request_duration_milliseconds_bucket` as the server side reports it.
   *
   * @see https://istio.io/latest/docs/reference/config/metrics/
   * @example
   * release.latencyQuery(CanaryTrack.CANARY, { quantile: 0.95 })
   */
  public latencyQuery(track: CanaryTrack, options: CanaryQueryOptions = {}): string {
    const quantile = options.quantile ?? 0.99;
    if (!(quantile > 0 && quantile < 1)) {
      new _Problems(this.subject).add('options.quantile', 'must be between 0 and 1', quantile, 'Use 0.99 for the 99th percentile.').throwIfAny();
    }
    return `histogram_quantile(${quantile}, sum by (le) (rate(istio_request_duration_milliseconds_bucket${this.labels(track)}[${this.window(options)}])))`;
  }

  /**
   * The release as data a pipeline can print or act on: every step with its weights, the value to set
   * and what changes in the manifests, how to roll back, and the gate queries.
   *
   * @see https://istio.io/latest/docs/concepts/traffic-management/#routing-versions
   * @example
   * console.log(JSON.stringify(release.plan(), undefined, 2));
   */
  public plan(): CanaryPlan {
    const name = this.meshService.name;
    const ns = this.meshService.namespace;
    const change = (from: number, to: number): string[] => {
      if (from === to) return [];
      const kind = this.internals.routing.routeKind;
      const lines = [`${kind} ${ns}/${name}: ${this.stableVersion} ${100 - from} -> ${100 - to}, ${this.canaryVersion} ${from} -> ${to}`];
      if (this.props.mirrorPercentage !== undefined && (from === 100) !== (to === 100)) {
        lines.push(to === 100 ? `${kind} ${ns}/${name}: mirroring to ${this.canaryVersion} stops`
          : `${kind} ${ns}/${name}: mirroring of ${this.props.mirrorPercentage}% to ${this.canaryVersion} resumes`);
      }
      return lines;
    };
    const steps: CanaryPlanStep[] = this.steps.map((w, i) => ({
      index: i,
      canaryWeight: w,
      stableWeight: 100 - w,
      action: w === 100 ? CanaryAction.PROMOTE : w === 0 ? CanaryAction.HOLD : CanaryAction.SHIFT,
      current: this.currentStep === i,
      set: `currentStep: ${i}`,
      changes: change(i === 0 ? 0 : this.steps[i - 1], w),
    }));
    return {
      service: name,
      namespace: ns,
      stableVersion: this.stableVersion,
      canaryVersion: this.canaryVersion,
      canaryWeight: this.canaryWeight,
      stableWeight: this.stableWeight,
      ...(this.currentStep !== undefined ? { currentStep: this.currentStep } : {}),
      steps,
      rollback: {
        index: -1,
        canaryWeight: 0,
        stableWeight: 100,
        action: CanaryAction.ROLLBACK,
        current: this.currentStep === undefined && this.canaryWeight === 0,
        set: 'canaryWeight: 0',
        changes: change(this.canaryWeight, 0),
      },
      gates: {
        canaryErrorRate: this.errorRateQuery(CanaryTrack.CANARY),
        stableErrorRate: this.errorRateQuery(CanaryTrack.STABLE),
        canaryP99LatencyMs: this.latencyQuery(CanaryTrack.CANARY),
        stableP99LatencyMs: this.latencyQuery(CanaryTrack.STABLE),
      },
    };
  }

  /**
   * The header route and the mirror: the canary header goes to the canary whatever the weights,
   * ahead of the weighted route; the mirror copies a share of requests to the canary until it is
   * promoted. The MeshService's routing renders them (VirtualService routes, or HTTPRoute rules).
   */
  private routeToCanary(routing: _MeshRouting): void {
    const mirror = this.props.mirrorPercentage;
    if (mirror !== undefined && this.canaryWeight < 100) routing.mirror(this.canaryVersion, mirror);
    const header = this.props.canaryHeader;
    if (header) routing.routeHeader(header.name, header.value ?? 'true', this.canaryVersion);
  }

  private validateSelector(): string[] {
    const problems = new _Problems(this.subject);
    const value = this.internals.serviceSelector()[MeshLabels.VERSION];
    problems.check(value === undefined, 'service', `selects on version=${value}, so only that version would get traffic`, this.service.name,
      'Select on app only; the DestinationRule subsets pick the versions.');
    return problems.messages();
  }

  private checkVersions(problems: _Problems, stable: CanaryVersion | undefined, canary: CanaryVersion, mesh: IMeshService | undefined): void {
    if (stable && canary && stable.version === canary.version) {
      problems.add('canary', 'must be another version than \'stable\': both would be one subset', canary.version,
        `Give the canary its own version label, such as '${nextVersion(stable.version)}'.`);
    }
    if (canary?.source === CanaryVersionSource.DEPLOYMENT) {
      problems.add('canary', 'cannot adopt a Deployment: the canary is added to the service with MeshService.addVersion(), which runs an image', canary.version,
        'Use CanaryVersion.fromImage() for the canary (adopt a Deployment only as the stable version).');
    }
    for (const [prop, v] of [['stable', stable], ['canary', canary]] as const) {
      if (v?.source !== CanaryVersionSource.EXISTING) continue;
      if (!mesh) {
        problems.add(prop, 'cannot name an existing version without \'meshService\'', v.version,
          'Use CanaryVersion.fromImage(), or give the MeshService that runs the version.');
      } else {
        problems.check(mesh.versions.includes(v.version), prop, 'is not a version of the MeshService', v.version,
          `Use one of ${mesh.versions.map((x) => `'${x}'`).join(', ')}, or CanaryVersion.fromImage().${_didYouMean(v.version, mesh.versions)}`);
      }
    }
    if (mesh && stable && stable.source !== CanaryVersionSource.EXISTING) {
      problems.add('stable', 'must be a version the MeshService already runs: it is the stable one', stable.version,
        `Use CanaryVersion.existing('${mesh.version}'), or leave stable out.`);
    }
  }

  private checkSteps(problems: _Problems, steps: number[]): boolean {
    const before = problems.messages().length;
    problems.check(steps.length > 0, 'steps', 'must hold at least one step', steps, 'Give steps such as [5, 20, 50, 100].');
    steps.forEach((s, i) => checkWeight(problems, `steps[${i}]`, s));
    const unordered = steps.findIndex((s, i) => i > 0 && !(s > steps[i - 1]));
    problems.check(unordered < 0, 'steps', `must be strictly increasing, but step ${unordered} (${steps[unordered]}) is not above the one before`, steps,
      'Order the steps from the smallest canary weight to 100, each once.');
    problems.check(steps.length === 0 || steps[steps.length - 1] === 100, 'steps', 'must end at 100: the last step promotes the canary', steps,
      `Add 100 as the last step, such as [${[...steps.filter((s) => s < 100), 100].join(', ')}].`);
    return problems.messages().length === before;
  }

  private labels(track: CanaryTrack): string {
    const version = track === CanaryTrack.CANARY ? this.canaryVersion : this.stableVersion;
    // A waypoint reports L7 metrics as reporter="waypoint" (Telemetry reporter SERVER_GATEWAY,
    // pilot/pkg/model/telemetry.go); in ambient mode no sidecar reports "destination".
    const reporter = this.meshService.dataplane === DataPlaneMode.AMBIENT ? 'waypoint' : 'destination';
    return `{reporter="${reporter}",destination_service_namespace="${this.meshService.namespace}",`
      + `destination_service_name="${this.meshService.name}",destination_version="${version}"}`;
  }

  private window(options: CanaryQueryOptions): string {
    const ms = (options.window ?? Duration.minutes(5)).toMilliseconds({ integral: false });
    if (!(Number.isInteger(ms) && ms >= 1)) {
      new _Problems(this.subject).add('options.window', 'must be a whole number of milliseconds, at least 1', ms, 'Use Duration.minutes(5).').throwIfAny();
    }
    for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
      if (ms % size === 0) return `${ms / size}${unit}`;
    }
    return `${ms}ms`;
  }
}

function checkWeight(problems: _Problems, prop: string, weight: number): void {
  problems.check(Number.isInteger(weight) && weight >= 0 && weight <= 100, prop, 'must be a whole number between 0 and 100', weight,
    'Use a value from 0 to 100: the canary\'s percentage of requests.');
}

/** `v2` after `v1`, for the fix of a duplicate version. */
function nextVersion(version: string): string {
  const m = /^(.*?)(\d+)$/.exec(version);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${version}-canary`;
}
