import { Construct } from 'constructs';
import { _hostsOverlap, _splitServerHost } from './_gateway-hosts';
import { _serviceOfHost } from './_ingress-gateway-api';
import { IngressTcpExposeOptions, IngressTcpServerOptions, IngressTlsExposeOptions } from './ingress-stream';
import { _Problems } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _checkDnsSubdomain, _isDnsSubdomain } from '../core/_names';
import { _checkOptionalPort, _checkPort } from '../core/_port';
import { Protocol } from '../core/protocol';
import { GatewayTcpRoute } from '../gateway-api/gateway-tcp-route';
import { GatewayTlsRoute } from '../gateway-api/gateway-tls-route';
import { AllowedRoutes, KubernetesGateway, ListenerProtocol, RouteKind } from '../gateway-api/kubernetes-gateway';
import { BackendRef, ParentRef } from '../gateway-api/route-refs';
import { Destination } from '../networking/destination';
import { Gateway } from '../networking/gateway';
import { VirtualService } from '../networking/virtual-service';

/** A server of the IngressGateway, as the TCP and TLS routes see it. @internal */
export interface _StreamServer {
  readonly port: number;
  readonly prop: string;
  readonly portName: string;
  readonly hosts: string[];
  readonly passthrough: boolean;
  /** Gateway API: the listeners the server became. */
  readonly listeners: string[];
}

/** What the TCP and TLS routes need of their IngressGateway. @internal */
export interface _StreamContext {
  readonly subject: string;
  readonly name: string;
  readonly namespace?: string;
  readonly routesNamespace?: string;
  readonly gateway?: Gateway;
  readonly kubernetesGateway?: KubernetesGateway;
  readonly allowRoutesFromAllNamespaces: boolean;
  gatewayReference(fromNamespace?: string): string;
  /** The HTTP and HTTPS servers, passthrough ones with their listeners. */
  servers(): _StreamServer[];
}

interface TcpServerRecord {
  readonly port: number;
  readonly portName: string;
  readonly prop: string;
}

/**
 * The TCP servers of an IngressGateway, and its TCP and TLS-passthrough routes: Istio Gateway servers
 * with protocol TCP and VirtualService `tcp`/`tls` routes, or Gateway API TCP/TLS listeners with
 * TCPRoutes and TLSRoutes. @internal
 */
export class _IngressStreams {
  public readonly tcpServers: TcpServerRecord[] = [];
  public readonly virtualServices = new Map<string, VirtualService>();
  public readonly tcpRoutes = new Map<string, GatewayTcpRoute>();
  public readonly tlsRoutes = new Map<string, GatewayTlsRoute>();
  private readonly tcpPortsRouted = new Set<number>();
  private readonly vsHosts = new Map<string, string[]>();

  constructor(private readonly owner: Construct, private readonly ctx: _StreamContext) {}

  /** The TCP server on a port, for the HTTP servers' port-conflict check. */
  public tcpServerOn(port: number): TcpServerRecord | undefined {
    return this.tcpServers.find((s) => s.port === port);
  }

  /** Checks a TCP server against every server before it. */
  public checkTcpServer(problems: _Problems, prop: string, server: IngressTcpServerOptions,
    before: TcpServerRecord[] = this.tcpServers): TcpServerRecord {
    const port = server?.port;
    _checkPort(problems, `${prop}.port`, port, 'Use a port such as 31400.');
    _checkOptionalPort(problems, `${prop}.targetPort`, server?.targetPort, 'Use the pods\' port.');
    const other = this.ctx.servers().find((s) => s.port === port) ?? before.find((s) => s.port === port);
    problems.check(other === undefined, `${prop}.port`, `is already the port of ${other?.prop}: one port carries one protocol`, port,
      'Give the TCP server a port of its own.');
    const taken = (n: string) => this.ctx.servers().some((s) => s.portName === n) || before.some((s) => s.portName === n);
    let portName = server?.portName;
    if (portName === undefined) {
      portName = taken('tcp') ? `tcp-${port}` : 'tcp';
      for (let n = 2; taken(portName); n++) portName = `tcp-${port}-${n}`;
    } else {
      problems.check(!taken(portName), `${prop}.portName`, 'must be unique among the servers of the Gateway', portName, `Give another name, such as 'tcp-${port}'.`);
    }
    const listener = server?.name ?? portName;
    if (this.ctx.kubernetesGateway) {
      problems.check(_isDnsSubdomain(listener), `${prop}.${server?.name !== undefined ? 'name' : 'portName'}`,
        'must be a DNS subdomain with RoutingApi.GATEWAY_API (the listener\'s name)', listener, 'Use lower-case letters, digits and \'-\', such as \'tcp-31400\'.');
    }
    return { port, portName, prop };
  }

