import { _annotationVerdicts, _where } from './_annotated';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0107: an Istio annotation on a kind of resource it does not apply to. */
export const MISPLACED_ANNOTATION: _Rule = {
  id: 'IST0107',
  rule: 'annotations/misplaced',
  name: 'MisplacedAnnotation',
  level: AnalysisLevel.WARNING,
  cause: 'An Istio annotation sits on a kind of resource it does not apply to (a pod annotation on a Deployment, say).',
  why: 'Istio reads the annotation only from the kinds it documents it for: elsewhere it is silently ignored.',
  fix: 'Move the annotation to the resource it belongs on (pod annotations go on the pod template, spec.template.metadata.annotations).',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  check: (model) => _annotationVerdicts(model)
    .filter((v) => v.verdict.misplaced)
    .map(({ site, name, verdict }) => ({
      obj: site.obj,
      message: `Annotation ${name}${_where(site)} is misplaced: it applies only to ${verdict.misplaced!.join(', ')}, not to ${site.kind}.`,
    })),
};
