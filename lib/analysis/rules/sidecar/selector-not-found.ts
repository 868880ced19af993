import { _sidecarSelection } from './_selector';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0101: a Sidecar whose workloadSelector selects no workload in its namespace. */
export const SIDECAR_SELECTOR_NOT_FOUND: _Rule = {
  id: 'IST0101',
  rule: 'sidecar/selector-not-found',
  name: 'ReferencedResourceNotFound',
  level: AnalysisLevel.ERROR,
  cause: 'A Sidecar\'s workloadSelector matches no Pod or pod template in the Sidecar\'s namespace.',
  why: 'The Sidecar configures no proxy: the egress limits or ingress settings it describes never apply.',
  fix: 'Correct the selector labels, or create the Sidecar in the namespace of the workload it is meant for.',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  check: (model) => _sidecarSelection(model).unmatched
    .map(({ sidecar, selector }) => ({ obj: sidecar, ref: { namespace: sidecar.namespace, workloadLabels: sidecar.spec.workloadSelector?.labels ?? {} }, message: `Sidecar ${sidecar.name}: workloadSelector ${selector} matches no workload in namespace ${sidecar.namespace}.` })),
};
