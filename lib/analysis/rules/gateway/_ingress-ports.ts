import { _gatewayServices, _gatewayWorkloads, _selector, _servers } from './_gateway-workloads';
import { _labelsText } from '../../facts/_labels';
import { _MeshModel, _Obj, _selects } from '../../model';

/** What a Gateway's selector reaches: how many workloads, and the ports their Services open to them. @internal */
export interface _GatewayReach {
  readonly gateway: _Obj;
  readonly selector: string;
  readonly workloads: number;
  /** Server ports of the Gateway that no selecting Service offers. */
  readonly missingPorts: number[];
}

function targetPortNumber(port: any): number {
  const n = Number(port?.targetPort);
  return Number.isInteger(n) ? n : 0;
}

/**
 * For each Gateway: the workloads its selector picks, and the Gateway server ports that none of the
 * Services selecting those workloads offers. A Service port counts by its targetPort (where the
 * proxy listens) and by its port; only TCP ports count (the default protocol).
 * @internal
 */
export function _gatewayReach(model: _MeshModel, gateways: _Obj[]): _GatewayReach[] {
  const workloads = _gatewayWorkloads(model);
  const services = _gatewayServices(model);
  return gateways.map((gateway) => {
    const selector = _selector(gateway);
    const picked = workloads.filter((w) => _selects(selector, w.labels));
    const offered = new Set<number>();
    for (const w of picked) {
      for (const svc of services.filter((s) => s.namespace === w.namespace && _selects(s.spec.selector, w.labels))) {
        for (const port of Array.isArray(svc.spec.ports) ? svc.spec.ports : []) {
          if ((port?.protocol ?? 'TCP') !== 'TCP') continue;
          const target = targetPortNumber(port);
          offered.add(target || Number(port.port));
          offered.add(Number(port.port));
        }
      }
    }
    const missingPorts = _servers(gateway).map((s) => s.port?.number).filter((n) => n !== undefined && !offered.has(Number(n)));
    return { gateway, selector: _labelsText(selector), workloads: picked.length, missingPorts };
  });
}
