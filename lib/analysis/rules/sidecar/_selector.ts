import { _namespaceInAmbient, _workloadIsAmbient } from '../../facts/_ambient';
import { _labelsText } from '../../facts/_labels';
import { _MeshModel, _Obj, _Workload } from '../../model';

/** How the Sidecars of the model select workloads. @internal */
export interface _SidecarSelection {
  /** Sidecars with a workloadSelector that selects nothing, with their selector as text. */
  readonly unmatched: { sidecar: _Obj; selector: string }[];
  /** Each selected workload with the Sidecars selecting it. */
  readonly byWorkload: { workload: _Workload; sidecars: _Obj[] }[];
  /** Sidecars without a workloadSelector, by namespace. */
  readonly namespaceWide: Map<string, _Obj[]>;
}

/** Reads how the Sidecars select workloads. @internal */
export function _sidecarSelection(model: _MeshModel): _SidecarSelection {
  const unmatched: { sidecar: _Obj; selector: string }[] = [];
  const byWorkload = new Map<_Workload, _Obj[]>();
  const namespaceWide = new Map<string, _Obj[]>();
  for (const sc of model.istio('Sidecar')) {
    const labels: Record<string, string> = sc.spec.workloadSelector?.labels ?? {};
    if (Object.keys(labels).length === 0) {
      namespaceWide.set(sc.namespace, [...(namespaceWide.get(sc.namespace) ?? []), sc]);
      continue;
    }
    const selected = model.workloadsSelectedBy(sc.namespace, labels);
    if (selected.length === 0) unmatched.push({ sidecar: sc, selector: _labelsText(labels) });
    for (const w of selected) byWorkload.set(w, [...(byWorkload.get(w) ?? []), sc]);
  }
  return { unmatched, byWorkload: [...byWorkload].map(([workload, sidecars]) => ({ workload, sidecars })), namespaceWide };
}

/**
 * Sidecars that have no effect because what they apply to is in ambient mode, with the reason. A selected
 * workload counts as ambient when it is already redirected (Istio's test on live pods) and also, since pod
 * templates never carry that run-time annotation, when its namespace or pod template says ambient. @internal
 */
export function _ineffectiveSidecars(model: _MeshModel): { sidecar: _Obj; reason: string }[] {
  const selection = _sidecarSelection(model);
  const out = new Map<_Obj, string>();
  for (const { workload, sidecars } of selection.byWorkload) {
    if (!_workloadIsAmbient(model, workload)) continue;
    for (const sc of sidecars) if (!out.has(sc)) out.set(sc, `selected workload ${workload.obj.kind} ${workload.obj.name} is in ambient mode`);
  }
  for (const [ns, sidecars] of selection.namespaceWide) {
    if (!_namespaceInAmbient(model, ns)) continue;
    for (const sc of sidecars) if (!out.has(sc)) out.set(sc, `namespace ${ns} is in ambient mode`);
  }
  return [...out].map(([sidecar, reason]) => ({ sidecar, reason }));
}
