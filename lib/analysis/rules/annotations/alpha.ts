import { _ALWAYS_IGNORED, _annotatedSites, _isIstioAnnotation, _lookupAnnotation, _where } from './_annotated';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** Annotations istio-cni sets on every pod it handles: not reported on pods without the istio-init container. */
const SET_BY_CNI = [
  'sidecar.istio.io/interceptionMode',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
];

/** True for a pod spec without the istio-init container, that is, one whose traffic capture istio-cni sets up. */
function cniManaged(podSpec: any): boolean {
  return !(podSpec?.initContainers ?? []).some((c: any) => c?.name === 'istio-init');
}

/** IST0136: an annotation of an alpha-phase Istio feature. */
export const ALPHA_ANNOTATION: _Rule = {
  id: 'IST0136',
  rule: 'annotations/alpha',
  name: 'AlphaAnnotation',
  level: AnalysisLevel.INFO,
  cause: 'An Istio annotation belongs to an alpha-phase feature.',
  why: 'Alpha features may be incomplete, change without notice or be removed in a later release.',
  fix: 'Prefer a beta or stable way to get the same setting, or suppress this finding once the risk is accepted.',
  istioAnalyzer: 'maturity.AlphaAnalyzer',
  check: (model) => _annotatedSites(model).flatMap((site) => {
    const skipCni = site.kind === 'Pod' && cniManaged(site.podSpec);
    return Object.keys(site.annotations)
      .filter((name) => _isIstioAnnotation(name) && _lookupAnnotation(name)?.status === 'Alpha')
      .filter((name) => !_ALWAYS_IGNORED.includes(name) && !(skipCni && SET_BY_CNI.includes(name)))
      .map((name) => ({ obj: site.obj, message: `Annotation ${name}${_where(site)} belongs to an alpha-phase Istio feature and may be incompletely supported.` }));
  }),
};
