/**
 * The Gateway API rendering of IngressGateway exposures: Istio matches and rewrites turned into
 * HTTPRoute matches and URLRewrite filters, and the HTTPRoute that re-reads its backends and
 * parents at synth.
 *
 * @internal
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _splitServerHost } from './_gateway-hosts';
import { _CheckedExposure, _IngressContext, _IngressHttpBackEnd, _ServiceBackend } from './_ingress-context';
import { IngressExposeOptions } from './ingress-expose';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _Problems } from '../core/_errors';
import { _CLUSTER_DOMAIN, _isGatewayApiHostname } from '../core/_host';
import { _gatewayApiL1 } from '../core/_l1';
import { _checkDnsSubdomain, _isDnsLabel, _isDnsSubdomain } from '../core/_names';
import { _checkPort } from '../core/_port';
import { _whileRendering } from '../core/_synth';
import { HttpMethod } from '../core/http-method';
import { GatewayUrlRewrite } from '../gateway-api/gateway-http-filters';
import { GatewayHeaderMatch, GatewayHttpMatch, GatewayHttpMatchOptions, GatewayPathMatch } from '../gateway-api/gateway-http-match';
import { GatewayHttpRoute, GatewayHttpRouteProps } from '../gateway-api/gateway-http-route';
import { BackendRef, ParentRef } from '../gateway-api/route-refs';
import { Destination } from '../networking/destination';
import { HttpMatch } from '../networking/http-match';
import { HttpRewrite } from '../networking/http-route';
import { ServerTlsMode } from '../networking/server-tls';
import { StringMatch } from '../networking/string-match';

/** One exposure's rule in a gateway HTTPRoute, with its backends read at synth. @internal */
export interface _GatewayExposure {
  readonly ruleIndex: number;
  readonly backends: () => _ServiceBackend[];
}

/**
 * An HTTPRoute of an IngressGateway: before rendering, each exposure's backends are re-read (so a
 * MeshService's later split is seen) and the parents are recomputed from the gateway's listeners.
 *
 * @internal
 */
export class _IngressHttpRoute extends GatewayHttpRoute {
  public readonly exposures: _GatewayExposure[] = [];
  public readonly exposedHosts: string[] = [];

  public constructor(scope: Construct, id: string, props: GatewayHttpRouteProps,
    private readonly parents: () => ParentRef[]) {
    super(scope, id, props);
  }

  /** @internal */
  public _toKube(): k8s.HttpRouteSpec {
    _whileRendering(() => {
      this.exposures.forEach((e) => this.replaceBackends(e.ruleIndex, e.backends().map(_backendRef)));
      // The parents, recomputed from the gateway's listeners as they stand.
      this.replaceParentRefs(this.parents());
    });
    return super._toKube();
  }
}

/** The HTTPRoutes of an IngressGateway's exposures, by name, and the ReferenceGrants they need. @internal */
export class _IngressHttpRoutes implements _IngressHttpBackEnd {
  public readonly byName = new Map<string, _IngressHttpRoute>();
  public readonly namesSubsets = false;
  public readonly grants = new Map<string, ApiObject>();
  private readonly grantedNames = new Map<string, Array<() => string[]>>();

  /** `parentsFor`: the parents of a route for hosts, as the gateway's listeners stand at synth. */
  constructor(private readonly ctx: _IngressContext, private readonly parentsFor: (hosts: string[]) => ParentRef[]) {}

  /** The route of the hosts: the one named, else the one with the same hosts, else a new one. */
  public routeFor(hosts: string[], name: string | undefined): _IngressHttpRoute {
    if (name !== undefined && this.byName.has(name)) return this.byName.get(name)!;
    if (name === undefined) {
      const found = [...this.byName.values()].find((r) => _sameHosts(r.exposedHosts, hosts));
      if (found) return found;
    }
    let chosen = name ?? this.ctx.name;
    for (let n = 2; this.byName.has(chosen); n++) chosen = `${this.ctx.name}-${n}`;
    const route = new _IngressHttpRoute(this.ctx.owner, `HTTPRoute-${chosen}`, {
      metadata: { name: chosen, namespace: this.ctx.routesNamespace },
      parentRefs: [ParentRef.gateway(this.ctx.name)],
      hostnames: hosts.includes('*') ? [] : hosts,
    }, () => this.parentsFor(hosts));
    route.exposedHosts.push(...hosts);
    this.byName.set(chosen, route);
    return route;
  }

