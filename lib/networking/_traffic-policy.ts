import { Duration } from 'cdk8s';
import { ConnectionPoolSettings, LoadBalancerSettings, OutlierDetection, TrafficPolicy } from './traffic-policy';
import { _compact, _JsonObject } from '../core/_compact';
import { _renderDuration } from '../core/_duration';
import { _Problems } from '../core/_errors';
import { _checkCount, _checkPercentage } from '../core/_numbers';
import { _checkOptionalPort } from '../core/_port';

/**
 * Checks traffic settings when they are given (DestinationRule and Sidecar constructors and
 * mutators): problems go to `problems`; a duration Istio would reject throws at once, as
 * `_renderDuration` does.
 */
export class _TrafficPolicyChecker {
  constructor(private readonly subject: string, private readonly problems: _Problems) {}

  private dur(d: Duration | undefined, prop: string): void {
    if (d !== undefined) _renderDuration(d, this.subject, prop);
  }

  public trafficPolicy(p: TrafficPolicy, prop: string): void {
    (p.portLevelSettings ?? []).forEach((s, i) => {
      const at = `${prop}.portLevelSettings[${i}]`;
      _checkOptionalPort(this.problems, `${at}.port`, s.port);
      if (s.loadBalancer) this.loadBalancer(s.loadBalancer, `${at}.loadBalancer`);
      if (s.connectionPool) this.connectionPool(s.connectionPool, `${at}.connectionPool`);
      if (s.outlierDetection) this.outlierDetection(s.outlierDetection, `${at}.outlierDetection`);
    });
    const numbers = (p.portLevelSettings ?? []).map((s) => s.port);
    const duplicate = numbers.find((n, i) => Number.isFinite(n) && numbers.indexOf(n) !== i);
    if (duplicate !== undefined) {
      this.problems.add(`${prop}.portLevelSettings`, 'must not name a port twice', duplicate, 'Merge the settings of that port into one entry.');
    }
    if (p.loadBalancer) this.loadBalancer(p.loadBalancer, `${prop}.loadBalancer`);
    if (p.connectionPool) this.connectionPool(p.connectionPool, `${prop}.connectionPool`);
    if (p.outlierDetection) this.outlierDetection(p.outlierDetection, `${prop}.outlierDetection`);
  }

  public loadBalancer(lb: LoadBalancerSettings, prop: string): void {
    if (lb.simple !== undefined && lb.consistentHash !== undefined) {
      this.problems.add(`${prop}.consistentHash`, 'must not be set together with \'simple\'', lb.consistentHash._toIstio(),
        'Choose a simple algorithm or a consistent hash.');
    }
    const loc = lb.localityLbSetting;
    if (loc?.distribute && loc.failover) {
      this.problems.add(`${prop}.localityLbSetting.failover`, 'must not be set together with \'distribute\'', loc.failover,
        'Use distribute or failover, not both.');
    }
    (loc?.distribute ?? []).forEach((d, i) => {
      const total = Object.values(d.to).reduce((a, b) => a + b, 0);
      this.problems.check(total === 100, `${prop}.localityLbSetting.distribute[${i}].to`, 'must sum to 100', d.to,
        'Give percentages that add up to 100.');
    });
    if (lb.warmup) {
      _checkPercentage(this.problems, `${prop}.warmup.minimumPercent`, lb.warmup.minimumPercent);
      this.dur(lb.warmup.duration, `${prop}.warmup.duration`);
    }
  }

  public connectionPool(cp: ConnectionPoolSettings, prop: string): void {
    const tcp = cp.tcp;
    const http = cp.http;
    if (tcp) {
      _checkCount(this.problems, `${prop}.tcp.maxConnections`, tcp.maxConnections, 1);
      _checkCount(this.problems, `${prop}.tcp.tcpKeepalive.probes`, tcp.tcpKeepalive?.probes);
    }
    if (http) {
      for (const f of ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams'] as const) {
        _checkCount(this.problems, `${prop}.http.${f}`, http[f]);
      }
    }
    if (tcp) {
      this.dur(tcp.connectTimeout, `${prop}.tcp.connectTimeout`);
      this.dur(tcp.tcpKeepalive?.time, `${prop}.tcp.tcpKeepalive.time`);
      this.dur(tcp.tcpKeepalive?.interval, `${prop}.tcp.tcpKeepalive.interval`);
      this.dur(tcp.maxConnectionDuration, `${prop}.tcp.maxConnectionDuration`);
      this.dur(tcp.idleTimeout, `${prop}.tcp.idleTimeout`);
    }
    if (http) this.dur(http.idleTimeout, `${prop}.http.idleTimeout`);
  }

  public outlierDetection(od: OutlierDetection, prop: string): void {
    for (const f of ['consecutive5xxErrors', 'consecutiveGatewayErrors', 'consecutiveLocalOriginFailures'] as const) {
      _checkCount(this.problems, `${prop}.${f}`, od[f]);
    }
    _checkPercentage(this.problems, `${prop}.maxEjectionPercent`, od.maxEjectionPercent);
    _checkPercentage(this.problems, `${prop}.minHealthPercent`, od.minHealthPercent);
    this.dur(od.interval, `${prop}.interval`);
    this.dur(od.baseEjectionTime, `${prop}.baseEjectionTime`);
  }
}

