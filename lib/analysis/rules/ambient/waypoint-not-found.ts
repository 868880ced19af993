import { _gatewayOf, _isWaypoint, _USE_WAYPOINT, _waypointFor, _WaypointRef, _waypointRef } from '../../facts/_ambient';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _Obj } from '../../model';
import { _RawFinding, _Rule } from '../../rule';

/** What a binding is checked against: the traffic the bound object sends through a waypoint. */
function problem(model: _MeshModel, ref: _WaypointRef, traffic: 'service' | 'workload' | 'namespace'): string | undefined {
  const gw = _gatewayOf(model, ref);
  if (!gw) return `names waypoint ${ref.namespace}/${ref.name}, but the app defines no Gateway of that name in namespace ${ref.namespace}`;
  if (!_isWaypoint(model, gw)) {
    return `names Gateway ${ref.namespace}/${ref.name}, which is not a waypoint (gatewayClassName '${gw.spec.gatewayClassName}', not 'istio-waypoint')`;
  }
  const takes = _waypointFor(gw);
  const accepts = takes === 'all' || (traffic === 'namespace' ? takes !== 'none' : takes === traffic);
  if (!accepts) return `names waypoint ${ref.namespace}/${ref.name}, which takes ${takes === 'none' ? 'no' : takes} traffic (istio.io/waypoint-for=${takes}), not ${traffic} traffic`;
  return undefined;
}

/** Objects that can carry the binding label, with the traffic they send through the waypoint and their labels. */
function bindings(model: _MeshModel): { obj: _Obj; labels: Record<string, string>; traffic: 'service' | 'workload' | 'namespace' }[] {
  return [
    ...model.ofKind('Namespace', '').map((obj) => ({ obj, labels: obj.labels, traffic: 'namespace' as const })),
    ...model.services.map((obj) => ({ obj, labels: obj.labels, traffic: 'service' as const })),
    ...model.istio('ServiceEntry').map((obj) => ({ obj, labels: obj.labels, traffic: 'service' as const })),
    ...model.workloads.map((w) => ({ obj: w.obj, labels: w.labels, traffic: 'workload' as const })),
  ];
}

/**
 * CI0008: an `istio.io/use-waypoint` label (on a Namespace, Service, ServiceEntry or pod template) naming a
 * waypoint the app does not define, a Gateway that is not a waypoint, or a waypoint that does not take that
 * kind of traffic (`istio.io/waypoint-for`). The value `none` opts out and is never reported. Istio reports
 * an unresolved waypoint only in the bound object's status.
 */
export const WAYPOINT_NOT_FOUND: _Rule = {
  id: 'CI0008',
  rule: 'ambient/waypoint-not-found',
  name: 'UseWaypointNotResolved',
  level: AnalysisLevel.WARNING,
  cause: `The ${_USE_WAYPOINT} label of a Namespace, Service, ServiceEntry or pod names a waypoint that the app does not define `
    + '(in istio.io/use-waypoint-namespace, else the object\'s namespace), a Gateway that is not a waypoint, or a waypoint whose '
    + 'istio.io/waypoint-for excludes that traffic.',
  why: 'Traffic is sent through a waypoint only when the one named exists, is a waypoint and takes that traffic; otherwise none '
    + 'is used and every L7 route, authorization rule and telemetry setting meant for the waypoint is silently skipped.',
  fix: 'Correct the label to the name (and istio.io/use-waypoint-namespace to the namespace) of a Gateway with gatewayClassName '
    + 'istio-waypoint, define that Gateway, or set istio.io/waypoint-for on it to service, workload or all as needed.',
  check: (model) => bindings(model).flatMap(({ obj, labels, traffic }): _RawFinding[] => {
    const ref = _waypointRef(obj, labels);
    if (ref === undefined || ref === 'none') return [];
    const what = problem(model, ref, traffic);
    const where = obj.kind === 'Namespace' || obj.kind === 'Service' || obj.kind === 'ServiceEntry' || obj.kind === 'Pod' ? '' : ' on its pod template';
    return what ? [{ obj, message: `${obj.kind} ${obj.name}: the ${_USE_WAYPOINT} label${where} ${what}.` }] : [];
  }),
};
