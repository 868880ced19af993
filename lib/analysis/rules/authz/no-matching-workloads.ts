import { _workloadIsAmbient } from '../../facts/_ambient';
import { _labelsText } from '../../facts/_labels';
import { _workloadInMesh } from '../../facts/_workloads';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _defaultIngressGateway, _selects, _Workload } from '../../model';
import { _Rule } from '../../rule';

/**
 * Workloads with a sidecar or in ambient mode, plus the default ingress gateway that istioctl assumes (and our Gateway
 * rules assume too): a mesh-wide policy selecting `istio: ingressgateway` applies to it.
 */
function meshWorkloads(model: _MeshModel): _Workload[] {
  const ingress = _defaultIngressGateway(model);
  return [...model.workloads.filter((w) => _workloadInMesh(model, w) || _workloadIsAmbient(model, w)), ...(ingress ? [ingress.workload] : [])];
}

/** IST0127: an AuthorizationPolicy that applies to no meshed workload. */
export const AUTHZ_NO_MATCHING_WORKLOADS: _Rule = {
  id: 'IST0127',
  rule: 'authz/no-matching-workloads',
  name: 'NoMatchingWorkloadsFound',
  level: AnalysisLevel.WARNING,
  cause: 'An AuthorizationPolicy\'s selector (or, without one, its namespace) matches no workload with a sidecar or in ambient mode.',
  why: 'A policy that selects nothing enforces nothing: the traffic it was meant to allow or deny is not controlled.',
  fix: 'Correct the selector labels or the namespace, or add the workload to the mesh (injection label or ambient).',
  istioAnalyzer: 'authz.AuthorizationPoliciesAnalyzer',
  check: (model) => {
    const workloads = meshWorkloads(model);
    const meshed = new Set(workloads);
    return model.istio('AuthorizationPolicy').flatMap((ap) => {
      if (ap.spec.targetRef || ap.spec.targetRefs) return [];
      const selector: Record<string, string> | undefined = ap.spec.selector ? (ap.spec.selector.matchLabels ?? {}) : undefined;
      const meshWide = ap.namespace === model.rootNamespace;
      if (meshWide && !selector) return [];
      // Outside strict mode, a namespace-wide policy (a ZeroTrustNamespace's allow-nothing default) is for whatever runs
      // there, which may be deployed apart from the app: only a selector that picks nothing is a mistake of the app.
      if (!selector && !model.strict) return [];
      // In one namespace, through the model's label index: a scan of every workload per policy made the rule quadratic.
      const selected = meshWide ? workloads.filter((w) => _selects(selector, w.labels))
        : model.workloadsSelectedBy(ap.namespace, selector).filter((w) => meshed.has(w));
      if (selected.length > 0) return [];
      return [{
        obj: ap,
        ref: { namespace: meshWide ? undefined : ap.namespace, workloadLabels: selector ?? {} },
        message: selector
          ? `AuthorizationPolicy ${ap.name} selects no meshed workload with labels ${_labelsText(selector)}${meshWide ? ' anywhere in the mesh' : ` in namespace ${ap.namespace}`}.`
          : `AuthorizationPolicy ${ap.name} applies to namespace ${ap.namespace}, which has no meshed workload.`,
      }];
    });
  },
};
