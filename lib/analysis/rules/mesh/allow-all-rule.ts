import { _isAllow, _matchesEveryRequest, _policyRules, _policyScope } from '../../facts/_authz';
import { AnalysisLevel } from '../../finding';
import { _resourceName, _Rule } from '../../rule';

/** CI0004: an ALLOW AuthorizationPolicy with a rule that matches every request. */
export const ALLOW_ALL_RULE: _Rule = {
  id: 'CI0004',
  rule: 'mesh/allow-all-rule',
  name: 'AuthorizationPolicyAllowsEverything',
  level: AnalysisLevel.ERROR,
  cause: 'An ALLOW AuthorizationPolicy has a rule that is empty ({}), or whose from, to and when set nothing (or hold an empty source or operation).',
  why: 'Such a rule matches every request, so the policy allows all traffic to the workloads in scope and the other ALLOW rules '
    + 'restrict nothing: usually a rule whose fields were lost or mistyped, opening a zero-trust namespace by accident.',
  fix: 'Narrow the rule with from (principals, namespaces), to (methods, paths, ports) or when; if allowing everything is intended '
    + '(AuthorizationPolicy.allowAll()), suppress CI0004 on the policy with the reason.',
  check: (model) => model.istio('AuthorizationPolicy').filter((ap) => _isAllow(ap) && !ap.spec.provider).flatMap((ap) => _policyRules(ap)
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => _matchesEveryRequest(rule))
    .map(({ index }) => ({
      obj: ap,
      message: `${_resourceName(ap)} rules[${index}] matches every request, so the policy allows all traffic to ${_policyScope(model, ap)}.`,
    }))),
};