  /** Adds a checked TCP server: an Istio Gateway server with protocol TCP, or a TCP listener accepting TCPRoutes. */
  public commitTcpServer(record: TcpServerRecord, server: IngressTcpServerOptions): void {
    if (this.ctx.kubernetesGateway) {
      const from = this.ctx.allowRoutesFromAllNamespaces ? AllowedRoutes.allNamespaces()
        : this.ctx.routesNamespace !== undefined && this.ctx.routesNamespace !== this.ctx.namespace
          ? AllowedRoutes.namespacesWithLabels({ 'kubernetes.io/metadata.name': this.ctx.routesNamespace }) : undefined;
      this.ctx.kubernetesGateway.addListener({
        name: server.name ?? record.portName,
        port: record.port,
        protocol: ListenerProtocol.TCP,
        allowedRoutes: from ? from.withKinds([RouteKind.TCP_ROUTE]) : AllowedRoutes.ofKinds([RouteKind.TCP_ROUTE]),
      });
    } else {
      this.ctx.gateway!.addServer({
        port: { number: record.port, name: record.portName, protocol: Protocol.TCP, targetPort: server.targetPort },
        hosts: ['*'],
        name: server.name,
      });
    }
    this.tcpServers.push(record);
  }

  /** Routes the connections of a TCP server to the destinations. */
  public exposeTcp(destinations: Destination[], options: IngressTcpExposeOptions): VirtualService | undefined {
    const problems = new _Problems(this.ctx.subject);
    const o = options ?? {};
    const port = this.serverPort(problems, o.serverPort, this.tcpServers.map((s) => s.port), 'TCP', 'addTcpServer() or tcpServers');
    problems.check(port === undefined || !this.tcpPortsRouted.has(port), 'options.serverPort', `already has a TCP route on port ${port}: a second one would never match`,
      port, 'Give the route several weighted destinations instead.');
    this.checkDestinations(problems, destinations);
    this.checkRouteName(problems, o.routeName);
    this.checkVirtualServiceHosts(problems, o.routeName ?? `${this.ctx.name}-tcp`, ['*']);
    problems.throwIfAny();
    this.tcpPortsRouted.add(port!);
    if (this.ctx.kubernetesGateway) {
      const name = o.routeName ?? `${this.ctx.name}-tcp-${port}`;
      const listener = (this.tcpServerOn(port!)!);
      this.tcpRoutes.set(name, new GatewayTcpRoute(this.owner, `TCPRoute-${name}`, {
        metadata: { name, namespace: this.ctx.routesNamespace },
        parentRefs: [this.parentRef(listener.portName)],
        rules: [{ backendRefs: this.backendRefs(destinations) }],
      }));
      return undefined;
    }
    const vs = this.virtualService(o.routeName ?? `${this.ctx.name}-tcp`, ['*']);
    vs.addTcpRoute({ match: [{ port }], route: [...destinations] });
    return vs;
  }

  /** Routes the TLS connections of a passthrough server whose SNI is one of the hosts to the destinations. */
  public exposeTls(sniHosts: string[], destinations: Destination[], options: IngressTlsExposeOptions): VirtualService | undefined {
    const problems = new _Problems(this.ctx.subject);
    const o = options ?? {};
    const passthrough = this.ctx.servers().filter((s) => s.passthrough);
    const port = this.serverPort(problems, o.serverPort, [...new Set(passthrough.map((s) => s.port))], 'TLS-passthrough',
      'addHttpsServer({ tls: ServerTls.passthrough(), ... })');
    const hosts = Array.isArray(sniHosts) ? sniHosts : [];
    problems.check(hosts.length > 0, 'sniHosts', 'must hold at least one host name: passthrough routes go by SNI', sniHosts, 'Give the host names clients send, such as [\'db.example.com\'].');
    const servers = passthrough.filter((s) => s.port === port);
    hosts.forEach((h, i) => {
      const problem = _hostProblem(h, { allowStar: false });
      if (problem) {
        problems.add(`sniHosts[${i}]`, problem, h, 'Use a host such as \'db.example.com\'.');
        return;
      }
      if (port !== undefined) {
        problems.check(servers.some((s) => s.hosts.some((sh) => _hostsOverlap(_splitServerHost(sh).host, h))), `sniHosts[${i}]`,
          `is not served by the passthrough server on port ${port} (serving ${servers.flatMap((s) => s.hosts).join(', ')})`, h, 'Route a host the server serves, or add it to the server.');
      }
    });
    this.checkDestinations(problems, destinations);
    this.checkRouteName(problems, o.routeName);
    this.checkVirtualServiceHosts(problems, o.routeName, hosts);
    problems.throwIfAny();
    const name = o.routeName ?? this.nextName(`${this.ctx.name}-tls`, this.ctx.kubernetesGateway ? this.tlsRoutes : this.virtualServices);
    if (this.ctx.kubernetesGateway) {
      const listeners = servers.flatMap((s) => s.listeners);
      this.tlsRoutes.set(name, new GatewayTlsRoute(this.owner, `TLSRoute-${name}`, {
        metadata: { name, namespace: this.ctx.routesNamespace },
        parentRefs: listeners.map((l) => this.parentRef(l)),
        hostnames: [...hosts],
        backendRefs: this.backendRefs(destinations),
      }));
      return undefined;
    }
    const vs = this.virtualService(name, hosts);
    vs.addTlsRoute({ match: [{ port, sniHosts: [...hosts] }], route: [...destinations] });
    return vs;
  }

