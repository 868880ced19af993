import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _snapshot } from '../core/_compact';
import { _constructSubject, _fail, _Problems } from '../core/_errors';
import { _networkingL1 } from '../core/_l1';
import { _checkOptionalPort } from '../core/_port';
import { _re2Problem } from '../core/_re2';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { PolicyTargetRef, WorkloadSelector } from '../core/selector';

/**
 * What a patch of an EnvoyFilter applies to (`applyTo`). The member carries the wire value.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-ApplyTo
 */
export enum EnvoyFilterApplyTo {
  /** A listener. */
  LISTENER = 'LISTENER',
  /** A filter chain of a listener. */
  FILTER_CHAIN = 'FILTER_CHAIN',
  /** A network filter of a filter chain. */
  NETWORK_FILTER = 'NETWORK_FILTER',
  /** An HTTP filter of the HTTP connection manager. */
  HTTP_FILTER = 'HTTP_FILTER',
  /** A route configuration (RDS). */
  ROUTE_CONFIGURATION = 'ROUTE_CONFIGURATION',
  /** A virtual host of a route configuration. */
  VIRTUAL_HOST = 'VIRTUAL_HOST',
  /** A route of a virtual host. */
  HTTP_ROUTE = 'HTTP_ROUTE',
  /** A cluster (CDS). */
  CLUSTER = 'CLUSTER',
  /** An extension configuration (ECDS). */
  EXTENSION_CONFIG = 'EXTENSION_CONFIG',
  /** The proxy's bootstrap configuration. */
  BOOTSTRAP = 'BOOTSTRAP',
  /** A listener filter. */
  LISTENER_FILTER = 'LISTENER_FILTER',
}

/**
 * Which proxies' configuration a patch applies to (`match.context`). The member carries the wire value.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-PatchContext
 */
export enum EnvoyFilterContext {
  /** Every listener, route and cluster of sidecars and gateways. */
  ANY = 'ANY',
  /** The inbound listeners, routes and clusters of sidecars. */
  SIDECAR_INBOUND = 'SIDECAR_INBOUND',
  /** The outbound listeners, routes and clusters of sidecars. */
  SIDECAR_OUTBOUND = 'SIDECAR_OUTBOUND',
  /** Gateways. */
  GATEWAY = 'GATEWAY',
  /** Waypoints (ambient). */
  WAYPOINT = 'WAYPOINT',
}

/**
 * How a patch changes the matched object (`patch.operation`). The member carries the wire value.
 *
 * `INSERT_BEFORE`, `INSERT_AFTER`, `REPLACE` and `REMOVE` are relative to another filter: give the
 * EnvoyFilter a `priority` so it applies in a known order (istioctl: IST0151).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-Patch-Operation
 */
export enum EnvoyFilterOperation {
  /** Merge the value into the matched object (protobuf merge). */
  MERGE = 'MERGE',
  /** Add the value as a new listener, cluster or filter; ignored for routes and route configurations. */
  ADD = 'ADD',
  /** Remove the matched object; ignored for routes and route configurations. */
  REMOVE = 'REMOVE',
  /** Insert the value before the matched filter or route. */
  INSERT_BEFORE = 'INSERT_BEFORE',
  /** Insert the value after the matched filter or route. */
  INSERT_AFTER = 'INSERT_AFTER',
  /** Insert the value first in the list. */
  INSERT_FIRST = 'INSERT_FIRST',
  /** Replace the matched HTTP filter, network filter or virtual host. */
  REPLACE = 'REPLACE',
}

/**
 * The class of an HTTP filter Istio places for you with `operation: ADD` (`patch.filterClass`). The
 * member carries the wire value.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-Patch-FilterClass
 */
export enum EnvoyFilterClass {
  /** After Istio's authentication filters. */
  AUTHN = 'AUTHN',
  /** After Istio's authorization filters. */
  AUTHZ = 'AUTHZ',
  /** After Istio's stats filters. */
  STATS = 'STATS',
}

