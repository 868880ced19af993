import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { _declare } from '../core/_declarations';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _didYouMean, _Problems, _requireProps } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _declareIntents, _Intent } from '../core/_intents';
import { _checkDnsSubdomain, _checkNamespace, _DNS_SUBDOMAIN } from '../core/_names';
import { _checkOptionalPort, _checkPort } from '../core/_port';
import { _watchSynth } from '../core/_synth';
import { Port } from '../core/port';
import { Protocol } from '../core/protocol';
import { WorkloadSelector } from '../core/selector';
import { Destination } from '../networking/destination';
import { DestinationRule } from '../networking/destination-rule';
import { Gateway, GatewayServer } from '../networking/gateway';
import { HttpMatch } from '../networking/http-match';
import { ServerTls } from '../networking/server-tls';
import { ServiceEntry, ServiceEntryLocation, ServiceEntryResolution } from '../networking/service-entry';
import { OutboundTrafficPolicyMode, Sidecar } from '../networking/sidecar';
import { ClientTls } from '../networking/traffic-policy';
import { VirtualService } from '../networking/virtual-service';

const SNI = [Protocol.HTTPS, Protocol.TLS];

/**
 * A port of an external service: `number` is the port the workloads call, `protocol` (required
 * here: HTTP is routed by `Host` header, HTTPS and TLS by SNI, TCP by address) how it is routed,
 * `name` the ServiceEntry port's name (default: the protocol in lower case, `<protocol>-<number>` when
 * two ports share it) and `targetPort` the port on the external host (default: 443 when
 * `originateTls`, else `number`).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort
 */
export interface ExternalServicePort extends Port {
  /**
   * Originate TLS for plain HTTP calls: the workloads call `http://host:<number>`, their sidecar opens
   * TLS to the host on `targetPort` (a DestinationRule with SIMPLE TLS on the port). HTTP ports only.
   *
   * @default false
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-tls-origination/
   */
  readonly originateTls?: boolean;
}

/**
 * An external service the namespace may call: one ServiceEntry.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
 */
export interface ExternalService {
  /**
   * The name of the ServiceEntry.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
   */
  readonly name: string;

  /**
   * The host names, such as `api.stripe.com` or `*.wikipedia.org`.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry
   */
  readonly hosts: string[];

  /**
   * The ports the workloads call.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort
   */
  readonly ports: ExternalServicePort[];

  /**
   * IP addresses or CIDR ranges of the service, for TCP services without a host name to route by.
   *
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry
   */
  readonly addresses?: string[];

  /**
   * Whether the service is outside the mesh.
   *
   * @default - left out: Istio's own default, MESH_EXTERNAL
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-Location
   */
  readonly location?: ServiceEntryLocation;

  /**
   * How the proxy finds the service's addresses. DNS makes the proxy resolve the host itself, so a
   * workload cannot reach another address by faking the `Host` header or SNI. NONE (forward to the
   * address the workload connected to) is written by leaving the field out, as it is Istio's default.
   *
   * @default - DNS; for wildcard hosts NONE, or DYNAMIC_DNS when routed through the egress gateway
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-Resolution
   */
  readonly resolution?: ServiceEntryResolution;
}

/**
 * Routing of some external hosts through an egress gateway, as Istio's Egress Gateways task does it.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
 */
export interface EgressGatewayRouting {
  /**
   * The hosts whose traffic leaves through the egress gateway; each a host of one of the external
   * services. HTTP ports are routed by `Host`, HTTPS and TLS ports pass through by SNI.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  readonly hosts: string[];

  /**
   * The egress gateway pods, by their labels.
   *
   * @default - `istio: egressgateway`, the labels of the egress gateway of Istio's default install
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Gateway
   */
  readonly selector?: WorkloadSelector;

  /**
   * The FQDN of the egress gateway's Service.
   *
   * @default 'istio-egressgateway.istio-system.svc.cluster.local'
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  readonly service?: string;

  /**
   * The name of the Gateway object, in the namespace.
   *
   * @default 'istio-egressgateway'
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/
   */
  readonly gatewayName?: string;
}

