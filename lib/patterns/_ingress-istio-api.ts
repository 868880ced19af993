/**
 * The Istio-API rendering of IngressGateway exposures: VirtualServices bound to the gateway, whose
 * routes that follow a MeshService's split are refreshed when they render.
 *
 * @internal
 */
import { _IngressContext } from './_ingress-context';
import { _sameHosts } from './_ingress-gateway-api';
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
export class _IngressVirtualServices {
  public readonly byName = new Map<string, _IngressVirtualService>();

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
}
