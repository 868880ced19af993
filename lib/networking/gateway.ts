import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ServerTls } from './server-tls';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _JsonObject } from '../core/_compact';
import { _constructSubject, _Problems, _requireProps } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _networkingL1 } from '../core/_l1';
import { _isDnsLabel } from '../core/_names';
import { _checkOptionalPort } from '../core/_port';
import { _checkProtocol, _parseProtocol } from '../core/_protocol';
import { _checkNotSynthesized } from '../core/_synth';
import { Port } from '../core/port';
import { Protocol } from '../core/protocol';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { WorkloadSelector } from '../core/selector';

/**
 * The port a Gateway server listens on. Istio requires its `number`, `protocol` and `name`; the
 * Gateway checks that the last two are given.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
 */
export interface GatewayPort extends Port {}

/**
 * One server of a Gateway: a port, the hosts it serves, and its TLS.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
 */
export interface GatewayServer {
  /** The port to listen on. */
  readonly port: GatewayPort;

  /**
   * The hosts served, `[namespace/]host`: `*`, `*.example.com`, `example.com`, `bookinfo/*`. The
   * namespace part says whose VirtualServices may bind to the host: `ns/` those of namespace `ns`, `./`
   * those of the Gateway's namespace, a `*` namespace part (or none) those of every namespace. A host
   * without a namespace part gets the Gateway's `routesNamespace` when it has one.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
   */
  readonly hosts: string[];

  /**
   * TLS settings; required for HTTPS and TLS ports.
   *
   * @default - no TLS
   */
  readonly tls?: ServerTls;

  /**
   * The address or Unix socket to bind to.
   *
   * @default - all addresses
   */
  readonly bind?: string;

  /**
   * Where traffic is forwarded by default (`127.0.0.1:8080`).
   *
   * @default - the routing of VirtualServices
   */
  readonly defaultEndpoint?: string;

  /**
   * A name for the server, unique in the Gateway.
   *
   * @default - unnamed
   */
  readonly name?: string;
}

/** Props of a Gateway. */
export interface GatewayProps extends MeshResourceProps {
  /**
   * The gateway pods (an ingress or egress gateway deployment) that serve this configuration, by
   * their labels, such as `{ istio: 'ingressgateway' }`.
   */
  readonly selector: WorkloadSelector;

  /**
   * The servers.
   *
   * @default - none; add with `addServer()`
   */
  readonly servers?: GatewayServer[];

  /**
   * The namespace whose VirtualServices may bind to the hosts written without a namespace part:
   * each such host is emitted as `<routesNamespace>/<host>` (`.` for the Gateway's own namespace).
   * Hosts written with a namespace part (`*` before the slash, to admit every namespace on purpose)
   * are emitted as written.
   *
   * @default - hosts as written: one without a namespace part admits VirtualServices of every namespace
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
   */
  readonly routesNamespace?: string;
}

/**
 * An Istio Gateway: the ports, hosts and TLS of a load balancer at the edge of the mesh. Emits
 * `networking.istio.io/v1`. Bind VirtualServices to it with their `gateways`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/
 */