/** Props of an EgressLockdown. */
export interface EgressLockdownProps {
  /**
   * The namespace locked down.
   *
   * @default - the chart's namespace; one of the two is required
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
   */
  readonly namespace?: string;

  /**
   * An existing namespace-wide Sidecar (no workload selector) to set REGISTRY_ONLY on, such as a
   * ZeroTrustNamespace's `sidecar`: a namespace can have only one Sidecar without a selector.
   *
   * @default - a Sidecar `default` is created with REGISTRY_ONLY alone
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy
   */
  readonly sidecar?: Sidecar;

  /**
   * The external services the namespace's workloads may call.
   *
   * @default - none: nothing outside the mesh is reachable
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/
   */
  readonly externalServices?: ExternalService[];

  /**
   * Send some external hosts through an egress gateway.
   *
   * @default - every external host is called straight from the workloads' sidecars
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  readonly egressGateway?: EgressGatewayRouting;

  /**
   * Leave `exportTo` out of the ServiceEntries, VirtualServices and DestinationRules, so the mesh's
   * default visibility (every namespace, unless the mesh config says otherwise) applies.
   *
   * @default false: they are exported to the namespace itself (`.`), and what the egress gateway
   * must read also to the gateway's namespace, so other namespaces gain no external host
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry
   */
  readonly exportToMesh?: boolean;
}

/** An external service, checked. */
interface ServiceRecord {
  readonly service: ExternalService;
  readonly ports: Array<ExternalServicePort & { name: string; protocol: Protocol }>;
  readonly resolution: ServiceEntryResolution;
}

/**
 * Egress lockdown of a namespace: its sidecars reach only the mesh's registry (REGISTRY_ONLY), plus
 * ServiceEntries for named external hosts, optionally with TLS origination, and optionally through
 * an egress gateway (a Gateway on the egress gateway pods, a DestinationRule subset for the gateway's
 * Service, and a VirtualService sending mesh traffic to the gateway and the gateway's traffic out).
 *
 * Sidecar-level egress control is not a security boundary by itself: pair the egress gateway with
 * Kubernetes NetworkPolicies that let the namespace reach only the gateway and DNS.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/
 * @example
 * new EgressLockdown(chart, 'egress', {
 *   namespace: 'payments',
 *   externalServices: [{ name: 'stripe', hosts: ['api.stripe.com'], ports: [{ number: 443, protocol: Protocol.TLS }] }],
 *   egressGateway: { hosts: ['api.stripe.com'] },
 * });
 */
export class EgressLockdown extends Construct {
  /**
   * The labels of the egress gateway pods of Istio's default install.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  public static readonly DEFAULT_EGRESS_SELECTOR: { [key: string]: string } = { istio: 'egressgateway' };

  /**
   * The FQDN of the egress gateway Service of Istio's default install.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  public static readonly DEFAULT_EGRESS_SERVICE = 'istio-egressgateway.istio-system.svc.cluster.local';

  /**
   * The namespace locked down.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
   */
  public readonly namespace: string;

  /**
   * The namespace-wide Sidecar with REGISTRY_ONLY: the one given, or the one created.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy
   */
  public readonly sidecar: Sidecar;

  /**
   * One ServiceEntry per external service.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
   */
  public readonly serviceEntries: ServiceEntry[] = [];

  /**
   * The DestinationRules that originate TLS (one per host of a service with an `originateTls` port).
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-tls-origination/
   */
  public readonly tlsOriginationRules: DestinationRule[] = [];