  public checkHostTarget(problems: _Problems, host: string, port: number | undefined, service: { name: string } | undefined, hostOk: boolean): void {
    if (port === undefined) {
      problems.add('port', 'must be given with RoutingApi.GATEWAY_API: an HTTPRoute backend names its Service port', port, 'Give the port of the host, such as 9080.');
    } else {
      _checkPort(problems, 'port', port, 'Give the port of the host, such as 9080.');
    }
    if (!hostOk) return;
    problems.check(service !== undefined, 'host', 'must name a Service with RoutingApi.GATEWAY_API (its name, or <name>.<namespace>.svc.cluster.local): '
      + 'HTTPRoute backends are Services', host, 'Expose a Service of the cluster, or route with RoutingApi.ISTIO to reach a ServiceEntry host.');
  }

  /** A backend in another namespace needs a ReferenceGrant, which names the routes' namespace. */
  public checkBackendNamespace(problems: _Problems, prop: string, namespace: string | undefined): void {
    problems.check(namespace === undefined || this.ctx.routesNamespace !== undefined, prop,
      `lives in namespace '${namespace}', but the HTTPRoutes have no namespace for the ReferenceGrant that lets them reach it to name`, namespace,
      'Give the IngressGateway a namespace (or routesNamespace).');
  }

  public checkExposedHost(problems: _Problems, prop: string, host: string): boolean {
    if (_isGatewayListenerHost(host)) return true;
    problems.add(prop, 'must be a lower-case host name with RoutingApi.GATEWAY_API (HTTPRoute hostnames)', host, `Use '${host.toLowerCase()}'.`);
    return false;
  }

  public checkSharedHosts(): void {
    // HTTPRoutes sharing a host merge by the precedence of their matches, which is defined.
  }

  public checkOptions(problems: _Problems, options: IngressExposeOptions, hosts: string[]): _CheckedExposure {
    problems.check(options.retries === undefined, 'options.retries', 'cannot be expressed with RoutingApi.GATEWAY_API: the standard-channel HTTPRoute (v1.5.1) has no retries',
      options.retries?.attempts, 'Leave retries out, or route with RoutingApi.ISTIO.');
    if (options.routeName !== undefined) {
      _checkDnsSubdomain(problems, 'options.routeName', options.routeName,
        'It names the HTTPRoute rule with RoutingApi.GATEWAY_API: use lower-case letters, digits, \'-\' and \'.\'.');
    }
    return {
      hosts,
      matches: _gatewayMatches(problems, 'options.match', options.match),
      urlRewrite: _gatewayRewrite(problems, 'options.rewrite', options.rewrite, options.match),
    };
  }

  public add(checked: _CheckedExposure, options: IngressExposeOptions, _backends: () => Destination[],
    serviceBackends: () => _ServiceBackend[]): undefined {
    const names = () => serviceBackends().map((x) => x.name);
    for (const b of serviceBackends()) if (b.namespace !== undefined) this.grant(b.namespace, names);
    const route = this.routeFor(checked.hosts, options.virtualServiceName);
    const ruleIndex = route.addRule({
      name: options.routeName,
      matches: checked.matches,
      backendRefs: serviceBackends().map(_backendRef),
      timeout: options.timeout,
      urlRewrite: checked.urlRewrite,
    });
    route.exposures.push({ ruleIndex, backends: serviceBackends });
    return undefined;
  }

  /** Lets the HTTPRoutes reach Services of another namespace: a ReferenceGrant there, from the routes' namespace. */
  public grant(namespace: string, names: () => string[]): void {
    const lists = this.grantedNames.get(namespace) ?? [];
    lists.push(names);
    this.grantedNames.set(namespace, lists);
    if (this.grants.has(namespace)) return;
    this.grants.set(namespace, new (_gatewayApiL1()).ReferenceGrant(this.ctx.owner, `ReferenceGrant-${namespace}`, {
      metadata: { name: `${this.ctx.name}-routes`, namespace },
      spec: Lazy.any({
        produce: (): k8s.ReferenceGrantSpec => ({
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: this.ctx.routesNamespace! }],
          to: [...new Set(this.grantedNames.get(namespace)!.flatMap((f) => f()))].sort().map((name) => ({ group: '', kind: 'Service', name })),
        }),
      }) as any,
    }));
  }
}

/** Whether two host lists hold the same hosts. @internal */
export function _sameHosts(a: string[], b: string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((h, i) => h === y[i]);
}

