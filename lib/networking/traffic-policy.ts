import { Duration } from 'cdk8s';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _JsonObject } from '../core/_compact';
import { _renderDuration } from '../core/_duration';
import { _Problems, _requireProps } from '../core/_errors';

/**
 * The simple load balancing algorithms.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-SimpleLB
 */
export enum LoadBalancerAlgorithm {
  /** Let Istio choose (currently LEAST_REQUEST). */
  UNSPECIFIED = 'UNSPECIFIED',
  /** Round robin over the healthy endpoints. */
  ROUND_ROBIN = 'ROUND_ROBIN',
  /** The endpoint with fewer outstanding requests, of two picked at random. */
  LEAST_REQUEST = 'LEAST_REQUEST',
  /**
   * Istio's older name for LEAST_REQUEST.
   *
   * @deprecated use LEAST_REQUEST
   */
  LEAST_CONN = 'LEAST_CONN',
  /** A random healthy endpoint. */
  RANDOM = 'RANDOM',
  /** The address the caller asked for, without load balancing. */
  PASSTHROUGH = 'PASSTHROUGH',
}

/**
 * Options of a cookie-based consistent hash.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-HTTPCookie
 */
export interface HashCookieOptions {
  /**
   * The path of the cookie.
   *
   * @default - no path
   */
  readonly path?: string;

  /**
   * The lifetime of the cookie; Envoy creates the cookie when the request lacks it. `Duration.seconds(0)`
   * makes a session cookie.
   *
   * @default - Envoy does not create the cookie
   */
  readonly ttl?: Duration;
}

/**
 * Session affinity: requests with the same header, cookie, source IP or query parameter go to the
 * same endpoint.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB
 */
export class ConsistentHash {
  /** Hash on the value of an HTTP header. */
  public static header(name: string): ConsistentHash {
    return ConsistentHash.create('ConsistentHash.header', 'name', name, { httpHeaderName: name });
  }

  /** Hash on an HTTP cookie. */
  public static cookie(name: string, options: HashCookieOptions = {}): ConsistentHash {
    let ttl: string | undefined;
    if (options.ttl !== undefined) {
      const ms = options.ttl.toMilliseconds({ integral: false });
      ttl = ms === 0 ? '0s' : _renderDuration(options.ttl, 'ConsistentHash.cookie', 'options.ttl');
    }
    return ConsistentHash.create('ConsistentHash.cookie', 'name', name, {
      httpCookie: { name, ...(options.path !== undefined ? { path: options.path } : {}), ...(ttl !== undefined ? { ttl } : {}) },
    });
  }

  /** Hash on the caller's IP address. */
  public static sourceIp(): ConsistentHash {
    return new ConsistentHash({ useSourceIp: true });
  }

  /** Hash on a query parameter. */
  public static queryParameter(name: string): ConsistentHash {
    return ConsistentHash.create('ConsistentHash.queryParameter', 'name', name, { httpQueryParameterName: name });
  }

  private static create(factory: string, prop: string, name: string,
    value: k8s.DestinationRuleSpecTrafficPolicyLoadBalancerConsistentHash): ConsistentHash {
    new _Problems(factory).check(!!name, prop, 'must not be empty', name, 'Give the name to hash on.').throwIfAny();
    return new ConsistentHash(value);
  }

  private constructor(private readonly value: k8s.DestinationRuleSpecTrafficPolicyLoadBalancerConsistentHash) {}

  /**
   * A copy that uses Envoy's ring hash, optionally with a minimum ring size.
   */
  public withRingHash(minimumRingSize?: number): ConsistentHash {
    _checkSize('ConsistentHash.withRingHash', 'minimumRingSize', minimumRingSize);
    return new ConsistentHash({ ...this.value, ringHash: minimumRingSize === undefined ? {} : { minimumRingSize } });
  }

  /**
   * A copy that uses Maglev, optionally with a table size (a prime number).
   */
  public withMaglev(tableSize?: number): ConsistentHash {
    _checkSize('ConsistentHash.withMaglev', 'tableSize', tableSize);
    return new ConsistentHash({ ...this.value, maglev: tableSize === undefined ? {} : { tableSize } });
  }