/**
 * The kind of route a route match selects (`vhost.route.action`). The member carries the wire value.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-RouteConfigurationMatch-RouteMatch-Action
 */
export enum EnvoyRouteAction {
  /** Any route. */
  ANY = 'ANY',
  /** Routes that forward to a cluster. */
  ROUTE = 'ROUTE',
  /** Routes that redirect. */
  REQUEST_REDIRECT = 'REQUEST_REDIRECT',
  /** Routes that answer directly. */
  DIRECT_RESPONSE = 'DIRECT_RESPONSE',
}

/**
 * A listener, filter chain or filter to patch (`match.listener`).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-ListenerMatch
 */
export interface EnvoyListenerMatch {
  /**
   * The listener's port (the service port for outbound listeners, the container port for inbound).
   *
   * @default - any port
   */
  readonly portNumber?: number;

  /**
   * The listener's name.
   *
   * @default - any listener
   */
  readonly name?: string;

  /**
   * The name of a listener filter to match.
   *
   * @default - any
   */
  readonly listenerFilter?: string;

  /**
   * The filter chain's name.
   *
   * @default - any filter chain
   */
  readonly filterChainName?: string;

  /**
   * The server name (SNI) of the filter chain.
   *
   * @default - any
   */
  readonly sni?: string;

  /**
   * The transport protocol of the filter chain: `tls` or `raw_buffer`.
   *
   * @default - any
   */
  readonly transportProtocol?: string;

  /**
   * The application protocols of the filter chain, comma-separated (`h2,http/1.1`).
   *
   * @default - any
   */
  readonly applicationProtocols?: string;

  /**
   * The destination port of the filter chain (inbound: the workload's port).
   *
   * @default - any
   */
  readonly destinationPort?: number;

  /**
   * The network filter of the filter chain, by name (`envoy.filters.network.http_connection_manager`).
   *
   * @default - any filter
   */
  readonly filter?: string;

  /**
   * The HTTP filter inside the HTTP connection manager, by name (`envoy.filters.http.router`);
   * needs `filter` to be the HTTP connection manager and `applyTo: HTTP_FILTER`.
   *
   * @default - any HTTP filter
   */
  readonly subFilter?: string;
}

/**
 * A route configuration, virtual host or route to patch (`match.routeConfiguration`).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-RouteConfigurationMatch
 */
export interface EnvoyRouteConfigurationMatch {
  /**
   * The service port (outbound) or listener port the route configuration serves.
   *
   * @default - any port
   */
  readonly portNumber?: number;

  /**
   * The port name of a gateway server.
   *
   * @default - any
   */
  readonly portName?: string;

  /**
   * The Istio Gateway (`namespace/name`) whose route configuration to patch.
   *
   * @default - any
   */
  readonly gateway?: string;

  /**
   * The route configuration's name.
   *
   * @default - any
   */
  readonly name?: string;

  /**
   * The virtual host's name (`inbound|http|8000`, `reviews.default.svc.cluster.local:9080`).
   *
   * @default - any virtual host
   */
  readonly vhostName?: string;

  /**
   * A domain name of the virtual host.
   *
   * @default - any
   */
  readonly vhostDomainName?: string;

  /**
   * The route's name inside the virtual host.
   *
   * @default - any route
   */
  readonly routeName?: string;

  /**
   * The kind of route.
   *
   * @default - any route (`ANY`)
   */
  readonly routeAction?: EnvoyRouteAction;
}

/**
 * A cluster to patch (`match.cluster`).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-ClusterMatch
 */
export interface EnvoyClusterMatch {
  /**
   * The service port of the cluster.
   *
   * @default - any port
   */
  readonly portNumber?: number;

  /**
   * The service's fully qualified host name.
   *
   * @default - any service
   */
  readonly service?: string;

  /**
   * The DestinationRule subset of the cluster.
   *
   * @default - any subset
   */
  readonly subset?: string;

  /**
   * The cluster's name.
   *
   * @default - any
   */
  readonly name?: string;
}