  /**
   * The Gateway on the egress gateway pods, when hosts are routed through it.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  public readonly egressGateway?: Gateway;

  /**
   * The DestinationRules giving the egress gateway's Service a subset per routed host.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  public readonly egressGatewayRules: DestinationRule[] = [];

  /**
   * The VirtualServices routing each routed host from the sidecars to the egress gateway, and from
   * the gateway to the host.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  public readonly egressGatewayRoutes: VirtualService[] = [];

  private readonly subject: string;

  public constructor(scope: Construct, id: string, props: EgressLockdownProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('EgressLockdown', scope, id);
    _requireProps(this.subject, props, {});
    _watchSynth(this);
    _validateDerivedNames(this, 'EgressLockdown');
    const problems = new _Problems(this.subject);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    problems.check(namespace !== undefined, 'namespace', 'must be given, or the chart must have a namespace: the lockdown applies to one namespace',
      namespace, 'Set namespace on the EgressLockdown, or { namespace } on its Chart.');
    if (namespace !== undefined) _checkNamespace(problems, 'namespace', namespace);
    this.namespace = namespace ?? '';
    if (props.sidecar) this.checkSidecar(problems, props.sidecar);

    const routing = props.egressGateway;
    const routed = new Set(routing?.hosts ?? []);
    const records = (props.externalServices ?? []).map((s, i) => this.checkService(problems, `externalServices[${i}]`, s, routed));
    this.checkDuplicates(problems, props.externalServices ?? []);
    const gatewayService = routing?.service ?? EgressLockdown.DEFAULT_EGRESS_SERVICE;
    const gatewayName = routing?.gatewayName ?? 'istio-egressgateway';
    if (routing) this.checkRouting(problems, routing, records, gatewayService, gatewayName);
    problems.throwIfAny();

    if (props.sidecar) {
      this.sidecar = props.sidecar;
      this.sidecar.applyOutboundTrafficPolicy({ mode: OutboundTrafficPolicyMode.REGISTRY_ONLY });
    } else {
      this.sidecar = new Sidecar(this, 'Sidecar', {
        metadata: { name: 'default', namespace: this.namespace },
        outboundTrafficPolicy: { mode: OutboundTrafficPolicyMode.REGISTRY_ONLY },
      });
    }

    const gatewayNamespace = gatewayService.split('.')[1];
    const exportTo = (shared: boolean) => props.exportToMesh ? undefined : shared ? [...new Set(['.', gatewayNamespace])] : ['.'];
    for (const record of records) {
      const s = record.service;
      const isRouted = s.hosts.some((h) => routed.has(h));
      this.serviceEntries.push(new ServiceEntry(this, `ServiceEntry-${s.name}`, {
        metadata: { name: s.name, namespace: this.namespace },
        hosts: [...s.hosts],
        addresses: s.addresses,
        ports: record.ports.map((p) => ({
          number: p.number,
          name: p.name,
          protocol: p.protocol,
          targetPort: p.targetPort ?? (p.originateTls ? 443 : undefined),
        })),
        location: s.location,
        resolution: record.resolution === ServiceEntryResolution.NONE ? undefined : record.resolution,
        exportTo: exportTo(isRouted),
      }));
      const originating = record.ports.filter((p) => p.originateTls);
      if (originating.length > 0) {
        s.hosts.forEach((host, i) => this.tlsOriginationRules.push(new DestinationRule(this, `TlsOrigination-${s.name}-${i}`, {
          metadata: { name: s.hosts.length === 1 ? s.name : `${s.name}-${i + 1}`, namespace: this.namespace },
          host,
          trafficPolicy: { portLevelSettings: originating.map((p) => ({ port: p.number, tls: ClientTls.simple() })) },
          exportTo: exportTo(false),
        })));
      }
    }

    this.declareExternalIntents(records);

    if (routing && routed.size > 0) {
      this.egressGateway = new Gateway(this, 'EgressGateway', {
        metadata: { name: gatewayName, namespace: this.namespace },
        selector: routing.selector ?? WorkloadSelector.labels(EgressLockdown.DEFAULT_EGRESS_SELECTOR),
      });
      // The egress gateway's pods and Service come with Istio's install, not with the app: declared, not defined here.
      _declare(this, { workload: { labels: routing.selector?.matchLabels ?? EgressLockdown.DEFAULT_EGRESS_SELECTOR }, host: gatewayService });
      const servers = new Map<string, GatewayServer & { hosts: string[] }>();
      for (const record of records) {
        const s = record.service;
        for (const host of s.hosts.filter((h) => routed.has(h))) {
          const key = s.hosts.length === 1 ? s.name : `${s.name}-${s.hosts.indexOf(host) + 1}`;
          this.egressGatewayRules.push(new DestinationRule(this, `EgressGatewayRule-${key}`, {
            metadata: { name: `egressgateway-for-${key}`, namespace: this.namespace },
            host: gatewayService,
            subsets: [{ name: key }],
            exportTo: exportTo(false),
          }));
          const vs = new VirtualService(this, `EgressGatewayRoute-${key}`, {
            metadata: { name: `direct-${key}-through-egress-gateway`, namespace: this.namespace },
            hosts: [host],
            gateways: [gatewayName, 'mesh'],
            exportTo: exportTo(true),
          });
          this.egressGatewayRoutes.push(vs);
          for (const port of record.ports) {
            const sni = SNI.includes(port.protocol);
            const toGateway = Destination.to(gatewayService, { subset: key, port: port.number, weight: 100 });
            const out = Destination.to(host, { port: port.number, weight: 100 });
            if (sni) {
              vs.addTlsRoute({ match: [{ gateways: ['mesh'], port: port.number, sniHosts: [host] }], route: [toGateway] });
              vs.addTlsRoute({ match: [{ gateways: [gatewayName], port: port.number, sniHosts: [host] }], route: [out] });
            } else {
              vs.addHttpRoute({ match: [HttpMatch.of({ gateways: ['mesh'], port: port.number })], route: [toGateway] });
              vs.addHttpRoute({ match: [HttpMatch.of({ gateways: [gatewayName], port: port.number })], route: [out] });
            }
            const serverKey = `${port.number}/${sni}`;
            const server = servers.get(serverKey) ?? {
              port: { number: port.number, name: '', protocol: sni ? Protocol.TLS : Protocol.HTTP },
              hosts: [] as string[],
              tls: sni ? ServerTls.passthrough() : undefined,
            };
            if (!server.hosts.includes(host)) server.hosts.push(host);
            servers.set(serverKey, server);
          }
        }
      }
      const used = new Set<string>();
      for (const server of servers.values()) {
        const base = server.port.protocol === Protocol.TLS ? 'tls' : 'http';
        const name = used.has(base) ? `${base}-${server.port.number}` : base;
        used.add(name);
        this.egressGateway.addServer({ ...server, port: { ...server.port, name } });
      }
    }
  }

  /**
   * Records each external host and HTTP, HTTPS or TLS port as an intent: a pod of the namespace
   * calling it is delivered through the REGISTRY_ONLY lockdown, since its ServiceEntry puts it in the
   * registry (https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/).
   * A wildcard host is called as `intent.<domain>`; TCP ports have no URL to trace.
   */
  private declareExternalIntents(records: ServiceRecord[]): void {
    _declareIntents(this, () => records.flatMap((r) => r.service.hosts.flatMap((host) => r.ports.flatMap((p): _Intent[] => {
      const scheme = p.protocol === Protocol.HTTP ? 'http' : SNI.includes(p.protocol) ? 'https' : undefined;
      if (scheme === undefined) return [];
      const name = host.replace(/^\*/, 'intent');
      const port = p.number === (scheme === 'http' ? 80 : 443) ? '' : `:${p.number}`;
      return [{
        kind: 'external-host',
        from: `pod:${this.namespace}/default`,
        url: `${scheme}://${name}${port}/`,
        outcome: 'delivered',
        declaredBy: this.node.path,
        callerNamespace: this.namespace,
        description: `pods of namespace '${this.namespace}' may call the external host ${host}:${p.number} (EgressLockdown '${r.service.name}')`,
      }];
    }))));
  }

