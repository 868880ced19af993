import { _sidecarSelection } from './_selector';
import { _workloadIsAmbient } from '../../facts/_ambient';
import { AnalysisLevel } from '../../finding';
import { _RawFinding, _Rule } from '../../rule';

/** IST0110: several Sidecars whose workloadSelectors select the same workload. */
export const CONFLICTING_SIDECAR_SELECTORS: _Rule = {
  id: 'IST0110',
  rule: 'sidecar/conflicting-selectors',
  name: 'ConflictingSidecarWorkloadSelectors',
  level: AnalysisLevel.ERROR,
  cause: 'Two or more Sidecars with a workloadSelector select the same workload.',
  why: 'A proxy takes one Sidecar: which one applies is undefined, so the workload\'s egress and ingress settings may change from one push to the next.',
  fix: 'Make the selectors disjoint, or merge the Sidecars into one.',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  check: (model) => _sidecarSelection(model).byWorkload
    .filter(({ workload, sidecars }) => sidecars.length > 1 && !_workloadIsAmbient(model, workload))
    .flatMap(({ workload, sidecars }) => {
      const names = sidecars.map((s) => s.name).sort();
      return sidecars.map((sc): _RawFinding => ({
        obj: sc,
        message: `Sidecars [${names.join(', ')}] in namespace ${workload.namespace} all select ${workload.obj.kind} ${workload.obj.name}: which applies is undefined.`,
      }));
    }),
};
