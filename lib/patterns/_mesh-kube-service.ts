/**
 * The Kubernetes Services of a MeshService: a cdk8s-plus Service whose ports carry the
 * `appProtocol` of their protocol, which cdk8s-plus-28's `ServicePort` has no field for.
 *
 * @internal
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _ResolvedPort } from './_ports';

/** @internal */
export class _MeshKubeService extends kplus.Service {
  private readonly appProtocols: ReadonlyMap<number, string>;

  public constructor(scope: Construct, id: string, props: kplus.ServiceProps, ports: readonly _ResolvedPort[]) {
    super(scope, id, {
      ...props,
      ports: ports.map((p) => ({ name: p.name, port: p.number, targetPort: p.targetPort, ...(p.udp ? { protocol: kplus.Protocol.UDP } : {}) })),
    });
    this.appProtocols = new Map(ports.map((p) => [p.number, p.appProtocol]));
  }

  /** The labels the Service selects its pods on, as they stand. */
  public get selectedLabels(): { [key: string]: string } {
    return { ...this._toKube().selector };
  }

  /**
   * The spec, each port with its `appProtocol` (Istio's explicit protocol selection:
   * https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/).
   *
   * @internal
   */
  public _toKube() {
    const spec = super._toKube();
    return { ...spec, ports: spec.ports?.map((p) => ({ ...p, appProtocol: this.appProtocols.get(p.port) ?? p.appProtocol })) };
  }
}
