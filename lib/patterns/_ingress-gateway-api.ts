/**
 * The Gateway API rendering of IngressGateway exposures: Istio matches and rewrites turned into
 * HTTPRoute matches and URLRewrite filters, and the HTTPRoute that re-reads its backends and
 * parents at synth.
 *
 * @internal
 */
import { Construct } from 'constructs';
import { _splitServerHost } from './_gateway-hosts';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _Problems } from '../core/_errors';
import { _gatewayApiL1 } from '../core/_l1';
import { _DNS_SUBDOMAIN } from '../core/_names';
import { _whileRendering } from '../core/_synth';
import { HttpMethod } from '../core/http-method';
import { GatewayUrlRewrite } from '../gateway-api/gateway-http-filters';
import { GatewayHeaderMatch, GatewayHttpMatch, GatewayHttpMatchOptions, GatewayPathMatch } from '../gateway-api/gateway-http-match';
import { GatewayHttpRoute, GatewayHttpRouteProps } from '../gateway-api/gateway-http-route';
import { BackendRef } from '../gateway-api/route-refs';
import { HttpMatch } from '../networking/http-match';
import { HttpRewrite } from '../networking/http-route';
import { ServerTlsMode } from '../networking/server-tls';

/** A Service backend as an exposure sees it at synth. @internal */
export interface _ServiceBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  readonly weight?: number;
}

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
    private readonly parents: () => k8s.HttpRouteSpecParentRefs[]) {
    super(scope, id, props);
  }

  /** @internal */
  public _toKube(): k8s.HttpRouteSpec {
    _whileRendering(() => this.exposures.forEach((e) => this.replaceBackends(e.ruleIndex, e.backends().map(_backendRef))));
    return { ...super._toKube(), parentRefs: this.parents() };
  }
}

/** A backend record as a BackendRef. @internal */
export function _backendRef(b: _ServiceBackend): BackendRef {
  return BackendRef.service(b.name, { port: b.port, weight: b.weight, namespace: b.namespace });
}


/** A listener hostname or `*`, as the Gateway API takes it. @internal */
export const _GATEWAY_HOSTNAME = /^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;

const SERVICE_HOST = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc\.cluster\.local)?$/;

/**
 * The Service a host names: `name` (in the routes' namespace) or `name.namespace.svc.cluster.local`;
 * undefined for any other host.
 *
 * @internal
 */
export function _serviceOfHost(host: string): { name: string; namespace?: string } | undefined {
  const m = SERVICE_HOST.exec(host);
  return m ? { name: m[1], namespace: m[4] } : undefined;
}

const MATCH_KEYS = ['uri', 'headers', 'queryParams', 'method'];

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
    const m = match._toIstio();
    const at = `${prop}[${i}]`;
    const other = Object.keys(m).filter((k) => !MATCH_KEYS.includes(k));
    problems.check(other.length === 0, at, `uses ${other.join(', ')}, which an HTTPRoute match (RoutingApi.GATEWAY_API) cannot express`, m, fix);
    const options: { -readonly [K in keyof GatewayHttpMatchOptions]: GatewayHttpMatchOptions[K] } = {};
    if (m.uri) {
      try {
        options.path = m.uri.exact !== undefined ? GatewayPathMatch.exact(m.uri.exact)
          : m.uri.prefix !== undefined ? GatewayPathMatch.prefix(m.uri.prefix) : GatewayPathMatch.regex(m.uri.regex);
      } catch (e) {
        problems.add(`${at}.uri`, `cannot be an HTTPRoute path: ${(e as Error).message}`, m.uri, 'Use an absolute path such as \'/api\'.');
      }
    }
    for (const key of ['headers', 'queryParams'] as const) {
      if (!m[key]) continue;
      const list: GatewayHeaderMatch[] = [];
      for (const [name, value] of Object.entries<any>(m[key])) {
        if (value.exact !== undefined || value.regex !== undefined) {
          list.push({ name, value: value.exact ?? value.regex, regex: value.regex !== undefined ? true : undefined });
        } else {
          problems.add(`${at}.${key}.${name}`, 'is a prefix match, which an HTTPRoute match (RoutingApi.GATEWAY_API) cannot express', value,
            `Use an exact or regex match, such as StringMatch.regex('^${value.prefix ?? ''}.*'), or route with RoutingApi.ISTIO.`);
        }
      }
      options[key] = list;
    }
    if (m.method) {
      const method = Object.values(HttpMethod).find((x) => x === m.method.exact);
      problems.check(method !== undefined, `${at}.method`, 'must be an exact HTTP method with RoutingApi.GATEWAY_API', m.method,
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
    const uris = (matches ?? []).map((m) => m._toIstio().uri ?? {});
    if (uris.length === 1 && uris[0].prefix !== undefined) {
      path = { replacePrefixMatch: rewrite.uri };
    } else if (uris.length > 0 && uris.every((u) => u.exact !== undefined)) {
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
    problems.check(server.name.length <= 200 && _DNS_SUBDOMAIN.test(server.name), `${prop}.name`, 'must be a DNS subdomain with RoutingApi.GATEWAY_API: the listeners are named after it',
      server.name, 'Use lower-case letters, digits, \'-\' and \'.\', such as \'shop-https\'.');
  }
  (server.hosts ?? []).forEach((h, i) => {
    const { host } = _splitServerHost(h);
    problems.check(_GATEWAY_HOSTNAME.test(host), `${prop}.hosts[${i}]`, 'must be a lower-case host name, \'*.\' wildcard or \'*\' with RoutingApi.GATEWAY_API (a listener\'s hostname)',
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
