import { _annotationVerdicts, _where } from './_annotated';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0125: an Istio annotation whose value the sidecar injector rejects. */
export const INVALID_ANNOTATION: _Rule = {
  id: 'IST0125',
  rule: 'annotations/invalid',
  name: 'InvalidAnnotation',
  level: AnalysisLevel.WARNING,
  cause: 'An Istio annotation has a value of the wrong form (a number, port list, CIDR list, boolean, quantity ...).',
  why: 'The sidecar injector validates these annotations: a bad value makes injection fail, so the pod is refused or runs without its proxy.',
  fix: 'Give the annotation a value of the documented form (for example an unsigned integer for readiness.status.sidecar.istio.io/initialDelaySeconds).',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  check: (model) => _annotationVerdicts(model)
    .filter((v) => v.verdict.invalid)
    .map(({ site, name, verdict }) => ({ obj: site.obj, message: `Invalid value for annotation ${name}${_where(site)}: ${verdict.invalid}.` })),
};
