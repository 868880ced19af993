import { AnalysisLevel } from '../../finding';
import { _RawFinding, _Rule } from '../../rule';

/** Kinds of the removed rbac.istio.io API, whose CRDs should no longer be installed. */
const REMOVED_RBAC_KINDS = ['ClusterRbacConfig', 'RbacConfig', 'ServiceRole', 'ServiceRoleBinding'];

/** IST0002: a deprecated Istio field or a removed Istio resource type. */
export const DEPRECATED_FIELD: _Rule = {
  id: 'IST0002',
  rule: 'deprecation/field',
  name: 'Deprecated',
  level: AnalysisLevel.WARNING,
  cause: 'A resource uses a deprecated Istio field (fault.delay.percent, Sidecar outboundTrafficPolicy.egressProxy) or defines a removed type.',
  why: 'Deprecated fields are ignored or dropped by newer Istio releases, so the behaviour they describe silently disappears.',
  fix: 'Use the replacement: fault.delay.percentage.value instead of percent; drop egressProxy; replace rbac.istio.io types with AuthorizationPolicy.',
  istioAnalyzer: 'deprecation.FieldAnalyzer',
  check: (model) => {
    const findings: _RawFinding[] = [];
    for (const vs of model.istio('VirtualService')) {
      for (const route of Array.isArray(vs.spec.http) ? vs.spec.http : []) {
        if (Number(route?.fault?.delay?.percent) > 0) {
          findings.push({ obj: vs, message: 'HTTPRoute fault.delay.percent is deprecated; use fault.delay.percentage.value.' });
        }
      }
    }
    for (const sc of model.istio('Sidecar')) {
      if (sc.spec.outboundTrafficPolicy?.egressProxy) {
        findings.push({ obj: sc, message: 'Sidecar outboundTrafficPolicy.egressProxy is deprecated and ignored.' });
      }
    }
    for (const crd of model.ofKind('CustomResourceDefinition', 'apiextensions.k8s.io')) {
      if (crd.spec.group === 'rbac.istio.io' && REMOVED_RBAC_KINDS.includes(crd.spec.names?.kind)) {
        findings.push({ obj: crd, message: `Custom resource type rbac.istio.io ${crd.spec.names.kind} has been removed from Istio; use AuthorizationPolicy.` });
      }
    }
    return findings;
  },
};
