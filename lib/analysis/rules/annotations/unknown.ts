import { _annotationVerdicts, _where } from './_annotated';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0108: an annotation in Istio's namespace that Istio does not define. */
export const UNKNOWN_ANNOTATION: _Rule = {
  id: 'IST0108',
  rule: 'annotations/unknown',
  name: 'UnknownAnnotation',
  level: AnalysisLevel.WARNING,
  cause: 'An annotation in an istio.io namespace is not one Istio defines.',
  why: 'Istio ignores annotations it does not know: a typo in the name means the setting never takes effect.',
  fix: 'Correct the name to one of Istio\'s annotations (see istio.io/latest/docs/reference/config/annotations/) or remove it.',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  check: (model) => _annotationVerdicts(model)
    .filter((v) => v.verdict.unknown)
    .map(({ site, name }) => ({ obj: site.obj, message: `Unknown Istio annotation ${name}${_where(site)}.` })),
};
