import { _ineffectiveSidecars } from './_selector';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0167: a Sidecar that applies only to ambient-mode workloads, which have no sidecar. */
export const SIDECAR_INEFFECTIVE_POLICY: _Rule = {
  id: 'IST0167',
  rule: 'sidecar/ineffective-policy',
  name: 'IneffectivePolicy',
  level: AnalysisLevel.WARNING,
  cause: 'A Sidecar selects workloads in ambient mode (redirected pods, or pod templates in an ambient namespace or labelled istio.io/dataplane-mode=ambient), or sits without a selector in an ambient namespace.',
  why: 'Ambient workloads have no sidecar proxy, so a Sidecar resource has no effect on them.',
  fix: 'Remove the Sidecar, or configure the ambient data plane (waypoints, ztunnel) instead.',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  check: (model) => _ineffectiveSidecars(model)
    .map(({ sidecar, reason }) => ({ obj: sidecar, message: `The policy has no impact: ${reason}, so Sidecar ${sidecar.name} configures no proxy.` })),
};