  /**
   * A copy with the legacy top-level `minimumRingSize` (prefer `withRingHash()`).
   */
  public withMinimumRingSize(minimumRingSize: number): ConsistentHash {
    _checkSize('ConsistentHash.withMinimumRingSize', 'minimumRingSize', minimumRingSize);
    return new ConsistentHash({ ...this.value, minimumRingSize });
  }

  /** @internal */
  public _toIstio(): k8s.DestinationRuleSpecTrafficPolicyLoadBalancerConsistentHash {
    return JSON.parse(JSON.stringify(this.value));
  }
}

function _checkSize(factory: string, prop: string, value: number | undefined): void {
  if (value === undefined) return;
  new _Problems(factory).check(Number.isInteger(value) && value > 0, prop, 'must be a whole number above 0', value, 'Use a positive whole number.').throwIfAny();
}

/**
 * How traffic is spread across localities (region/zone/subzone).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting
 */
export interface LocalityLoadBalancerSetting {
  /**
   * Whether locality load balancing is on.
   *
   * @default - Istio's own default: on when outlier detection is set
   */
  readonly enabled?: boolean;

  /**
   * Weighted distribution from a locality to others. Exclusive with `failover`.
   *
   * @default - none
   */
  readonly distribute?: LocalityDistribution[];

  /**
   * Regions traffic fails over to when its own region has no healthy endpoint.
   *
   * @default - none
   */
  readonly failover?: LocalityFailover[];

  /**
   * Labels ordering failover priority (`topology.kubernetes.io/region` ...).
   *
   * @default - none
   */
  readonly failoverPriority?: string[];
}

/**
 * Where traffic from one locality goes, by weight.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Distribute
 */
export interface LocalityDistribution {
  /** The source locality, `region/zone/subzone`, `*` allowed. */
  readonly from: string;
  /** The destination localities and the percentage each receives; the percentages sum to 100. */
  readonly to: { [locality: string]: number };
}

/**
 * Where traffic goes when a region has no healthy endpoint.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Failover
 */
export interface LocalityFailover {
  /** The region that fails. */
  readonly from: string;
  /** The region traffic fails over to. */
  readonly to: string;
}

/**
 * Slow start: new endpoints receive traffic gradually.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#WarmupConfiguration
 */
export interface WarmupSettings {
  /** How long an endpoint warms up. */
  readonly duration: Duration;

  /**
   * The percentage of its full traffic an endpoint starts with.
   *
   * @default - Istio's own default: 10
   */
  readonly minimumPercent?: number;

  /**
   * How fast traffic grows during warmup (1 is linear).
   *
   * @default - Istio's own default: 1
   */
  readonly aggression?: number;
}

/**
 * How a client picks an endpoint of the host: a simple algorithm or a consistent hash, with
 * locality settings and warmup.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings
 */
export interface LoadBalancerSettings {
  /**
   * A simple algorithm. Exclusive with `consistentHash`.
   *
   * @default - Istio's own default: LEAST_REQUEST
   */
  readonly simple?: LoadBalancerAlgorithm;

  /**
   * Session affinity by a consistent hash. Exclusive with `simple`.
   *
   * @default - no affinity
   */
  readonly consistentHash?: ConsistentHash;

  /**
   * Locality load balancing.
   *
   * @default - the mesh-wide locality settings
   */
  readonly localityLbSetting?: LocalityLoadBalancerSetting;

  /**
   * Slow start for new endpoints.
   *
   * @default - no warmup
   */
  readonly warmup?: WarmupSettings;
}

/**
 * TCP keepalive probes on upstream connections.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings-TcpKeepalive
 */
export interface TcpKeepalive {
  /**
   * Unanswered probes before the connection is dropped.
   *
   * @default - the operating system's (9 on Linux)
   */
  readonly probes?: number;

  /**
   * Idle time before the first probe.
   *
   * @default - the operating system's (2 hours on Linux)
   */
  readonly time?: Duration;

  /**
   * Time between probes.
   *
   * @default - the operating system's (75s on Linux)
   */
  readonly interval?: Duration;
}

/**
 * TCP connection limits, for TCP and HTTP upstreams alike.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings
 */
