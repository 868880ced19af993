import { _workloadInMesh } from '../../facts/_workloads';
import { _MeshModel, _Obj } from '../../model';

/** The label Istio puts on the waypoint Deployments it manages. */
const WAYPOINT = { key: 'gateway.istio.io/managed', value: 'istio.io-mesh-controller' };

/** Meshed Deployments (not waypoints), each with the Services that select its pod template. @internal */
export function _meshedDeploymentsWithServices(model: _MeshModel): { deployment: _Obj; services: _Obj[] }[] {
  // Several rules read them: found once per model.
  return model.memoOf(model, 'meshedDeploymentsWithServices', () => model.workloads
    .filter((w) => !w.isPod && w.obj.kind === 'Deployment' && w.obj.group === 'apps')
    .filter((w) => w.obj.labels[WAYPOINT.key] !== WAYPOINT.value && _workloadInMesh(model, w))
    .map((w) => ({
      deployment: w.obj,
      services: model.servicesOf(w),
    })));
}

/** Istio's name of a Service in messages: `<ns>/<name>`. @internal */
export function _svcName(svc: _Obj): string {
  return `${svc.namespace}/${svc.name}`;
}
