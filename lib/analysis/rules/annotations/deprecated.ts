import { _annotationVerdicts, _where } from './_annotated';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0135: a deprecated Istio annotation. */
export const DEPRECATED_ANNOTATION: _Rule = {
  id: 'IST0135',
  rule: 'annotations/deprecated',
  name: 'DeprecatedAnnotation',
  level: AnalysisLevel.INFO,
  cause: 'An Istio annotation that Istio has deprecated.',
  why: 'Deprecated annotations may stop working in a later Istio release.',
  fix: 'Use the replacement Istio documents for it (the sidecar.istio.io/inject label, mesh config or ProxyConfig fields), then remove it.',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  check: (model) => _annotationVerdicts(model)
    .filter((v) => v.verdict.deprecated)
    .map(({ site, name }) => ({
      obj: site.obj,
      message: `Annotation ${name}${_where(site)} is deprecated`
        + (name === 'sidecar.istio.io/inject' ? ' in favor of the sidecar.istio.io/inject label' : '')
        + ' and may not work in future Istio versions.',
    })),
};