export interface TcpConnectionPool {
  /**
   * The most connections to one destination host.
   *
   * @default - Istio's own default: 2^32-1
   */
  readonly maxConnections?: number;

  /**
   * The TCP connect timeout.
   *
   * @default - Istio's own default: 10s
   */
  readonly connectTimeout?: Duration;

  /**
   * Keepalive probes.
   *
   * @default - no keepalive
   */
  readonly tcpKeepalive?: TcpKeepalive;

  /**
   * The longest a connection may live.
   *
   * @default - no limit
   */
  readonly maxConnectionDuration?: Duration;

  /**
   * How long a connection may stay idle (no bytes sent or received).
   *
   * @default - Istio's own default: 1h
   */
  readonly idleTimeout?: Duration;
}

/**
 * How HTTP/1.1 connections to the upstream may be upgraded to HTTP/2.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-H2UpgradePolicy
 */
export enum H2UpgradePolicy {
  /** The mesh-wide setting. */
  DEFAULT = 'DEFAULT',
  /** Never upgrade. */
  DO_NOT_UPGRADE = 'DO_NOT_UPGRADE',
  /** Upgrade to HTTP/2. */
  UPGRADE = 'UPGRADE',
}

/**
 * HTTP request limits.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings
 */
export interface HttpConnectionPool {
  /**
   * The most requests queued while waiting for a connection.
   *
   * @default - Istio's own default: 2^32-1
   */
  readonly http1MaxPendingRequests?: number;

  /**
   * The most active requests to a destination.
   *
   * @default - Istio's own default: 2^32-1
   */
  readonly http2MaxRequests?: number;

  /**
   * The most requests per connection; 1 disables keepalive.
   *
   * @default - no limit
   */
  readonly maxRequestsPerConnection?: number;

  /**
   * The most retries outstanding to all hosts of the cluster at once.
   *
   * @default - Istio's own default: 2^32-1
   */
  readonly maxRetries?: number;

  /**
   * How long a connection may have no active request.
   *
   * @default - Istio's own default: 1h
   */
  readonly idleTimeout?: Duration;

  /**
   * Whether HTTP/1.1 connections are upgraded to HTTP/2.
   *
   * @default H2UpgradePolicy.DEFAULT
   */
  readonly h2UpgradePolicy?: H2UpgradePolicy;

  /**
   * Use the caller's HTTP version upstream.
   *
   * @default false
   */
  readonly useClientProtocol?: boolean;

  /**
   * The most concurrent streams per HTTP/2 connection.
   *
   * @default - Istio's own default: 2^31-1
   */
  readonly maxConcurrentStreams?: number;
}

/**
 * Connection limits (circuit breaking by volume).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings
 */
export interface ConnectionPoolSettings {
  /**
   * TCP limits.
   *
   * @default - Istio's defaults
   */
  readonly tcp?: TcpConnectionPool;

  /**
   * HTTP limits.
   *
   * @default - Istio's defaults
   */
  readonly http?: HttpConnectionPool;
}

/**
 * Ejects endpoints that keep failing from the load balancing pool (circuit breaking by errors).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
 */
export interface OutlierDetection {
  /**
   * 5xx responses (and connection failures for TCP) in a row that eject an endpoint; 0 disables.
   *
   * @default - Istio's own default: 5
   */
  readonly consecutive5xxErrors?: number;

  /**
   * 502, 503 and 504 responses in a row that eject an endpoint; 0 disables.
   *
   * @default - disabled
   */
  readonly consecutiveGatewayErrors?: number;

  /**
   * Locally originated failures in a row that eject an endpoint (with `splitExternalLocalOriginErrors`).
   *
   * @default - Istio's own default: 5
   */
  readonly consecutiveLocalOriginFailures?: number;

  /**
   * Count local failures (timeouts, resets) apart from upstream errors.
   *
   * @default false
   */
  readonly splitExternalLocalOriginErrors?: boolean;

  /**
   * Time between ejection sweeps.
   *
   * @default - Istio's own default: 10s
   */
  readonly interval?: Duration;

  /**
   * Minimum ejection time; it grows with each ejection.
   *
   * @default - Istio's own default: 30s
   */
  readonly baseEjectionTime?: Duration;