/** A backend record as a BackendRef. @internal */
export function _backendRef(b: _ServiceBackend): BackendRef {
  return BackendRef.service(b.name, { port: b.port, weight: b.weight, namespace: b.namespace });
}


/** A listener hostname (a Gateway API `Hostname`) or `*`, which the pattern renders as no hostname. @internal */
export function _isGatewayListenerHost(host: string): boolean {
  return host === '*' || _isGatewayApiHostname(host);
}

/** `_isDnsLabel` as a plain test (its type guard would narrow a string to never). */
const isLabel: (value: string) => boolean = _isDnsLabel;

/** The suffix of a Service FQDN after `<name>.<namespace>`. */
const SERVICE_FQDN_SUFFIX = `.svc.${_CLUSTER_DOMAIN}`;

/**
 * The Service a host names: `name` (in the routes' namespace) or `name.namespace.svc.cluster.local`;
 * undefined for any other host.
 *
 * @internal
 */
export function _serviceOfHost(host: string): { name: string; namespace?: string } | undefined {
  if (isLabel(host)) return { name: host };
  if (!host.endsWith(SERVICE_FQDN_SUFFIX)) return undefined;
  const [name, namespace, ...rest] = host.slice(0, -SERVICE_FQDN_SUFFIX.length).split('.');
  return rest.length === 0 && isLabel(name) && isLabel(namespace) ? { name, namespace } : undefined;
}

const MATCH_KEYS = ['uri', 'headers', 'queryParams', 'method'];

/** A string match as Istio writes it, for error messages: `{ prefix: '/api' }`. */
function asWritten(m: StringMatch): { [kind: string]: string } {
  return { [m.kind]: m.value };
}

/**
 * Istio HTTP matches as HTTPRoute matches; what an HTTPRoute match cannot express is added to
 * `problems`.
 *
 * @internal
 */
export function _gatewayMatches(problems: _Problems, prop: string, matches: HttpMatch[] | undefined): GatewayHttpMatch[] | undefined {
  if (matches === undefined) return undefined;
  const fix = 'Match on the path (exact, prefix, regex), exact or regex headers and query parameters, and the method only; or route with RoutingApi.ISTIO.';
  return matches.map((match, i) => {
    const m = match.conditions;
    const at = `${prop}[${i}]`;
    const other = Object.entries(m).filter(([k, v]) => v !== undefined && !MATCH_KEYS.includes(k)).map(([k]) => k);
    problems.check(other.length === 0, at, `uses ${other.join(', ')}, which an HTTPRoute match (RoutingApi.GATEWAY_API) cannot express`, other, fix);
    const options: { -readonly [K in keyof GatewayHttpMatchOptions]: GatewayHttpMatchOptions[K] } = {};
    if (m.uri) {
      try {
        options.path = m.uri.kind === 'exact' ? GatewayPathMatch.exact(m.uri.value)
          : m.uri.kind === 'prefix' ? GatewayPathMatch.prefix(m.uri.value) : GatewayPathMatch.regex(m.uri.value);
      } catch (e) {
        problems.add(`${at}.uri`, `cannot be an HTTPRoute path: ${(e as Error).message}`, asWritten(m.uri), 'Use an absolute path such as \'/api\'.');
      }
    }
    for (const key of ['headers', 'queryParams'] as const) {
      if (!m[key]) continue;
      const list: GatewayHeaderMatch[] = [];
      for (const [name, value] of Object.entries(m[key]!)) {
        if (value.kind !== 'prefix') {
          list.push({ name, value: value.value, regex: value.kind === 'regex' ? true : undefined });
        } else {
          problems.add(`${at}.${key}.${name}`, 'is a prefix match, which an HTTPRoute match (RoutingApi.GATEWAY_API) cannot express', asWritten(value),
            `Use an exact or regex match, such as StringMatch.regex('^${value.value}.*'), or route with RoutingApi.ISTIO.`);
        }
      }
      options[key] = list;
    }
    if (m.method) {
      const method = Object.values(HttpMethod).find((x) => m.method!.kind === 'exact' && x === m.method!.value);
      problems.check(method !== undefined, `${at}.method`, 'must be an exact HTTP method with RoutingApi.GATEWAY_API', asWritten(m.method),
        `Use one of ${Object.values(HttpMethod).join(', ')}.`);
      options.method = method;
    }
    return GatewayHttpMatch.of(options);
  });
}

/**
 * An Istio rewrite as a URLRewrite filter: the authority as the host name; the path, which Istio
 * replaces by the matched prefix or the whole path of an exact match, as `replacePrefixMatch` (one
 * prefix match) or `replaceFullPath` (exact matches only).
 *
 * @internal
 */