/**
 * The Envoy configuration a patch adds, merges or inserts (`patch.value`): Envoy's own xDS structure,
 * in Envoy's field names (`typed_config`, `@type`), which Istio passes through unchecked by the CRD.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-Patch
 */
export class EnvoyPatchValue {
  /**
   * Any Envoy configuration, as a JSON object (the escape hatch).
   *
   * @example EnvoyPatchValue.fromObject({ route: { rate_limits: [{ actions: [{ remote_address: {} }] }] } })
   */
  public static fromObject(value: { [key: string]: any }): EnvoyPatchValue {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      _fail('EnvoyPatchValue.fromObject', 'value', 'must be a JSON object', value, 'Give Envoy\'s configuration as an object, such as { name: \'envoy.lua\', typed_config: {...} }.');
    }
    let copy: { [key: string]: unknown };
    try {
      copy = JSON.parse(JSON.stringify(value));
    } catch {
      _fail('EnvoyPatchValue.fromObject', 'value', 'must be plain JSON (no cycles, functions or BigInts)', String(value), 'Give Envoy\'s configuration as plain data.');
    }
    return new EnvoyPatchValue(copy);
  }

  /**
   * A named filter with its typed configuration: `{ name, typed_config: { '@type': typeUrl, ...config } }`,
   * the shape of an HTTP or network filter to insert.
   *
   * @example EnvoyPatchValue.filter('envoy.filters.http.local_ratelimit', 'type.googleapis.com/udpa.type.v1.TypedStruct', { type_url: '...', value: { stat_prefix: 'http_local_rate_limiter' } })
   */
  public static filter(name: string, typeUrl: string, config: { [key: string]: any } = {}): EnvoyPatchValue {
    const problems = new _Problems('EnvoyPatchValue.filter');
    problems.check(typeof name === 'string' && name.length > 0, 'name', 'must not be empty', name, 'Name the filter, such as \'envoy.filters.http.lua\'.');
    problems.check(typeof typeUrl === 'string' && /^type\.googleapis\.com\/[A-Za-z0-9_.]+$/.test(typeUrl), 'typeUrl',
      'must be a protobuf type URL \'type.googleapis.com/<message>\'', typeUrl, 'Use the filter\'s v3 type, such as \'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua\'.');
    problems.throwIfAny();
    return EnvoyPatchValue.fromObject({ name, typed_config: { '@type': typeUrl, ...config } });
  }

  private constructor(private readonly value: { [key: string]: unknown }) {}

  /** @internal */
  public _toIstio(): { [key: string]: unknown } {
    return JSON.parse(JSON.stringify(this.value));
  }
}

/**
 * One patch of an EnvoyFilter: what it applies to, which objects it matches, and how it changes them.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-EnvoyConfigObjectPatch
 */
export interface EnvoyConfigPatch {
  /** The kind of Envoy object the patch applies to. */
  readonly applyTo: EnvoyFilterApplyTo;

  /** How the patch changes the matched objects. */
  readonly operation: EnvoyFilterOperation;

  /**
   * The Envoy configuration to add, merge or insert; required for every operation except `REMOVE`.
   *
   * @default - none (only for REMOVE)
   */
  readonly value?: EnvoyPatchValue;

  /**
   * The proxies whose configuration the patch applies to.
   *
   * @default - Istio's default: ANY
   */
  readonly context?: EnvoyFilterContext;

  /**
   * The listener, filter chain or filter to patch; for `applyTo` LISTENER, FILTER_CHAIN,
   * NETWORK_FILTER and HTTP_FILTER. Only one of `listener`, `routeConfiguration` and `cluster`.
   *
   * @default - every listener of the context
   */
  readonly listener?: EnvoyListenerMatch;

  /**
   * The route configuration, virtual host or route to patch; for `applyTo` ROUTE_CONFIGURATION,
   * VIRTUAL_HOST and HTTP_ROUTE.
   *
   * @default - every route configuration of the context
   */
  readonly routeConfiguration?: EnvoyRouteConfigurationMatch;