  /**
   * The most of the pool that may be ejected, in percent.
   *
   * @default - Istio's own default: 10
   */
  readonly maxEjectionPercent?: number;

  /**
   * Outlier detection stops when fewer endpoints than this percentage are healthy.
   *
   * @default - Istio's own default: 0 (always on)
   */
  readonly minHealthPercent?: number;
}

/**
 * The TLS modes for connections to the upstream.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode
 */
export enum ClientTlsMode {
  /** Plain text. */
  DISABLE = 'DISABLE',
  /** TLS, verifying the server. */
  SIMPLE = 'SIMPLE',
  /** Mutual TLS with a client certificate of your own. */
  MUTUAL = 'MUTUAL',
  /** Mutual TLS with the certificates Istio issues to workloads. */
  ISTIO_MUTUAL = 'ISTIO_MUTUAL',
}

/**
 * Certificates and checks of TLS to the upstream.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings
 */
export interface ClientTlsOptions {
  /**
   * Path of the client certificate file (MUTUAL); needs `privateKey`.
   *
   * @default - none
   */
  readonly clientCertificate?: string;

  /**
   * Path of the client private key file (MUTUAL); needs `clientCertificate`.
   *
   * @default - none
   */
  readonly privateKey?: string;

  /**
   * Path of the CA certificates that verify the server.
   *
   * @default - the system's trusted CAs, unless `insecureSkipVerify`
   */
  readonly caCertificates?: string;

  /**
   * The Kubernetes Secret holding the client certificate, key and CA (the client's namespace).
   * Exclusive with the file paths.
   *
   * @default - none
   */
  readonly credentialName?: string;

  /**
   * Names the server certificate's subject alternative names must include.
   *
   * @default - not checked
   */
  readonly subjectAltNames?: string[];

  /**
   * The SNI sent in the TLS handshake.
   *
   * @default - Istio's own default: the host, for SIMPLE and MUTUAL
   */
  readonly sni?: string;

  /**
   * Skip verifying the server certificate (testing only).
   *
   * @default false
   */
  readonly insecureSkipVerify?: boolean;

  /**
   * Path of the certificate revocation list.
   *
   * @default - none
   */
  readonly caCrl?: string;
}

/**
 * TLS settings of connections to the upstream.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings
 */
export class ClientTls {
  /** Plain text: no TLS to the upstream. */
  public static disable(): ClientTls {
    return new ClientTls(ClientTlsMode.DISABLE, {});
  }

  /**
   * Mutual TLS with Istio's workload certificates, the usual choice inside the mesh. Only `sni`
   * and `subjectAltNames` may be given.
   */
  public static istioMutual(options: ClientTlsOptions = {}): ClientTls {
    const problems = new _Problems('ClientTls.istioMutual');
    for (const field of ['clientCertificate', 'privateKey', 'caCertificates', 'credentialName', 'caCrl', 'insecureSkipVerify'] as const) {
      problems.check(options[field] === undefined, `options.${field}`, 'must not be set: Istio provides the certificates', options[field],
        'Leave it out, or use ClientTls.mutual() with certificates of your own.');
    }
    problems.throwIfAny();
    return new ClientTls(ClientTlsMode.ISTIO_MUTUAL, options);
  }

  /**
   * TLS to the upstream, verifying its certificate; no client certificate is presented.
   */
  public static simple(options: ClientTlsOptions = {}): ClientTls {
    const problems = new _Problems('ClientTls.simple');
    for (const field of ['clientCertificate', 'privateKey'] as const) {
      problems.check(options[field] === undefined, `options.${field}`, 'must not be set: SIMPLE TLS presents no client certificate', options[field],
        'Use ClientTls.mutual() to present a client certificate.');
    }
    ClientTls.checkCredentialMix(problems, options);
    problems.throwIfAny();
    return new ClientTls(ClientTlsMode.SIMPLE, options);
  }