export class Gateway extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.Gateway;

  private readonly subject: string;
  private readonly selector: WorkloadSelector;
  private readonly servers: GatewayServer[] = [];
  private readonly routesNamespace?: string;

  public constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    this.subject = _constructSubject('Gateway', scope, id);
    _requireProps(this.subject, props, { selector: 'Select the gateway pods, such as WorkloadSelector.labels({ istio: \'ingressgateway\' }).' });
    const problems = new _Problems(this.subject);
    if (props.routesNamespace !== undefined) {
      problems.check((props.routesNamespace === '.' || _isDnsLabel(props.routesNamespace)), 'routesNamespace',
        'must be a namespace name or \'.\'', props.routesNamespace, 'Use a namespace such as \'payments\', or \'.\' for the Gateway\'s own.');
      this.routesNamespace = props.routesNamespace;
    }
    problems.check(props.selector !== undefined, 'selector', 'must be given', props.selector,
      'Select the gateway pods, such as WorkloadSelector.labels({ istio: \'ingressgateway\' }).');
    (props.servers ?? []).forEach((s, i) => this.checkServer(s, `servers[${i}]`, problems));
    problems.throwIfAny();
    this.selector = props.selector;
    this.servers.push(...(props.servers ?? []).map(copyServer));
    this.apiObject = new (_networkingL1().Gateway)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
    this.node.addValidation({
      validate: () => new _Problems(this.subject)
        .check(this.servers.length > 0, 'servers', 'must not be empty', [], 'Add a server with servers: [...] or addServer().')
        .messages(),
    });
  }

  /** Adds a server. */
  public addServer(server: GatewayServer): void {
    _checkNotSynthesized(this, 'Gateway', 'addServer');
    _requireProps(this.subject, server, { port: 'Give the port, such as { number: 80, name: \'http\', protocol: Protocol.HTTP }.', hosts: 'Give the hosts the server answers for, such as [\'shop.example.com\'].' }, 'server');
    const problems = new _Problems(this.subject);
    this.checkServer(server, `servers[${this.servers.length}]`, problems);
    problems.throwIfAny();
    this.servers.push(copyServer(server));
  }

  private checkServer(server: GatewayServer, prop: string, problems: _Problems): void {
    const port = server.port;
    _checkOptionalPort(problems, `${prop}.port.number`, port.number);
    _checkOptionalPort(problems, `${prop}.port.targetPort`, port.targetPort);
    problems.check(!!port.name, `${prop}.port.name`, 'must not be empty', port.name, 'Name the port, such as \'https\'.');
    _checkProtocol(problems, `${prop}.port.protocol`, port.protocol);
    const hosts = server.hosts ?? [];
    problems.check(hosts.length > 0, `${prop}.hosts`, 'must not be empty', hosts, 'Give the hosts served, or [\'*\'] for every host.');
    hosts.forEach((h, i) => {
      const slash = h.indexOf('/');
      const ns = slash >= 0 ? h.slice(0, slash) : undefined;
      const host = slash >= 0 ? h.slice(slash + 1) : h;
      const problem = (ns !== undefined && ns !== '*' && ns !== '.' && !_isDnsLabel(ns)) ? 'must have a namespace of `*`, `.` or a namespace name before `/`'
        : _hostProblem(host);
      if (problem) problems.add(`${prop}.hosts[${i}]`, problem, h, 'Use `[namespace/]host`, such as `example.com`, `*.example.com`, `bookinfo/*` or `*`.');
    });
    const protocol = _parseProtocol(port.protocol);
    if ((protocol === Protocol.HTTPS || protocol === Protocol.TLS) && server.tls?.mode === undefined) {
      problems.add(`${prop}.tls`, `must be given for a ${port.protocol} port`, server.tls?._toIstio(),
        'Give tls: ServerTls.simple({ credentialName: ... }) to terminate TLS, or ServerTls.passthrough().');
    }
  }

  /** @internal */
  public _toKube(): k8s.GatewaySpec {
    return {
      selector: this.selector.matchLabels,
      servers: this.servers.map((server) => this.renderServer(server)),
    };
  }

  private renderServer(server: GatewayServer): k8s.GatewaySpecServers {
    const port = server.port;
    return _compact({
      // `name` and `protocol` are optional in the shared Port struct; a Gateway server checks both are given.
      port: _compact({ number: port.number, name: port.name!, protocol: port.protocol!, targetPort: port.targetPort }),
      hosts: server.hosts.map((h) => this.routesNamespace !== undefined && !h.includes('/') ? `${this.routesNamespace}/${h}` : h),
      tls: server.tls?._toIstio() as _JsonObject | undefined,
      bind: server.bind,
      defaultEndpoint: server.defaultEndpoint,
      name: server.name,
    });
  }
}

/** A copy of a server as given, so later changes to the caller's object do not reach the manifest. */
function copyServer(server: GatewayServer): GatewayServer {
  return { ...server, port: { ...server.port }, hosts: [...(server.hosts ?? [])] };
}
