import { _isAllow, _isAllowNothing, _policiesApplying, _policyRules } from '../../facts/_authz';
import { _outOfMesh } from '../../facts/_workloads';
import { AnalysisLevel } from '../../finding';
import { _resourceName, _Rule } from '../../rule';

/** Batch workloads make calls rather than take them; being unreachable is their normal state. */
const BATCH_KINDS = ['Job', 'CronJob'];

/**
 * CI0005: a workload in scope of an allow-nothing AuthorizationPolicy (ALLOW with no rules) that no
 * rule of an ALLOW policy applying to it reaches: every request to it is denied.
 */
export const UNREACHABLE_WORKLOAD: _Rule = {
  id: 'CI0005',
  rule: 'mesh/unreachable-workload',
  name: 'WorkloadDeniedByAllowNothing',
  level: AnalysisLevel.WARNING,
  cause: 'A workload is in scope of an allow-nothing AuthorizationPolicy (ALLOW without rules: selecting it, namespace-wide, or in the '
    + 'root namespace) and no ALLOW policy with a rule applies to it.',
  why: 'Once an ALLOW policy applies to a workload, requests that match no ALLOW rule are denied; with only allow-nothing policies '
    + 'every request is denied (403 RBAC: access denied), so nothing can call the workload.',
  fix: 'Add an AuthorizationPolicy selecting the workload (or its namespace) with ALLOW rules for its callers, or narrow the '
    + 'allow-nothing policy\'s selector; suppress CI0005 on a workload that is never meant to be called.',
  check: (model) => {
    return model.workloads.filter((w) => !BATCH_KINDS.includes(w.obj.kind) && !_outOfMesh(model, w)).flatMap((w) => {
      const applying = _policiesApplying(model, w);
      const denying = applying.filter(_isAllowNothing);
      if (denying.length === 0 || applying.some((ap) => _isAllow(ap) && !ap.spec.provider && _policyRules(ap).length > 0)) return [];
      return [{
        obj: w.obj,
        message: `${_resourceName(w.obj)} is in scope of allow-nothing ${denying.map(_resourceName).join(', ')} and no ALLOW rule `
          + 'of any AuthorizationPolicy applying to it lets a request in: it can never be called.',
      }];
    });
  },
};
