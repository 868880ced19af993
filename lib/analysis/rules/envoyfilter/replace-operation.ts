import { _envoyPatchFindings } from './_patches';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0152: An EnvoyFilter patch uses REPLACE on something other than an HTTP filter, network filter or virtual host. */
export const ENVOY_FILTER_USES_REPLACE_OPERATION_INCORRECTLY: _Rule = {
  id: 'IST0152',
  rule: 'envoyfilter/replace-operation',
  name: 'EnvoyFilterUsesReplaceOperationIncorrectly',
  level: AnalysisLevel.ERROR,
  cause: 'An EnvoyFilter patch uses REPLACE on something other than an HTTP filter, network filter or virtual host.',
  why: 'Istio applies REPLACE only to HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST: the patch does nothing.',
  fix: 'Use MERGE, or REMOVE and ADD, for other kinds.',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  check: (model) => _envoyPatchFindings(model)
    .filter((f) => f.code === 'IST0152')
    .map((f) => ({ obj: f.obj, message: `EnvoyFilter ${f.obj.name}, configPatches[${f.index}] (${f.operation} on ${f.applyTo}): REPLACE is only valid for HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST.` })),
};