  /**
   * The cluster to patch; for `applyTo` CLUSTER.
   *
   * @default - every cluster of the context
   */
  readonly cluster?: EnvoyClusterMatch;

  /**
   * A regular expression (RE2) the proxy's Istio version must match (`^1\.30.*`).
   *
   * @default - every proxy version
   */
  readonly proxyVersion?: string;

  /**
   * Proxy metadata (node metadata) the proxy must carry.
   *
   * @default - any proxy
   */
  readonly proxyMetadata?: { [key: string]: string };

  /**
   * Where Istio places an HTTP filter added with `ADD`.
   *
   * @default - with ADD, at the end of the filter chain (before the router)
   */
  readonly filterClass?: EnvoyFilterClass;
}

/** Props of an EnvoyFilter. */
export interface EnvoyFilterProps extends MeshResourceProps {
  /**
   * The workloads the filter applies to, by labels (`workloadSelector.labels`).
   *
   * @default - every workload of the namespace (of the mesh, in Istio's root namespace), unless targetRefs is set
   */
  readonly workloadSelector?: WorkloadSelector;

  /**
   * The Gateway, GatewayClass or Service (waypoint) the filter attaches to, instead of a selector.
   *
   * @default - none: the filter applies by selector or to the whole namespace
   */
  readonly targetRefs?: PolicyTargetRef[];

  /**
   * The order among EnvoyFilters of the same context: lower first; Istio applies filters of equal
   * priority by creation time. Set it when a patch is relative to another filter (istioctl IST0151).
   *
   * @default - Istio's default: 0
   */
  readonly priority?: number;

  /**
   * The patches, applied in order.
   *
   * @default - none; add with `addPatch()`
   */
  readonly configPatches?: EnvoyConfigPatch[];
}

const LISTENER_CLASS = [
  EnvoyFilterApplyTo.LISTENER, EnvoyFilterApplyTo.FILTER_CHAIN, EnvoyFilterApplyTo.NETWORK_FILTER, EnvoyFilterApplyTo.HTTP_FILTER,
];
const ROUTE_CLASS = [EnvoyFilterApplyTo.ROUTE_CONFIGURATION, EnvoyFilterApplyTo.VIRTUAL_HOST, EnvoyFilterApplyTo.HTTP_ROUTE];
const HCM = ['envoy.filters.network.http_connection_manager', 'envoy.http_connection_manager'];

/**
 * An Istio `EnvoyFilter` (`networking.istio.io/v1alpha3`): patches to the Envoy configuration Istio
 * generates for the selected proxies, such as an HTTP filter inserted before the router or a route
 * merged with rate limits.
 *
 * EnvoyFilter exposes Envoy's internals, which change between Istio versions: prefer Istio's own
 * APIs (Telemetry, AuthorizationPolicy, WasmPlugin) where one exists. The construct checks the patch
 * shapes Istio's validation rejects (pkg/config/validation/envoyfilter at 1.30.3) and the operations
 * istioctl analyze reports as ignored (IST0152-IST0154); `value` is Envoy's own configuration and is
 * passed through.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/
 * @example
 * new EnvoyFilter(chart, 'lua', {
 *   workloadSelector: WorkloadSelector.labels({ app: 'reviews' }),
 *   priority: 10,
 *   configPatches: [{
 *     applyTo: EnvoyFilterApplyTo.HTTP_FILTER,
 *     context: EnvoyFilterContext.SIDECAR_INBOUND,
 *     listener: { filter: 'envoy.filters.network.http_connection_manager', subFilter: 'envoy.filters.http.router' },
 *     operation: EnvoyFilterOperation.INSERT_BEFORE,
 *     value: EnvoyPatchValue.filter('envoy.lua', 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua', { inlineCode: '...' }),
 *   }],
 * });
 */
