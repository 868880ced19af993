import { _envoyPatchFindings } from './_patches';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0155: An EnvoyFilter without a priority has a relative patch operation on a filter that a patch with a proxyVersion also names. */
export const ENVOY_FILTER_USES_RELATIVE_OPERATION_WITH_PROXY_VERSION: _Rule = {
  id: 'IST0155',
  rule: 'envoyfilter/relative-operation-proxy-version',
  name: 'EnvoyFilterUsesRelativeOperationWithProxyVersion',
  level: AnalysisLevel.WARNING,
  cause: 'An EnvoyFilter without a priority has a relative patch operation on a filter that a patch with a proxyVersion also names.',
  why: 'During an upgrade the proxyVersion-matched patch stops applying, so a relative patch that depends on it may not be applied.',
  fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  check: (model) => _envoyPatchFindings(model)
    .filter((f) => f.code === 'IST0155')
    .map((f) => ({ obj: f.obj, message: `EnvoyFilter ${f.obj.name}, configPatches[${f.index}] (${f.operation} on ${f.applyTo}): the EnvoyFilter has no priority, the operation is relative and a proxyVersion patch names the same filter, so it may not be applied during an upgrade. Set a priority, or use INSERT_FIRST or ADD.` })),
};
