import { _routeProblems } from './_unreachable-routes';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0131: a VirtualService match that an earlier, equal or broader match always takes first. */
export const VIRTUALSERVICE_INEFFECTIVE_MATCH: _Rule = {
  id: 'IST0131',
  rule: 'schema/virtualservice-ineffective-match',
  name: 'VirtualServiceIneffectiveMatch',
  level: AnalysisLevel.INFO,
  cause: 'A VirtualService match repeats an earlier one, or its URI prefix is covered by an earlier prefix with the same conditions.',
  why: 'The first matching rule wins: the requests this match describes are always taken by the earlier one.',
  fix: 'Remove the match, or order the more specific prefix (e.g. /api/v1/products) before the broader one (/api/v1/product).',
  istioAnalyzer: 'schema.ValidationAnalyzer',
  check: (model) => _routeProblems(model).filter((p) => p.kind === 'ineffective').map((p) => ({ obj: p.vs, message: p.message })),
};
