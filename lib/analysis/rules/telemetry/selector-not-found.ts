import { _telemetrySelections } from './_selector';
import { _labelsText } from '../../facts/_labels';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0101: a Telemetry whose selector selects no workload in its namespace. */
export const TELEMETRY_SELECTOR_NOT_FOUND: _Rule = {
  id: 'IST0101',
  rule: 'telemetry/selector-not-found',
  name: 'ReferencedResourceNotFound',
  level: AnalysisLevel.ERROR,
  cause: 'A Telemetry\'s selector matches no Pod or pod template in the Telemetry\'s namespace.',
  why: 'The Telemetry applies to nothing: the metrics, logs or traces it configures are never produced.',
  fix: 'Correct the selector labels, or create the Telemetry in the namespace of the workload it is meant for.',
  istioAnalyzer: 'telemetry.SelectorAnalyzer',
  check: (model) => _telemetrySelections(model)
    .filter(({ workloads }) => workloads.length === 0)
    .map(({ telemetry, labels }) => ({
      obj: telemetry,
      ref: { namespace: telemetry.namespace, workloadLabels: labels },
      message: `Telemetry ${telemetry.name}: selector ${_labelsText(labels)} matches no workload in namespace ${telemetry.namespace}.`,
    })),
};