export function _gatewayRewrite(problems: _Problems, prop: string, rewrite: HttpRewrite | undefined,
  matches: HttpMatch[] | undefined): GatewayUrlRewrite | undefined {
  if (rewrite === undefined) return undefined;
  problems.check(rewrite.uriRegexRewrite === undefined, `${prop}.uriRegexRewrite`, 'cannot be expressed with RoutingApi.GATEWAY_API: the URLRewrite filter has no regex rewrite',
    rewrite.uriRegexRewrite?.match, 'Use uri with a prefix or exact match, or route with RoutingApi.ISTIO.');
  let path: { replaceFullPath?: string; replacePrefixMatch?: string } = {};
  if (rewrite.uri !== undefined) {
    const kinds = (matches ?? []).map((m) => m.conditions.uri?.kind);
    if (kinds.length === 1 && kinds[0] === 'prefix') {
      path = { replacePrefixMatch: rewrite.uri };
    } else if (kinds.length > 0 && kinds.every((k) => k === 'exact')) {
      path = { replaceFullPath: rewrite.uri };
    } else {
      problems.add(`${prop}.uri`, 'needs one prefix match, or exact matches only, with RoutingApi.GATEWAY_API: the URLRewrite filter replaces the prefix of a single PathPrefix match or the whole path',
        rewrite.uri, 'Expose the rewritten route with match: [HttpMatch.prefix(...)] alone, or with exact matches.');
    }
  }
  return { hostname: rewrite.authority, ...path };
}

/**
 * What a Gateway API listener can take of an IngressGateway server: no target port, lower-case
 * hosts, a DNS-subdomain name, and TLS that terminates with Secrets only or passes through.
 *
 * @internal
 */
export function _checkGatewayApiServer(problems: _Problems, prop: string, server: { hosts: string[]; targetPort?: number; name?: string },
  mode: ServerTlsMode | undefined, settings: any): void {
  const istio = 'route with RoutingApi.ISTIO for it.';
  problems.check(server.targetPort === undefined, `${prop}.targetPort`, 'cannot be set with RoutingApi.GATEWAY_API: Istio deploys the gateway and its Service, '
    + 'listening on the listener\'s port', server.targetPort, `Leave targetPort out, or ${istio}`);
  if (server.name !== undefined) {
    problems.check(server.name.length <= 200 && _isDnsSubdomain(server.name), `${prop}.name`, 'must be a DNS subdomain with RoutingApi.GATEWAY_API: the listeners are named after it',
      server.name, 'Use lower-case letters, digits, \'-\' and \'.\', such as \'shop-https\'.');
  }
  (server.hosts ?? []).forEach((h, i) => {
    const { host } = _splitServerHost(h);
    problems.check(_isGatewayListenerHost(host), `${prop}.hosts[${i}]`, 'must be a lower-case host name, \'*.\' wildcard or \'*\' with RoutingApi.GATEWAY_API (a listener\'s hostname)',
      h, `Use '${h.toLowerCase()}'.`);
  });
  if (mode === ServerTlsMode.MUTUAL || mode === ServerTlsMode.OPTIONAL_MUTUAL) {
    problems.add(`${prop}.tls`, `is ${mode}, which IngressGateway does not render with RoutingApi.GATEWAY_API: the Gateway API validates client certificates `
      + 'per Gateway and port (spec.tls.frontend) against CA bundles in ConfigMaps, not per server from the credentialName Secret', mode,
    `Use ServerTls.simple() and add spec.tls.frontend to kubernetesGateway.apiObject with a JSON patch, or ${istio}`);
  } else if (mode !== undefined && mode !== ServerTlsMode.SIMPLE && mode !== ServerTlsMode.PASSTHROUGH) {
    problems.add(`${prop}.tls`, `is ${mode}, which a Gateway API listener cannot express (it terminates with certificates from Secrets, or passes TLS through)`, mode,
      `Use ServerTls.simple({ credentialName }) or ServerTls.passthrough(), or ${istio}`);
  } else if (mode === ServerTlsMode.SIMPLE) {
    const other = Object.keys(settings).filter((k) => !['mode', 'credentialName', 'credentialNames'].includes(k));
    problems.check(other.length === 0, `${prop}.tls`, `sets ${other.join(', ')}, which a Gateway API listener cannot express (only the certificate Secrets)`, other,
      `Give only credentialName(s), or ${istio}`);
  }
}
