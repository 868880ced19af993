import { AnalysisLevel } from '../../finding';
import { _Obj } from '../../model';
import { _Rule } from '../../rule';

/** IST0160: several Telemetries without selector in one namespace. */
export const MULTIPLE_TELEMETRIES_WITHOUT_SELECTOR: _Rule = {
  id: 'IST0160',
  rule: 'telemetry/multiple-without-selector',
  name: 'MultipleTelemetriesWithoutWorkloadSelectors',
  level: AnalysisLevel.ERROR,
  cause: 'A namespace holds more than one Telemetry without a selector.',
  why: 'A namespace (or, in the root namespace, the mesh) has one default Telemetry: with several, which applies is undefined.',
  fix: 'Keep one Telemetry without a selector per namespace; give the others a selector or targetRefs.',
  istioAnalyzer: 'telemetry.DefaultSelectorAnalyzer',
  check: (model) => {
    const byNamespace = new Map<string, _Obj[]>();
    for (const t of model.istio('Telemetry').filter((x) => !x.spec.selector)) {
      byNamespace.set(t.namespace, [...(byNamespace.get(t.namespace) ?? []), t]);
    }
    return [...byNamespace].filter(([, ts]) => ts.length > 1).flatMap(([ns, ts]) => {
      const names = ts.map((t) => t.name).sort();
      return ts.map((t) => ({ obj: t, message: `Telemetries [${names.join(', ')}] in namespace ${ns} have no selector: which applies is undefined.` }));
    });
  },
};
