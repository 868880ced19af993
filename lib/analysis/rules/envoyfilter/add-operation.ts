import { _envoyPatchFindings } from './_patches';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0153: An EnvoyFilter patch uses ADD with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE. */
export const ENVOY_FILTER_USES_ADD_OPERATION_INCORRECTLY: _Rule = {
  id: 'IST0153',
  rule: 'envoyfilter/add-operation',
  name: 'EnvoyFilterUsesAddOperationIncorrectly',
  level: AnalysisLevel.ERROR,
  cause: 'An EnvoyFilter patch uses ADD with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE.',
  why: 'Istio ignores ADD for route configurations and routes: the patch does nothing.',
  fix: 'Use MERGE to change a route configuration, or INSERT_BEFORE, INSERT_AFTER or INSERT_FIRST to add a route.',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  check: (model) => _envoyPatchFindings(model)
    .filter((f) => f.code === 'IST0153')
    .map((f) => ({ obj: f.obj, message: `EnvoyFilter ${f.obj.name}, configPatches[${f.index}] (${f.operation} on ${f.applyTo}): ADD is ignored when applyTo is ROUTE_CONFIGURATION or HTTP_ROUTE.` })),
};
