/**
 * The servers of an IngressGateway: HTTP and HTTPS servers checked against each other, committed as
 * Istio Gateway servers or as Gateway API listeners (one per server host), the HTTPS redirect, and
 * which listeners a route attaches to.
 *
 * @internal
 */
import { _hostsOverlap, _splitServerHost } from './_gateway-hosts';
import { _IngressContext } from './_ingress-context';
import { _checkGatewayApiServer, _IngressHttpRoute } from './_ingress-gateway-api';
import { _compact } from '../core/_compact';
import { _Problems } from '../core/_errors';
import { _checkPort } from '../core/_port';
import { RoutingApi } from '../core/dataplane';
import { Protocol } from '../core/protocol';
import { GatewayRedirectScheme } from '../gateway-api/gateway-http-filters';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { AllowedRoutes, ListenerProtocol } from '../gateway-api/kubernetes-gateway';
import { ParentRef } from '../gateway-api/route-refs';
import { ServerTls, ServerTlsMode } from '../networking/server-tls';

const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/** A server, as the pattern checks it. @internal */
export interface _ServerRecord {
  readonly https: boolean;
  readonly port: number;
  readonly portName: string;
  readonly hosts: string[];
  readonly routes: boolean;
  readonly redirect: boolean;
  readonly prop: string;
  /** The listener names' base (Gateway API): the server name, else the port name. */
  readonly listenerBase: string;
  /** The Secrets of a terminating server (Gateway API). */
  readonly certificates: string[];
  readonly passthrough: boolean;
}

/** A Gateway API listener, as the pattern attaches routes to it. @internal */
export interface _ListenerRecord {
  readonly name: string;
  readonly port: number;
  readonly passthrough: boolean;
  readonly serverHost: string;
  readonly routes: boolean;
  readonly redirect: boolean;
}

/** The server options the checks read (IngressServerOptions and its HTTP and HTTPS forms). @internal */
export interface _ServerOptions {
  readonly hosts: string[];
  readonly port?: number;
  readonly portName?: string;
  readonly targetPort?: number;
  readonly name?: string;
  readonly httpsRedirect?: boolean;
}

/** @internal */
export class _IngressServers {
  public readonly servers: _ServerRecord[] = [];
  public readonly listeners: _ListenerRecord[] = [];
  public redirectRoute?: GatewayHttpRoute;

  constructor(private readonly ctx: _IngressContext, private readonly tcpServerOn: (port: number) => { prop: string } | undefined) {}

  /** Checks a server against the servers before it (the committed ones unless told). */
  public check(problems: _Problems, prop: string, server: _ServerOptions, https: boolean, tls: ServerTls | undefined,
    before: _ServerRecord[] = this.servers): _ServerRecord {
    const port = server.port ?? (https ? 443 : 80);
    _checkPort(problems, `${prop}.port`, port, 'Use a port such as 80 or 443.');
    const hosts = server.hosts ?? [];
    problems.check(hosts.length > 0, `${prop}.hosts`, 'must not be empty', hosts, 'Give the hosts served, such as [\'shop.example.com\'], or [\'*\'] for every host.');
    const mode = tls?.mode;
    const options = tls?.options ?? {};
    // The settings as written, for the messages.
    const settings = _compact({ mode, ...options });
    if (https) {
      problems.check(mode !== undefined, `${prop}.tls`, 'must terminate or pass TLS through: an HTTPS server needs a TLS mode', settings,
        'Use ServerTls.simple({ credentialName }), ServerTls.mutual({ credentialName }) or ServerTls.passthrough(); for a redirect use httpsRedirect on an HTTP server.');
      const terminating = mode === ServerTlsMode.SIMPLE || mode === ServerTlsMode.MUTUAL || mode === ServerTlsMode.OPTIONAL_MUTUAL;
      if (terminating) {
        problems.check(options.credentialName !== undefined || (options.credentialNames ?? []).length > 0, `${prop}.tls.credentialName`,
          `must be set: a ${mode} server of an ingress gateway takes its certificate from a Secret`, settings,
          `Create a TLS Secret in the gateway pods' namespace and give ServerTls.${mode === ServerTlsMode.SIMPLE ? 'simple' : mode === ServerTlsMode.MUTUAL ? 'mutual' : 'optionalMutual'}({ credentialName: '<secret>' }).`);
      }
    }
    const sameName = (n: string) => before.some((s) => s.portName === n);
    const base = https ? 'https' : 'http';
    let portName = server.portName;
    if (portName === undefined) {
      portName = base;
      if (sameName(portName)) portName = `${base}-${port}`;
      for (let n = 2; sameName(portName); n++) portName = `${base}-${port}-${n}`;
    } else {
      problems.check(!sameName(portName), `${prop}.portName`, 'must be unique among the servers of the Gateway', portName,
        `Give another name, such as '${base}-${port}'.`);
    }
    const tcp = this.tcpServerOn(port);
    if (tcp) problems.add(`${prop}.port`, `is already the port of a TCP server (${tcp.prop}): one port carries one protocol`, port, 'Use another port.');
    for (const other of before.filter((s) => s.port === port)) {
      if (other.https !== https) {
        problems.add(`${prop}.port`, `is already the port of ${other.https ? 'an HTTPS' : 'an HTTP'} server (${other.prop}): one port carries one protocol`, port,
          `Use another port, such as ${https ? 443 : 80}.`);
        continue;
      }
      hosts.filter((h) => other.hosts.includes(h)).forEach((h) => problems.add(`${prop}.hosts`,
        `serves '${h}' on port ${port}, which ${other.prop} already serves`, h, 'Serve each host once per port: merge the servers or remove the duplicate host.'));
    }
    const httpsRedirect = !https && server.httpsRedirect === true;
    if (this.ctx.routing === RoutingApi.GATEWAY_API) _checkGatewayApiServer(problems, prop, server, https ? mode : undefined, settings);
    return {
      https,
      port,
      portName,
      hosts: [...hosts],
      routes: !httpsRedirect && (!https || mode === ServerTlsMode.SIMPLE || mode === ServerTlsMode.MUTUAL || mode === ServerTlsMode.OPTIONAL_MUTUAL),
      redirect: httpsRedirect,
      prop,
      listenerBase: server.name ?? portName,
      certificates: options.credentialNames ? [...options.credentialNames] : options.credentialName !== undefined ? [options.credentialName] : [],
      passthrough: https && mode === ServerTlsMode.PASSTHROUGH,
    };
  }

