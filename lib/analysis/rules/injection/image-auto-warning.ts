import { _autoImageNotInjected } from './_image-auto';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0146: a workload template with `image: auto` that no injection webhook selects. */
export const IMAGE_AUTO_WITHOUT_INJECTION_WARNING: _Rule = {
  id: 'IST0146',
  rule: 'injection/image-auto-warning',
  name: 'ImageAutoWithoutInjectionWarning',
  level: AnalysisLevel.WARNING,
  cause: 'A Deployment (or other workload) has an istio-proxy container with image: auto, but no Istio injection webhook selects its pods.',
  why: 'image: auto is a placeholder the injector replaces; without injection the pods try to pull an image named "auto" and never start.',
  fix: 'Label the namespace istio-injection=enabled (or istio.io/rev), or the pod template sidecar.istio.io/inject=true.',
  istioAnalyzer: 'injection.ImageAutoAnalyzer',
  check: (model) => _autoImageNotInjected(model)
    .filter((w) => !w.isPod)
    .map((w) => ({ obj: w.obj, message: `${w.obj.kind} ${w.obj.name} has an istio-proxy container with image: auto, but no Istio injection webhook selects its pods.` })),
};
