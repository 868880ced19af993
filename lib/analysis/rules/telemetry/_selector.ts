import { _MeshModel, _Obj, _Workload } from '../../model';

/** Telemetries with a non-empty selector, each with the workloads of its namespace it selects. @internal */
export function _telemetrySelections(model: _MeshModel): { telemetry: _Obj; labels: Record<string, string>; workloads: _Workload[] }[] {
  return model.istio('Telemetry')
    .map((t) => ({ telemetry: t, labels: (t.spec.selector?.matchLabels ?? {}) as Record<string, string> }))
    .filter(({ labels }) => Object.keys(labels).length > 0)
    .map(({ telemetry, labels }) => ({ telemetry, labels, workloads: model.workloadsSelectedBy(telemetry.namespace, labels) }));
}
