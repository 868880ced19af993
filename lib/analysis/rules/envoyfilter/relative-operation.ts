import { _envoyPatchFindings } from './_patches';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0151: An EnvoyFilter without a priority has a relative patch operation (INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE). */
export const ENVOY_FILTER_USES_RELATIVE_OPERATION: _Rule = {
  id: 'IST0151',
  rule: 'envoyfilter/relative-operation',
  name: 'EnvoyFilterUsesRelativeOperation',
  level: AnalysisLevel.WARNING,
  cause: 'An EnvoyFilter without a priority has a relative patch operation (INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE).',
  why: 'A relative patch depends on the filter it is relative to being present when it applies; without a priority, EnvoyFilters apply in creation order, so the patch may not apply.',
  fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  check: (model) => _envoyPatchFindings(model)
    .filter((f) => f.code === 'IST0151')
    .map((f) => ({ obj: f.obj, message: `EnvoyFilter ${f.obj.name}, configPatches[${f.index}] (${f.operation} on ${f.applyTo}): the EnvoyFilter has no priority and the operation is relative, so it may not be applied. Set a priority, or use INSERT_FIRST or ADD.` })),
};