export class EnvoyFilter extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.EnvoyFilter;

  private readonly subject: string;
  private readonly patches: EnvoyConfigPatch[] = [];
  private readonly workloadSelector?: WorkloadSelector;
  private readonly targetRefs?: PolicyTargetRef[];
  private readonly priority?: number;

  public constructor(scope: Construct, id: string, props: EnvoyFilterProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('EnvoyFilter', scope, id);
    const p = props ?? {};
    const problems = new _Problems(this.subject);
    problems.check(!(p.workloadSelector && p.targetRefs && p.targetRefs.length > 0), 'workloadSelector',
      'cannot be set together with \'targetRefs\': Istio accepts only one of the two', p.workloadSelector?.matchLabels,
      'Use \'workloadSelector\' for sidecar workloads, or \'targetRefs\' for a Gateway or waypoint; not both.');
    problems.check((p.targetRefs ?? []).length <= 16, 'targetRefs', 'must hold at most 16 references', (p.targetRefs ?? []).length, 'Split the filter.');
    if (p.priority !== undefined) {
      problems.check(Number.isInteger(p.priority) && p.priority >= -2147483648 && p.priority <= 2147483647, 'priority', 'must be a whole number (int32)',
        p.priority, 'Use a small whole number such as 10; lower applies first.');
    }
    (p.configPatches ?? []).forEach((patch, i) => this.checkPatch(problems, `configPatches[${i}]`, patch));
    problems.throwIfAny();
    this.workloadSelector = p.workloadSelector;
    this.targetRefs = p.targetRefs ? [...p.targetRefs] : undefined;
    this.priority = p.priority;
    this.patches.push(...(p.configPatches ?? []).map((x) => _snapshot(x)));
    this.apiObject = new (_networkingL1()).EnvoyFilter(this, 'Resource', {
      metadata: p.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }) as any,
    });
  }

  /** The number of patches. */
  public get patchCount(): number {
    return this.patches.length;
  }

  /**
   * Adds a patch, applied after the others.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-EnvoyConfigObjectPatch
   */
  public addPatch(patch: EnvoyConfigPatch): void {
    const problems = new _Problems(this.subject);
    this.checkPatch(problems, `configPatches[${this.patches.length}]`, patch);
    problems.throwIfAny();
    this.patches.push(_snapshot(patch));
  }

  /** @internal */
  public _toKube(): k8s.EnvoyFilterSpec {
    return _compact({
      workloadSelector: this.workloadSelector ? { labels: { ...this.workloadSelector.matchLabels } } : undefined,
      targetRefs: this.targetRefs && this.targetRefs.length > 0 ? this.targetRefs.map((r) => r._toIstio()) : undefined,
      priority: this.priority,
      configPatches: this.patches.length > 0 ? this.patches.map((patch) => renderPatch(patch)) : undefined,
    }) as k8s.EnvoyFilterSpec;
  }

  private checkPatch(problems: _Problems, prop: string, patch: EnvoyConfigPatch): void {
    if (patch === null || typeof patch !== 'object') {
      problems.add(prop, 'must be a patch', patch, 'Give { applyTo, operation, value, ... }.');
      return;
    }
    problems.check(Object.values(EnvoyFilterApplyTo).includes(patch.applyTo), `${prop}.applyTo`, 'must be an EnvoyFilterApplyTo', patch.applyTo,
      'Use a member such as EnvoyFilterApplyTo.HTTP_FILTER.');
    problems.check(Object.values(EnvoyFilterOperation).includes(patch.operation), `${prop}.operation`, 'must be an EnvoyFilterOperation', patch.operation,
      'Use a member such as EnvoyFilterOperation.MERGE.');
    if (patch.context !== undefined) {
      problems.check(Object.values(EnvoyFilterContext).includes(patch.context), `${prop}.context`, 'must be an EnvoyFilterContext', patch.context,
        'Use a member such as EnvoyFilterContext.SIDECAR_INBOUND.');
    }
    problems.check(patch.operation === EnvoyFilterOperation.REMOVE || patch.value !== undefined, `${prop}.value`,
      `must be given for operation ${patch.operation}: only REMOVE needs none (Istio: "missing patch value for non-remove operation")`, patch.value,
      'Give value: EnvoyPatchValue.fromObject({...}) or EnvoyPatchValue.filter(...).');
    problems.check(patch.value === undefined || patch.value instanceof EnvoyPatchValue, `${prop}.value`, 'must be an EnvoyPatchValue', patch.value,
      'Wrap the configuration with EnvoyPatchValue.fromObject({...}).');
    const matches = [['listener', patch.listener], ['routeConfiguration', patch.routeConfiguration], ['cluster', patch.cluster]].filter(([, m]) => m !== undefined);
    problems.check(matches.length <= 1, prop, 'must match only one of \'listener\', \'routeConfiguration\' and \'cluster\'',
      matches.map(([name]) => name), 'Keep the match of the kind applyTo names.');
    const applyTo = patch.applyTo;
    if (patch.listener || patch.routeConfiguration || patch.cluster) {
      const fits = LISTENER_CLASS.includes(applyTo) ? patch.listener !== undefined
        : ROUTE_CLASS.includes(applyTo) ? patch.routeConfiguration !== undefined
          : applyTo === EnvoyFilterApplyTo.CLUSTER ? patch.cluster !== undefined : true;
      const wanted = LISTENER_CLASS.includes(applyTo) ? 'listener' : ROUTE_CLASS.includes(applyTo) ? 'routeConfiguration' : 'cluster';
      problems.check(fits, `${prop}.${matches[0]?.[0]}`, `cannot match a ${applyTo}: Istio rejects a ${matches[0]?.[0]} match for applyTo ${applyTo}`,
        matches[0]?.[0], `Use '${wanted}' to match a ${applyTo}.`);
    }
    const l = patch.listener;
    if (l) {
      if (l.subFilter !== undefined) {
        problems.check(applyTo === EnvoyFilterApplyTo.HTTP_FILTER, `${prop}.listener.subFilter`, 'can be used with applyTo HTTP_FILTER only', l.subFilter,
          'Use applyTo: EnvoyFilterApplyTo.HTTP_FILTER, or leave subFilter out.');
        problems.check(l.filter !== undefined && HCM.includes(l.filter), `${prop}.listener.filter`,
          'must be \'envoy.filters.network.http_connection_manager\' when subFilter is given', l.filter,
          'Set filter: \'envoy.filters.network.http_connection_manager\'.');
      }
      if (l.filter !== undefined) {
        problems.check(l.filter.length > 0, `${prop}.listener.filter`, 'must not be empty', l.filter, 'Name the filter, or leave filter out.');
        problems.check(applyTo !== EnvoyFilterApplyTo.LISTENER && applyTo !== EnvoyFilterApplyTo.FILTER_CHAIN, `${prop}.listener.filter`,
          `has no effect with applyTo ${applyTo} (Istio warns)`, l.filter, 'Leave filter out, or apply to NETWORK_FILTER or HTTP_FILTER.');
      }
      for (const key of ['portNumber', 'destinationPort'] as const) {
        _checkOptionalPort(problems, `${prop}.listener.${key}`, l[key], 'Use a port such as 8080.');
      }
    }
    for (const [key, m] of [['routeConfiguration', patch.routeConfiguration], ['cluster', patch.cluster]] as const) {
      _checkOptionalPort(problems, `${prop}.${key}.portNumber`, m?.portNumber, 'Use a port such as 9080.');
    }
    if (patch.proxyVersion !== undefined) {
      const problem = _re2Problem(patch.proxyVersion);
      problems.check(problem === undefined, `${prop}.proxyVersion`, `must be a valid RE2 regular expression: ${problem}`, patch.proxyVersion,
        'Use a regular expression such as \'^1\\\\.30.*\'.');
    }
    // istioctl analyze (pkg/config/analysis/analyzers/envoyfilter): operations Istio ignores for these kinds.
    if ((patch.operation === EnvoyFilterOperation.ADD || patch.operation === EnvoyFilterOperation.REMOVE)
      && (applyTo === EnvoyFilterApplyTo.ROUTE_CONFIGURATION || applyTo === EnvoyFilterApplyTo.HTTP_ROUTE)) {
      problems.add(`${prop}.operation`, `is ignored by Istio when applyTo is ${applyTo} (istioctl: ${patch.operation === EnvoyFilterOperation.ADD ? 'IST0153' : 'IST0154'})`,
        patch.operation, 'Use MERGE to change a route configuration or route, or INSERT_BEFORE/INSERT_AFTER/INSERT_FIRST to add a route.');
    }
    if (patch.operation === EnvoyFilterOperation.REPLACE) {
      problems.check([EnvoyFilterApplyTo.HTTP_FILTER, EnvoyFilterApplyTo.NETWORK_FILTER, EnvoyFilterApplyTo.VIRTUAL_HOST].includes(applyTo), `${prop}.operation`,
        `REPLACE is valid only for HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST (received applyTo ${applyTo}; istioctl: IST0152)`, patch.operation,
        'Use MERGE, or REMOVE and ADD.');
    }
    if (patch.filterClass !== undefined) {
      problems.check(Object.values(EnvoyFilterClass).includes(patch.filterClass), `${prop}.filterClass`, 'must be an EnvoyFilterClass', patch.filterClass,
        'Use EnvoyFilterClass.AUTHN, AUTHZ or STATS.');
    }
  }
}