/** Renders checked traffic settings into Istio's fields (in `_toKube()`). */
export class _TrafficPolicyRenderer {
  constructor(private readonly subject: string) {}

  private dur(d: Duration | undefined, prop: string): string | undefined {
    return d === undefined ? undefined : _renderDuration(d, this.subject, prop);
  }

  public trafficPolicy(p: TrafficPolicy, prop: string): _JsonObject {
    const ports = (p.portLevelSettings ?? []).map((s, i) => {
      const at = `${prop}.portLevelSettings[${i}]`;
      return _compact({
        port: { number: s.port },
        loadBalancer: s.loadBalancer ? this.loadBalancer(s.loadBalancer, `${at}.loadBalancer`) : undefined,
        connectionPool: s.connectionPool ? this.connectionPool(s.connectionPool, `${at}.connectionPool`) : undefined,
        outlierDetection: s.outlierDetection ? this.outlierDetection(s.outlierDetection, `${at}.outlierDetection`) : undefined,
        tls: s.tls?._toIstio(),
      });
    });
    return _compact({
      loadBalancer: p.loadBalancer ? this.loadBalancer(p.loadBalancer, `${prop}.loadBalancer`) : undefined,
      connectionPool: p.connectionPool ? this.connectionPool(p.connectionPool, `${prop}.connectionPool`) : undefined,
      outlierDetection: p.outlierDetection ? this.outlierDetection(p.outlierDetection, `${prop}.outlierDetection`) : undefined,
      tls: p.tls?._toIstio(),
      portLevelSettings: ports.length > 0 ? ports : undefined,
      proxyProtocol: p.proxyProtocol ? { version: p.proxyProtocol } : undefined,
    });
  }

  public loadBalancer(lb: LoadBalancerSettings, prop: string): _JsonObject {
    const loc = lb.localityLbSetting;
    return _compact({
      simple: lb.simple,
      consistentHash: lb.consistentHash?._toIstio(),
      localityLbSetting: loc ? _compact({
        enabled: loc.enabled,
        distribute: loc.distribute?.map((d) => ({ from: d.from, to: { ...d.to } })),
        failover: loc.failover?.map((f) => ({ from: f.from, to: f.to })),
        failoverPriority: loc.failoverPriority ? [...loc.failoverPriority] : undefined,
      }) : undefined,
      warmup: lb.warmup ? _compact({
        duration: this.dur(lb.warmup.duration, `${prop}.warmup.duration`),
        minimumPercent: lb.warmup.minimumPercent,
        aggression: lb.warmup.aggression,
      }) : undefined,
    });
  }

  public connectionPool(cp: ConnectionPoolSettings, prop: string): _JsonObject {
    const tcp = cp.tcp;
    const http = cp.http;
    return _compact({
      tcp: tcp ? _compact({
        maxConnections: tcp.maxConnections,
        connectTimeout: this.dur(tcp.connectTimeout, `${prop}.tcp.connectTimeout`),
        tcpKeepalive: tcp.tcpKeepalive ? _compact({
          probes: tcp.tcpKeepalive.probes,
          time: this.dur(tcp.tcpKeepalive.time, `${prop}.tcp.tcpKeepalive.time`),
          interval: this.dur(tcp.tcpKeepalive.interval, `${prop}.tcp.tcpKeepalive.interval`),
        }) : undefined,
        maxConnectionDuration: this.dur(tcp.maxConnectionDuration, `${prop}.tcp.maxConnectionDuration`),
        idleTimeout: this.dur(tcp.idleTimeout, `${prop}.tcp.idleTimeout`),
      }) : undefined,
      http: http ? _compact({
        http1MaxPendingRequests: http.http1MaxPendingRequests,
        http2MaxRequests: http.http2MaxRequests,
        maxRequestsPerConnection: http.maxRequestsPerConnection,
        maxRetries: http.maxRetries,
        idleTimeout: this.dur(http.idleTimeout, `${prop}.http.idleTimeout`),
        h2UpgradePolicy: http.h2UpgradePolicy,
        useClientProtocol: http.useClientProtocol,
        maxConcurrentStreams: http.maxConcurrentStreams,
      }) : undefined,
    });
  }

  public outlierDetection(od: OutlierDetection, prop: string): _JsonObject {
    return _compact({
      // The generated L1 spells this field `consecutive5XxErrors`; it renders `consecutive5xxErrors`.
      consecutive5XxErrors: od.consecutive5xxErrors,
      consecutiveGatewayErrors: od.consecutiveGatewayErrors,
      consecutiveLocalOriginFailures: od.consecutiveLocalOriginFailures,
      splitExternalLocalOriginErrors: od.splitExternalLocalOriginErrors,
      interval: this.dur(od.interval, `${prop}.interval`),
      baseEjectionTime: this.dur(od.baseEjectionTime, `${prop}.baseEjectionTime`),
      maxEjectionPercent: od.maxEjectionPercent,
      minHealthPercent: od.minHealthPercent,
    });
  }
}