  private checkSidecar(problems: _Problems, sidecar: Sidecar): void {
    problems.check(sidecar.workloadSelector === undefined, 'sidecar', 'selects workloads, so REGISTRY_ONLY would not cover the whole namespace',
      sidecar.workloadSelector?.matchLabels, 'Give the namespace\'s Sidecar without a workloadSelector (such as a ZeroTrustNamespace\'s sidecar), or leave sidecar out.');
    problems.check(sidecar.outboundTrafficPolicy?.mode !== OutboundTrafficPolicyMode.ALLOW_ANY, 'sidecar',
      'already sets outboundTrafficPolicy ALLOW_ANY, which the lockdown would contradict', sidecar.outboundTrafficPolicy?.mode,
      'Remove ALLOW_ANY (and any egressProxy) from the Sidecar, or do not lock its namespace down.');
    const ns = sidecar.namespace;
    problems.check(ns === undefined || ns === this.namespace || this.namespace === '', 'sidecar', `lives in namespace '${ns}', not '${this.namespace}'`,
      sidecar.name, 'Give the Sidecar of the namespace locked down.');
  }

  private checkService(problems: _Problems, prop: string, s: ExternalService, routed: Set<string>): ServiceRecord {
    _checkDnsSubdomain(problems, `${prop}.name`, s.name, 'Use a name such as \'stripe-api\': it names the ServiceEntry.');
    const hosts = s.hosts ?? [];
    problems.check(hosts.length > 0, `${prop}.hosts`, 'must not be empty', hosts, 'Give the host names the workloads call, such as [\'api.stripe.com\'].');
    hosts.forEach((h, i) => {
      const problem = _hostProblem(h, { allowStar: false, allowWildcard: true });
      if (problem) problems.add(`${prop}.hosts[${i}]`, problem, h, 'Give a host name such as \'api.stripe.com\' or \'*.wikipedia.org\'.');
    });
    // The protocol is checked below: it decides how each port is routed.
    const ports = (s.ports ?? []) as Array<ExternalServicePort & { protocol: Protocol }>;
    problems.check(ports.length > 0, `${prop}.ports`, 'must not be empty', ports, 'Give the ports the workloads call, such as [{ number: 443, protocol: Protocol.TLS }].');
    const wildcard = hosts.filter((h) => h.startsWith('*'));
    const isRouted = hosts.some((h) => routed.has(h));
    const sniOnly = ports.length > 0 && ports.every((p) => SNI.includes(p.protocol));
    const resolution = s.resolution ?? (wildcard.length === 0 ? ServiceEntryResolution.DNS
      : isRouted && sniOnly ? ServiceEntryResolution.DYNAMIC_DNS : ServiceEntryResolution.NONE);
    if (wildcard.length > 0 && (resolution === ServiceEntryResolution.DNS || resolution === ServiceEntryResolution.DNS_ROUND_ROBIN)) {
      problems.add(`${prop}.resolution`, `cannot be ${resolution} with the wildcard host '${wildcard[0]}': there is no single name to resolve`, resolution,
        'Leave resolution out (NONE, or DYNAMIC_DNS through the egress gateway), or list the host names.');
    }
    const counts = new Map<string, number>();
    ports.forEach((p) => counts.set(p.protocol, (counts.get(p.protocol) ?? 0) + 1));
    const named = ports.map((p, i) => {
      const pp = `${prop}.ports[${i}]`;
      _checkPort(problems, `${pp}.number`, p.number, 'Use a port such as 443.');
      _checkOptionalPort(problems, `${pp}.targetPort`, p.targetPort, 'Use a port such as 443.');
      const known = Object.values(Protocol).includes(p.protocol);
      problems.check(known, `${pp}.protocol`, p.protocol === undefined ? 'is required: it decides how the host is routed' : 'must be a Protocol', p.protocol,
        'Use Protocol.HTTP, Protocol.TLS, Protocol.HTTPS or Protocol.TCP.');
      if (p.originateTls) {
        problems.check(p.protocol === Protocol.HTTP, `${pp}.originateTls`,
          `cannot be set on a ${p.protocol} port: the workload's TLS passes through it, so there is nothing to originate`, p.protocol,
          'Originate TLS on an HTTP port (the workload calls http://host:80, the sidecar opens TLS to 443), or leave originateTls out.');
        problems.check(!isRouted, `${pp}.originateTls`, 'cannot be combined with routing the host through the egress gateway in this pattern', s.name,
          'Call the host straight from the sidecars, or let the workload speak TLS through the gateway (a TLS port).');
      }
      if (isRouted && known) {
        const routable = p.protocol === Protocol.HTTP || SNI.includes(p.protocol);
        problems.check(routable, `${pp}.protocol`,
          'cannot be routed through the egress gateway: only HTTP (by Host) and HTTPS/TLS (by SNI) ports can', p.protocol,
          'Use an HTTP, HTTPS or TLS port, or leave the host out of egressGateway.hosts.');
        if (routable && wildcard.length > 0) {
          problems.check(SNI.includes(p.protocol), `${pp}.protocol`,
            `cannot be ${p.protocol} for the wildcard host '${wildcard[0]}' through the egress gateway: the gateway needs SNI to know which host to forward to`,
            p.protocol, 'Route wildcard hosts through the gateway on HTTPS or TLS ports only.');
        }
      }
      const prefix = String(p.protocol ?? 'port').toLowerCase();
      const name = p.name ?? ((counts.get(p.protocol) ?? 0) > 1 ? `${prefix}-${p.number}` : prefix);
      return { ...p, name };
    });
    const names = named.map((p) => p.name);
    names.forEach((n, i) => problems.check(names.indexOf(n) === i, `${prop}.ports[${i}].name`, 'must be unique in the service', n, `Name it such as '${n}-${named[i].number}'.`));
    if (isRouted && (s.resolution !== undefined || wildcard.length === 0)) {
      problems.check(resolution !== ServiceEntryResolution.NONE, `${prop}.resolution`,
        'cannot be NONE for a host routed through the egress gateway: the gateway would forward to the address it was called on, its own', resolution,
        'Leave resolution out (DNS), or call the host straight from the sidecars.');
    }
    return { service: s, ports: named, resolution };
  }