function renderPatch(patch: EnvoyConfigPatch): k8s.EnvoyFilterSpecConfigPatches {
  const l = patch.listener;
  const r = patch.routeConfiguration;
  const c = patch.cluster;
  const filterChain = l ? _compact({
    name: l.filterChainName,
    sni: l.sni,
    transportProtocol: l.transportProtocol,
    applicationProtocols: l.applicationProtocols,
    destinationPort: l.destinationPort,
    filter: l.filter !== undefined
      ? _compact({ name: l.filter, subFilter: l.subFilter !== undefined ? { name: l.subFilter } : undefined }) : undefined,
  }) : undefined;
  const route = r && (r.routeName !== undefined || r.routeAction !== undefined) ? _compact({ name: r.routeName, action: r.routeAction }) : undefined;
  const vhost = r && (r.vhostName !== undefined || r.vhostDomainName !== undefined || route)
    ? _compact({ name: r.vhostName, domainName: r.vhostDomainName, route }) : undefined;
  const proxy = patch.proxyVersion !== undefined || patch.proxyMetadata !== undefined
    ? _compact({ proxyVersion: patch.proxyVersion, metadata: patch.proxyMetadata ? { ...patch.proxyMetadata } : undefined }) : undefined;
  const match = _compact({
    context: patch.context,
    proxy,
    listener: l ? _compact({
      portNumber: l.portNumber,
      name: l.name,
      listenerFilter: l.listenerFilter,
      filterChain: filterChain && Object.keys(filterChain).length > 0 ? filterChain : undefined,
    }) : undefined,
    routeConfiguration: r ? _compact({ portNumber: r.portNumber, portName: r.portName, gateway: r.gateway, name: r.name, vhost }) : undefined,
    cluster: c ? _compact({ portNumber: c.portNumber, service: c.service, subset: c.subset, name: c.name }) : undefined,
  });
  return _compact({
    applyTo: patch.applyTo as string as k8s.EnvoyFilterSpecConfigPatchesApplyTo,
    match: Object.keys(match).length > 0 ? match as any : undefined,
    patch: _compact({
      operation: patch.operation as string as k8s.EnvoyFilterSpecConfigPatchesPatchOperation,
      value: patch.value?._toIstio(),
      filterClass: patch.filterClass as string as k8s.EnvoyFilterSpecConfigPatchesPatchFilterClass | undefined,
    }),
  });
}
