import { _telemetrySelections } from './_selector';
import { AnalysisLevel } from '../../finding';
import { _Obj, _Workload } from '../../model';
import { _Rule } from '../../rule';

/** IST0159: several Telemetries whose selectors select the same workload. */
export const CONFLICTING_TELEMETRY_SELECTORS: _Rule = {
  id: 'IST0159',
  rule: 'telemetry/conflicting-selectors',
  name: 'ConflictingTelemetryWorkloadSelectors',
  level: AnalysisLevel.ERROR,
  cause: 'Two or more Telemetries with a selector select the same workload.',
  why: 'Which of them configures the workload\'s telemetry is undefined.',
  fix: 'Make the selectors disjoint, or merge the Telemetries into one.',
  istioAnalyzer: 'telemetry.SelectorAnalyzer',
  check: (model) => {
    const byWorkload = new Map<_Workload, _Obj[]>();
    for (const { telemetry, workloads } of _telemetrySelections(model)) {
      for (const w of workloads) byWorkload.set(w, [...(byWorkload.get(w) ?? []), telemetry]);
    }
    return [...byWorkload].filter(([, ts]) => ts.length > 1).flatMap(([w, ts]) => {
      const names = ts.map((t) => t.name).sort();
      return ts.map((t) => ({
        obj: t,
        message: `Telemetries [${names.join(', ')}] in namespace ${w.namespace} all select ${w.obj.kind} ${w.obj.name}: which applies is undefined.`,
      }));
    });
  },
};
