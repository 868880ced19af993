/**
 * The Istio-API rendering of IngressGateway exposures: VirtualServices bound to the gateway, whose
 * routes that follow a MeshService's split are refreshed when they render.
 *
 * @internal
 */
import { _CheckedExposure, _IngressContext, _IngressHttpBackEnd, _ServiceBackend } from './_ingress-context';
import { _sameHosts } from './_ingress-gateway-api';
import { IngressExposeOptions } from './ingress-expose';
import { _Problems } from '../core/_errors';
import { _checkOptionalPort } from '../core/_port';
import { _whileRendering } from '../core/_synth';
import { Destination } from '../networking/destination';
import { VirtualService } from '../networking/virtual-service';

/** One exposure's route, with its destinations read at synth. @internal */
export interface _IstioExposure {
  readonly hosts: string[];
  readonly backends: () => Destination[];
  readonly replace: (destinations: Destination[]) => void;
}

/**
 * A VirtualService bound to the gateway whose routes that follow a MeshService's split are
 * refreshed when it renders.
 *
 * @internal
 */
export class _IngressVirtualService extends VirtualService {
  public readonly exposures: _IstioExposure[] = [];
  public readonly exposedHosts: string[] = [];

  /** @internal */
  public _toKube() {
    _whileRendering(() => this.exposures.forEach((e) => e.replace(e.backends())));
    return super._toKube();
  }
}

/** The VirtualServices of an IngressGateway's HTTP exposures, by name. @internal */
export class _IngressVirtualServices implements _IngressHttpBackEnd {
  public readonly byName = new Map<string, _IngressVirtualService>();
  public readonly namesSubsets = true;

  constructor(private readonly ctx: _IngressContext) {}

  /** The VirtualService of the hosts: the one named, else the one with the same hosts, else a new one. */
  public serviceFor(hosts: string[], name: string | undefined): _IngressVirtualService {
    if (name !== undefined && this.byName.has(name)) return this.byName.get(name)!;
    if (name === undefined) {
      const found = [...this.byName.values()].find((vs) => _sameHosts(vs.exposedHosts, hosts));
      if (found) return found;
    }
    let chosen = name ?? this.ctx.name;
    for (let n = 2; this.byName.has(chosen); n++) chosen = `${this.ctx.name}-${n}`;
    const vs = new _IngressVirtualService(this.ctx.owner, `VirtualService-${chosen}`, {
      metadata: { name: chosen, namespace: this.ctx.routesNamespace },
      hosts,
      gateways: [this.ctx.gatewayReference(this.ctx.routesNamespace)],
    });
    vs.exposedHosts.push(...hosts);
    this.byName.set(chosen, vs);
    return vs;
  }

  public checkHostTarget(problems: _Problems, _host: string, port: number | undefined): void {
    _checkOptionalPort(problems, 'port', port, 'Give the port of the host, such as 9080.');
  }

  public checkBackendNamespace(): void {
    // A destination names a Service of another namespace by its FQDN; no grant is needed.
  }

  public checkExposedHost(): boolean {
    return true;
  }

  public checkSharedHosts(problems: _Problems, hosts: string[], target: object | undefined): void {
    for (const [name, vs] of this.byName) {
      if (vs === target) continue;
      const shared = hosts.filter((h) => vs.exposedHosts.includes(h));
      problems.check(shared.length === 0, 'options.hosts', `shares ${shared.map((h) => `'${h}'`).join(', ')} with VirtualService '${name}' of the gateway: `
        + 'Istio merges the routes of one host from several VirtualServices in no defined order', hosts,
      `Expose on exactly the hosts of '${name}' (${vs.exposedHosts.join(', ')}) so the routes share it, or on hosts of their own.`);
    }
  }

  public checkOptions(_problems: _Problems, _options: IngressExposeOptions, hosts: string[]): _CheckedExposure {
    return { hosts };
  }

  public add(checked: _CheckedExposure, options: IngressExposeOptions, backends: () => Destination[],
    _serviceBackends: () => _ServiceBackend[]): VirtualService {
    const vs = this.serviceFor(checked.hosts, options.virtualServiceName);
    const route = vs.addHttpRoute({
      name: options.routeName,
      match: options.match,
      route: backends(),
      timeout: options.timeout,
      retries: options.retries,
      rewrite: options.rewrite,
    });
    vs.exposures.push({ hosts: checked.hosts, backends, replace: (d) => route.replaceDestinations(...d) });
    return vs;
  }
}
