import { _routeProblems } from './_unreachable-routes';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0130: a VirtualService route rule that no request can reach. */
export const VIRTUALSERVICE_UNREACHABLE_RULE: _Rule = {
  id: 'IST0130',
  rule: 'schema/virtualservice-unreachable-rule',
  name: 'VirtualServiceUnreachableRule',
  level: AnalysisLevel.WARNING,
  cause: 'A VirtualService rule comes after a rule without matches (which takes every request), or all its matches repeat earlier ones.',
  why: 'Rules are tried in order and the first match wins: this rule never routes anything, so whatever it was meant to do does not happen.',
  fix: 'Move catch-all rules (no matches) last, and remove or change matches that earlier rules already have.',
  istioAnalyzer: 'schema.ValidationAnalyzer',
  check: (model) => _routeProblems(model).filter((p) => p.kind === 'unreachable').map((p) => ({ obj: p.vs, message: p.message })),
};