  private checkDuplicates(problems: _Problems, services: ExternalService[]): void {
    const seen = new Map<string, string>();
    services.forEach((s, i) => (s.hosts ?? []).forEach((h, j) => {
      const where = `externalServices[${i}]`;
      const earlier = seen.get(h);
      if (earlier !== undefined) {
        problems.add(`${where}.hosts[${j}]`, `lists '${h}', which ${earlier} already lists`, h, 'List each host once; give it every port it needs in one service.');
      } else {
        seen.set(h, where);
      }
    }));
    const names = services.map((s) => s.name);
    names.forEach((n, i) => problems.check(names.indexOf(n) === i, `externalServices[${i}].name`, 'must be unique: it names the ServiceEntry', n,
      'Give each external service its own name.'));
  }

  private checkRouting(problems: _Problems, routing: EgressGatewayRouting, records: ServiceRecord[], service: string, gatewayName: string): void {
    const known = records.flatMap((r) => r.service.hosts ?? []);
    problems.check(routing.hosts.length > 0, 'egressGateway.hosts', 'must not be empty', routing.hosts,
      'List the external hosts to send through the egress gateway, or leave egressGateway out.');
    routing.hosts.forEach((h, i) => problems.check(known.includes(h), `egressGateway.hosts[${i}]`, 'is the host of no external service, so no ServiceEntry would let it out',
      h, `Add an external service for '${h}', or route one of ${known.join(', ') || '(none)'}.${_didYouMean(h, known)}`));
    // No 253-character limit here: Istio allows hosts of up to 255 (checkDNS1123Preconditions, pkg/config/validation/agent/validation.go).
    problems.check(_DNS_SUBDOMAIN.test(service) && service.split('.').length >= 3, 'egressGateway.service',
      'must be the FQDN of the egress gateway\'s Service, `<name>.<namespace>.svc.<domain>`', service,
      `Use such as '${EgressLockdown.DEFAULT_EGRESS_SERVICE}'.`);
    _checkDnsSubdomain(problems, 'egressGateway.gatewayName', gatewayName, 'Use such as \'istio-egressgateway\'.');
  }
}
