import { _envoyPatchFindings } from './_patches';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0154: An EnvoyFilter patch uses REMOVE with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE. */
export const ENVOY_FILTER_USES_REMOVE_OPERATION_INCORRECTLY: _Rule = {
  id: 'IST0154',
  rule: 'envoyfilter/remove-operation',
  name: 'EnvoyFilterUsesRemoveOperationIncorrectly',
  level: AnalysisLevel.ERROR,
  cause: 'An EnvoyFilter patch uses REMOVE with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE.',
  why: 'Istio ignores REMOVE for route configurations and routes: the patch does nothing.',
  fix: 'Remove the route through the VirtualService or route configuration that creates it, or MERGE a change.',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  check: (model) => _envoyPatchFindings(model)
    .filter((f) => f.code === 'IST0154')
    .map((f) => ({ obj: f.obj, message: `EnvoyFilter ${f.obj.name}, configPatches[${f.index}] (${f.operation} on ${f.applyTo}): REMOVE is ignored when applyTo is ROUTE_CONFIGURATION or HTTP_ROUTE.` })),
};
