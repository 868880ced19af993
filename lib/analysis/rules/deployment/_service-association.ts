import { _workloadInMesh } from './_in-mesh';
import { _MeshModel, _Obj, _selects } from '../../model';

/** The label Istio puts on the waypoint Deployments it manages. */
const WAYPOINT = { key: 'gateway.istio.io/managed', value: 'istio.io-mesh-controller' };

/** Meshed Deployments (not waypoints), each with the Services that select its pod template. @internal */
export function _meshedDeploymentsWithServices(model: _MeshModel): { deployment: _Obj; services: _Obj[] }[] {
  return model.workloads
    .filter((w) => !w.isPod && w.obj.kind === 'Deployment' && w.obj.group === 'apps')
    .filter((w) => w.obj.labels[WAYPOINT.key] !== WAYPOINT.value && _workloadInMesh(model, w))
    .map((w) => ({
      deployment: w.obj,
      services: model.services.filter((s) => s.namespace === w.namespace && s.spec.selector
        && Object.keys(s.spec.selector).length > 0 && _selects(s.spec.selector, w.labels)),
    }));
}

/** Istio's name of a Service in messages: `<ns>/<name>`. @internal */
export function _svcName(svc: _Obj): string {
  return `${svc.namespace}/${svc.name}`;
}
