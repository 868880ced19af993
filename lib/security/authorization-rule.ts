import { _fail } from '../core/_errors';
import { HttpMethod } from '../core/http-method';
import { Identity } from '../core/identity';

/**
 * The attribute an AuthorizationPolicy condition (`when`) tests.
 *
 * @see https://istio.io/latest/docs/reference/config/security/conditions/
 */
export class ConditionKey {
  /**
   * `request.auth.principal`: the authenticated principal of the request's JWT (`<iss>/<sub>`). HTTP only.
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly REQUEST_AUTH_PRINCIPAL = new ConditionKey('request.auth.principal');

  /**
   * `request.auth.audiences`: the intended audiences (`aud` claim) of the request's JWT. HTTP only.
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly REQUEST_AUTH_AUDIENCES = new ConditionKey('request.auth.audiences');

  /**
   * `request.auth.presenter`: the authorized presenter (`azp` claim) of the request's JWT. HTTP only.
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly REQUEST_AUTH_PRESENTER = new ConditionKey('request.auth.presenter');

  /**
   * `source.ip`: the source IP address of the connection (IP or CIDR).
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly SOURCE_IP = new ConditionKey('source.ip');

  /**
   * `remote.ip`: the original client IP, from X-Forwarded-For or the proxy protocol (IP or CIDR).
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly REMOTE_IP = new ConditionKey('remote.ip');

  /**
   * `source.namespace`: the namespace of the peer; requires mTLS.
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly SOURCE_NAMESPACE = new ConditionKey('source.namespace');

  /**
   * `source.principal`: the principal of the peer (`cluster.local/ns/<ns>/sa/<sa>`); requires mTLS.
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly SOURCE_PRINCIPAL = new ConditionKey('source.principal');

  /**
   * `destination.ip`: the destination IP address (IP or CIDR).
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly DESTINATION_IP = new ConditionKey('destination.ip');

  /**
   * `destination.port`: the destination port.
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly DESTINATION_PORT = new ConditionKey('destination.port');

  /**
   * `connection.sni`: the server name indication of the TLS connection.
   *
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static readonly CONNECTION_SNI = new ConditionKey('connection.sni');

  /**
   * `request.auth.claims[<claim>]`: a claim of the request's JWT; give several names for a nested
   * claim (`requestAuthClaims('nested1', 'nested2')` is `request.auth.claims[nested1][nested2]`). HTTP only.
   *
   * @example ConditionKey.requestAuthClaims('groups')
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static requestAuthClaims(claim: string, ...nested: string[]): ConditionKey {
    const names = [claim, ...nested];
    names.forEach((name, i) => {
      if (!name || /[[\]]/.test(name)) {
        _fail('ConditionKey.requestAuthClaims', `claim[${i}]`, 'must be a claim name without brackets', name,
          'Give each level of a nested claim as its own argument: requestAuthClaims(\'nested1\', \'nested2\').');
      }
    });
    return new ConditionKey(`request.auth.claims${names.map((n) => `[${n}]`).join('')}`);
  }

  /**
   * `request.headers[<name>]`: an HTTP request header (pseudo-headers such as `:method` included). HTTP only.
   *
   * @example ConditionKey.requestHeader('x-token')
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static requestHeader(name: string): ConditionKey {
    if (!name || /[[\]]/.test(name)) {
      _fail('ConditionKey.requestHeader', 'name', 'must be a header name without brackets', name, 'Give the header name, such as \'x-token\'.');
    }
    return new ConditionKey(`request.headers[${name}]`);
  }

  /**
   * An `experimental.envoy.filters.*` key, given whole: Envoy filter metadata, unsupported by Istio
   * and passed as written.
   *
   * @example ConditionKey.experimentalEnvoyFilters('experimental.envoy.filters.network.mysql_proxy[db.table]')
   * @see https://istio.io/latest/docs/reference/config/security/conditions/
   */
  public static experimentalEnvoyFilters(key: string): ConditionKey {
    const prefix = 'experimental.envoy.filters.';
    if (!key || !key.startsWith(prefix) || key.length === prefix.length) {
      _fail('ConditionKey.experimentalEnvoyFilters', 'key', `must start with '${prefix}' and name a filter`, key,
        `Write it as '${prefix}${(key ?? '').replace(/^experimental\.envoy\.filters\.?/, '') || '<filter>[<key>]'}'.`);
    }
    return new ConditionKey(key);
  }

  private constructor(
    /**
     * The key as Istio writes it, such as `request.auth.claims[iss]`.
     *
     * @see https://istio.io/latest/docs/reference/config/security/conditions/
     */
    public readonly key: string,
  ) {}
}

/**
 * Who a request comes from: the peer (mTLS identity, IP) or the request's JWT. Fields are ANDed;
 * the values of one field are ORed. Values support Istio's prefix (`abc*`), suffix (`*abc`) and
 * presence (`*`) matches.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
 */
