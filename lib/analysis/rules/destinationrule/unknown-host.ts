import { _destinationRules } from './_hosts';
import { AnalysisLevel } from '../../finding';
import { _Rule, _hostRef } from '../../rule';

/** IST0174: a DestinationRule whose host is no Service or ServiceEntry of the mesh. */
export const UNKNOWN_DESTINATION_RULE_HOST: _Rule = {
  id: 'IST0174',
  rule: 'destinationrule/unknown-host',
  name: 'UnknownDestinationRuleHost',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule\'s host matches no Service or ServiceEntry visible from its namespace.',
  why: 'Its traffic policy and subsets apply to nothing: a typo in the host leaves the real service without the intended TLS, load balancing or subsets.',
  fix: 'Correct the host (short name, or <name>.<namespace>.svc.cluster.local), or add the Service or ServiceEntry it refers to.',
  istioAnalyzer: 'destinationrule.PodNotSelectedAnalyzer',
  check: (model) => _destinationRules(model)
    .filter(({ dest }) => !dest)
    .map(({ dr }) => ({ obj: dr, ref: _hostRef(String(dr.spec.host ?? ''), dr.namespace), message: `DestinationRule ${dr.name}: host ${dr.spec.host} matches no Service or ServiceEntry in the mesh.` })),
};
