import { _autoImageNotInjected } from './_image-auto';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0147: a Pod with `image: auto` that no injection webhook selects. */
export const IMAGE_AUTO_WITHOUT_INJECTION_ERROR: _Rule = {
  id: 'IST0147',
  rule: 'injection/image-auto-error',
  name: 'ImageAutoWithoutInjectionError',
  level: AnalysisLevel.ERROR,
  cause: 'A Pod has an istio-proxy container with image: auto, but no Istio injection webhook selects it.',
  why: 'image: auto is a placeholder the injector replaces; without injection the pod tries to pull an image named "auto" and never starts.',
  fix: 'Label the namespace istio-injection=enabled (or istio.io/rev), or the pod sidecar.istio.io/inject=true.',
  istioAnalyzer: 'injection.ImageAutoAnalyzer',
  check: (model) => _autoImageNotInjected(model)
    .filter((w) => w.isPod)
    .map((w) => ({ obj: w.obj, message: `Pod ${w.obj.name} has an istio-proxy container with image: auto, but no Istio injection webhook selects it.` })),
};