  /** Adds a checked server: an Istio Gateway server, or Gateway API listeners. */
  public commit(record: _ServerRecord, server: _ServerOptions, tls: ServerTls | undefined): void {
    if (this.ctx.kubernetesGateway) {
      this.commitListeners(record);
      this.servers.push(record);
      return;
    }
    this.ctx.gateway!.addServer({
      port: { number: record.port, name: record.portName, protocol: record.https ? Protocol.HTTPS : Protocol.HTTP, targetPort: server.targetPort },
      hosts: record.hosts,
      tls: record.redirect ? ServerTls.httpsRedirect() : tls,
      name: server.name,
    });
    this.servers.push(record);
  }

  /**
   * The parents of a route: the whole Gateway when the route is meant for every listener, else
   * each listener it is meant for by `sectionName`.
   */
  public parentRefs(meant: (l: _ListenerRecord) => boolean): ParentRef[] {
    const namespace = this.ctx.namespace !== undefined && this.ctx.namespace !== this.ctx.routesNamespace ? this.ctx.namespace : undefined;
    const chosen = this.listeners.filter(meant);
    if (chosen.length === this.listeners.length) return [ParentRef.gateway(this.ctx.name, { namespace })];
    return chosen.map((l) => ParentRef.gateway(this.ctx.name, { namespace, sectionName: l.name }));
  }

  /** An HTTP server that redirects to HTTPS needs an HTTPS server for each of its hosts. */
  public validateRedirects(): string[] {
    const problems = new _Problems(this.ctx.subject);
    const httpsHosts = this.servers.filter((s) => s.https).flatMap((s) => s.hosts.map((h) => _splitServerHost(h).host));
    for (const server of this.servers.filter((s) => s.redirect)) {
      for (const h of server.hosts) {
        const host = _splitServerHost(h).host;
        problems.check(httpsHosts.some((x) => _hostsOverlap(x, host)), `${server.prop}.httpsRedirect`,
          `redirects '${host}' to HTTPS, but no HTTPS server of the gateway serves it: clients would be sent to a port that refuses them`, h,
          `Add an HTTPS server for '${host}' with addHttpsServer(), or leave httpsRedirect out.`);
      }
    }
    return problems.messages();
  }

  /** A listener per host of the server (Gateway API listeners have one hostname each). */
  private commitListeners(record: _ServerRecord): void {
    record.hosts.forEach((serverHost, i) => {
      const wanted = record.hosts.length === 1 ? record.listenerBase : `${record.listenerBase}-${i + 1}`;
      let name = wanted;
      for (let n = 2; this.listeners.some((l) => l.name === name); n++) name = `${wanted}-${n}`;
      const { host } = _splitServerHost(serverHost);
      this.ctx.kubernetesGateway!.addListener({
        name,
        port: record.port,
        protocol: !record.https ? ListenerProtocol.HTTP : record.passthrough ? ListenerProtocol.TLS : ListenerProtocol.HTTPS,
        hostname: host === '*' ? undefined : host,
        allowedRoutes: this.allowedRoutes(serverHost),
        certificateSecrets: record.certificates.length > 0 ? record.certificates : undefined,
        tlsPassthrough: record.passthrough ? true : undefined,
      });
      this.listeners.push({ name, port: record.port, passthrough: record.passthrough, serverHost, routes: record.routes, redirect: record.redirect });
    });
    if (record.redirect && !this.redirectRoute) {
      this.redirectRoute = new _IngressHttpRoute(this.ctx.owner, 'HTTPRoute-https-redirect', {
        metadata: { name: `${this.ctx.name}-https-redirect`, namespace: this.ctx.routesNamespace },
        parentRefs: [ParentRef.gateway(this.ctx.name)],
        rules: [{ redirect: { scheme: GatewayRedirectScheme.HTTPS, statusCode: 301 } }],
      }, () => this.parentRefs((l) => l.redirect));
    }
  }

  /**
   * Which namespaces may attach routes to a listener, from the server host's namespace part: `*`
   * every namespace; `.` or the Gateway's namespace its own; another namespace that one; none the
   * namespace of the routes this pattern creates.
   */
  private allowedRoutes(serverHost: string): AllowedRoutes {
    const { namespace } = _splitServerHost(serverHost);
    if (namespace === '*' || (namespace === undefined && this.ctx.allowRoutesFromAllNamespaces)) return AllowedRoutes.allNamespaces();
    const from = namespace === undefined ? this.ctx.routesNamespace : namespace === '.' ? this.ctx.namespace : namespace;
    if (from === undefined || from === this.ctx.namespace) return AllowedRoutes.sameNamespace();
    return AllowedRoutes.namespacesWithLabels({ [NAMESPACE_LABEL]: from });
  }
}
