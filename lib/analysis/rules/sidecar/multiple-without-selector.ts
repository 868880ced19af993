import { _sidecarSelection } from './_selector';
import { _namespaceInAmbient } from '../../facts/_ambient';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0111: several Sidecars without workloadSelector in one namespace. */
export const MULTIPLE_SIDECARS_WITHOUT_SELECTOR: _Rule = {
  id: 'IST0111',
  rule: 'sidecar/multiple-without-selector',
  name: 'MultipleSidecarsWithoutWorkloadSelectors',
  level: AnalysisLevel.ERROR,
  cause: 'A namespace holds more than one Sidecar without a workloadSelector.',
  why: 'A namespace has one default Sidecar: with several, which applies to its workloads is undefined.',
  fix: 'Keep one Sidecar without a selector per namespace; give the others a workloadSelector.',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  check: (model) => [..._sidecarSelection(model).namespaceWide]
    .filter(([ns, sidecars]) => sidecars.length > 1 && !_namespaceInAmbient(model, ns))
    .flatMap(([ns, sidecars]) => {
      const names = sidecars.map((s) => s.name).sort();
      return sidecars.map((sc) => ({ obj: sc, message: `Sidecars [${names.join(', ')}] in namespace ${ns} have no workloadSelector: which applies is undefined.` }));
    }),
};