  /**
   * Mutual TLS with a client certificate of your own: `clientCertificate` and `privateKey`, or
   * `credentialName`.
   */
  public static mutual(options: ClientTlsOptions): ClientTls {
    _requireProps('ClientTls.mutual', options, {}, 'options', 'Pass the client certificate, such as { credentialName: \'client-cert\' }.');
    const problems = new _Problems('ClientTls.mutual');
    const files = options.clientCertificate !== undefined || options.privateKey !== undefined;
    if (options.credentialName === undefined) {
      problems.check(options.clientCertificate !== undefined && options.privateKey !== undefined,
        files ? (options.clientCertificate === undefined ? 'options.clientCertificate' : 'options.privateKey') : 'options.credentialName',
        'must be set: MUTUAL TLS needs a client certificate and its key',
        { clientCertificate: options.clientCertificate, privateKey: options.privateKey },
        'Give clientCertificate and privateKey, or credentialName naming a Secret that holds them.');
    }
    ClientTls.checkCredentialMix(problems, options);
    problems.throwIfAny();
    return new ClientTls(ClientTlsMode.MUTUAL, options);
  }

  private static checkCredentialMix(problems: _Problems, options: ClientTlsOptions): void {
    if (options.credentialName === undefined) return;
    for (const field of ['clientCertificate', 'privateKey', 'caCertificates'] as const) {
      problems.check(options[field] === undefined, `options.${field}`, 'must not be set together with \'credentialName\'', options[field],
        'Take the certificates from the Secret or from files, not both.');
    }
  }

  private constructor(
    /** The TLS mode. */
    public readonly mode: ClientTlsMode,
    private readonly options: ClientTlsOptions,
  ) {}

  /** @internal */
  public _toIstio(): _JsonObject {
    const o = this.options;
    return _compact({
      mode: this.mode,
      clientCertificate: o.clientCertificate,
      privateKey: o.privateKey,
      caCertificates: o.caCertificates,
      credentialName: o.credentialName,
      subjectAltNames: o.subjectAltNames ? [...o.subjectAltNames] : undefined,
      sni: o.sni,
      insecureSkipVerify: o.insecureSkipVerify,
      caCrl: o.caCrl,
    });
  }
}

/**
 * The PROXY protocol version sent to the upstream.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-ProxyProtocol
 */
export enum ProxyProtocolVersion {
  /** PROXY protocol version 1 (text). */
  V1 = 'V1',
  /** PROXY protocol version 2 (binary). */
  V2 = 'V2',
}

/**
 * Traffic settings for one port of the host; they replace (not merge with) the host-wide ones.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-PortTrafficPolicy
 */
export interface PortTrafficPolicy {
  /** The port number the settings apply to. */
  readonly port: number;

  /**
   * Load balancing on this port.
   *
   * @default - the host-wide setting's defaults
   */
  readonly loadBalancer?: LoadBalancerSettings;

  /**
   * Connection limits on this port.
   *
   * @default - Istio's defaults
   */
  readonly connectionPool?: ConnectionPoolSettings;

  /**
   * Outlier detection on this port.
   *
   * @default - none
   */
  readonly outlierDetection?: OutlierDetection;

  /**
   * TLS to the upstream on this port.
   *
   * @default - Istio's automatic mTLS
   */
  readonly tls?: ClientTls;
}

/**
 * What happens to traffic for a host after routing: load balancing, connection limits, outlier
 * detection and TLS.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy
 */
export interface TrafficPolicy {
  /**
   * Load balancing.
   *
   * @default - Istio's own default: LEAST_REQUEST
   */
  readonly loadBalancer?: LoadBalancerSettings;

  /**
   * Connection limits.
   *
   * @default - Istio's defaults (practically unlimited)
   */
  readonly connectionPool?: ConnectionPoolSettings;

  /**
   * Ejection of failing endpoints.
   *
   * @default - none
   */
  readonly outlierDetection?: OutlierDetection;

  /**
   * TLS to the upstream.
   *
   * @default - Istio's automatic mTLS: ISTIO_MUTUAL to sidecars, plain text otherwise
   */
  readonly tls?: ClientTls;

  /**
   * Settings for individual ports.
   *
   * @default - none
   */
  readonly portLevelSettings?: PortTrafficPolicy[];

  /**
   * Send the PROXY protocol header to the upstream.
   *
   * @default - no PROXY protocol
   */
  readonly proxyProtocol?: ProxyProtocolVersion;
}