  private serverPort(problems: _Problems, given: number | undefined, ports: number[], kind: string, add: string): number | undefined {
    if (given === undefined) {
      problems.check(ports.length === 1, 'options.serverPort', ports.length === 0 ? `cannot be chosen: the gateway has no ${kind} server`
        : `must be given: the gateway has ${ports.length} ${kind} servers`, given, ports.length === 0 ? `Add one with ${add} first.` : `Give one of ${ports.join(', ')}.`);
      return ports[0];
    }
    problems.check(ports.includes(given), 'options.serverPort', `is not the port of a ${kind} server of the gateway`, given,
      ports.length > 0 ? `Use one of ${ports.join(', ')}.` : `Add a ${kind} server with ${add} first.`);
    return given;
  }

  private checkDestinations(problems: _Problems, destinations: Destination[]): void {
    const list = Array.isArray(destinations) ? destinations : [];
    problems.check(list.length > 0, 'destinations', 'must hold at least one destination', destinations, 'Give Destination.to(\'tcp-echo\', { port: 9000 }).');
    list.forEach((d, i) => problems.check(d instanceof Destination, `destinations[${i}]`, 'must be a Destination', d, 'Use Destination.to(host, { port }).'));
    if (!this.ctx.kubernetesGateway) return;
    list.filter((d) => d instanceof Destination).forEach((d, i) => {
      const host = d.host._render(this.ctx.routesNamespace);
      const service = _serviceOfHost(host);
      problems.check(service !== undefined && (service.namespace === undefined || service.namespace === this.ctx.routesNamespace), `destinations[${i}]`,
        'must name a Service of the routes\' namespace with RoutingApi.GATEWAY_API: TCPRoute and TLSRoute backends are Services', host,
        'Route to a Service of the routes\' namespace, or route with RoutingApi.ISTIO.');
      problems.check(d.port !== undefined, `destinations[${i}].port`, 'must be given with RoutingApi.GATEWAY_API: a Service backend needs its port', d.port,
        'Give Destination.to(host, { port }).');
      problems.check(d.subset === undefined, `destinations[${i}].subset`, 'cannot be expressed with RoutingApi.GATEWAY_API: backends are Services, not subsets', d.subset,
        'Route to a Service per version, or route with RoutingApi.ISTIO.');
    });
  }

  private checkRouteName(problems: _Problems, name: string | undefined): void {
    if (name === undefined) return;
    _checkDnsSubdomain(problems, 'options.routeName', name, 'Use lower-case letters, digits, \'-\' and \'.\'.');
    problems.check(!this.tcpRoutes.has(name) && !this.tlsRoutes.has(name), 'options.routeName', 'already names a TCPRoute or TLSRoute of the gateway', name,
      'Give each route its own name.');
  }

  /** A route going into an existing VirtualService must share its hosts: a TLS route's SNI hosts must be among them. */
  private checkVirtualServiceHosts(problems: _Problems, name: string | undefined, hosts: string[]): void {
    const existing = name !== undefined && !this.ctx.kubernetesGateway ? this.vsHosts.get(name) : undefined;
    if (!existing) return;
    const same = existing.length === hosts.length && existing.every((h) => hosts.includes(h));
    problems.check(same, 'options.routeName', `names VirtualService '${name}' of other hosts (${existing.join(', ')})`, name,
      'Give the same hosts as its earlier routes, or another routeName.');
  }

  private nextName(base: string, taken: Map<string, unknown>): string {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    return name;
  }

  private virtualService(name: string, hosts: string[]): VirtualService {
    let vs = this.virtualServices.get(name);
    if (!vs) {
      vs = new VirtualService(this.owner, `VirtualService-${name}`, {
        metadata: { name, namespace: this.ctx.routesNamespace },
        hosts,
        gateways: [this.ctx.gatewayReference(this.ctx.routesNamespace)],
      });
      this.virtualServices.set(name, vs);
      this.vsHosts.set(name, [...hosts]);
    }
    return vs;
  }

  private parentRef(sectionName: string): ParentRef {
    const namespace = this.ctx.namespace !== undefined && this.ctx.namespace !== this.ctx.routesNamespace ? this.ctx.namespace : undefined;
    return ParentRef.gateway(this.ctx.name, { namespace, sectionName });
  }

  private backendRefs(destinations: Destination[]): BackendRef[] {
    return destinations.map((d) => {
      const service = _serviceOfHost(d.host._render(this.ctx.routesNamespace))!;
      return BackendRef.service(service.name, { port: d.port!, weight: d.weight });
    });
  }
}