export interface AuthorizationSource {
  /**
   * Peer identities (mTLS): `Identity.fromServiceAccount(sa)`, `Identity.fromNames(ns, sa)`,
   * `Identity.principal('cluster.local/ns/a/sa/b')`, `Identity.anyAuthenticated()`; a namespace
   * identity renders as `<trust-domain>/ns/<ns>/sa/*`.
   *
   * @default - any peer
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly principals?: Identity[];

  /**
   * Peer identities that must not match.
   *
   * @default - no peer excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly notPrincipals?: Identity[];

  /**
   * Request principals from a validated JWT, `<iss>/<sub>` (`*` for any request with a valid JWT).
   *
   * @default - any request, with or without a JWT
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly requestPrincipals?: string[];

  /**
   * Request principals that must not match.
   *
   * @default - no request principal excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly notRequestPrincipals?: string[];

  /**
   * Peer namespaces (mTLS): `Identity.namespace('monitoring')` or `Identity.anyAuthenticated()`.
   *
   * @default - any namespace
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly namespaces?: Identity[];

  /**
   * Peer namespaces that must not match.
   *
   * @default - no namespace excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly notNamespaces?: Identity[];

  /**
   * Service accounts of the peer, `<namespace>/<name>` or `<name>` (in the policy's namespace).
   * Cannot be combined with principals or namespaces.
   *
   * @default - any service account
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly serviceAccounts?: string[];

  /**
   * Service accounts that must not match.
   *
   * @default - no service account excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly notServiceAccounts?: string[];

  /**
   * Trust domains of the peer.
   *
   * @default - any trust domain
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly trustDomains?: string[];

  /**
   * Trust domains that must not match.
   *
   * @default - no trust domain excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly notTrustDomains?: string[];

  /**
   * Source IP addresses or CIDR blocks of the connection.
   *
   * @default - any source IP
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly ipBlocks?: string[];

  /**
   * Source IP blocks that must not match.
   *
   * @default - no source IP excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly notIpBlocks?: string[];

  /**
   * Original client IPs or CIDR blocks (X-Forwarded-For or proxy protocol).
   *
   * @default - any client IP
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly remoteIpBlocks?: string[];

  /**
   * Original client IP blocks that must not match.
   *
   * @default - no client IP excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly notRemoteIpBlocks?: string[];
}

/**
 * What a request asks for. Fields are ANDed; the values of one field are ORed.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
 */
export interface AuthorizationOperation {
  /**
   * HTTP methods (for gRPC always POST). HTTP only.
   *
   * @default - any method
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly methods?: HttpMethod[];

  /**
   * Methods that must not match.
   *
   * @default - no method excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly notMethods?: HttpMethod[];

  /**
   * Paths, each starting with `/`; Istio's prefix (`/api/*`), suffix (`*\/admin`) and presence (`*`)
   * matches and the path templates `{*}` and `{**}` are accepted. HTTP only.
   *
   * @default - any path
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly paths?: string[];

  /**
   * Paths that must not match.
   *
   * @default - no path excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly notPaths?: string[];

  /**
   * Hosts (the `Host` or `:authority` header), with prefix and suffix wildcards. HTTP only.
   *
   * @default - any host
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly hosts?: string[];

  /**
   * Hosts that must not match.
   *
   * @default - no host excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly notHosts?: string[];

  /**
   * Destination ports of the connection.
   *
   * @default - any port
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly ports?: number[];

  /**
   * Destination ports that must not match.
   *
   * @default - no port excluded
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly notPorts?: number[];
}

/**
 * One more condition a request must meet, on an Istio attribute.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Condition
 */
export interface AuthorizationCondition {
  /**
   * The attribute tested.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Condition
   */
  readonly key: ConditionKey;

  /**
   * Values, one of which the attribute must match.
   *
   * @default - any value (give values or notValues)
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Condition
   */
  readonly values?: string[];

  /**
   * Values the attribute must not match.
   *
   * @default - no value excluded (give values or notValues)
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Condition
   */
  readonly notValues?: string[];
}

/**
 * One rule of an AuthorizationPolicy: a request matches it when it matches one of `from`, one of
 * `to`, and every `when`. A part left out matches anything.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule
 */
export interface AuthorizationRule {
  /**
   * Sources, one of which the request must come from.
   *
   * @default - any source
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule
   */
  readonly from?: AuthorizationSource[];

  /**
   * Operations, one of which the request must ask for.
   *
   * @default - any operation
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule
   */
  readonly to?: AuthorizationOperation[];

  /**
   * Conditions, all of which the request must meet.
   *
   * @default - no condition
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule
   */
  readonly when?: AuthorizationCondition[];
}

