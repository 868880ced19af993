import { _unlabelledNamespaces } from './_injection';
import { _INJECTION_LABEL } from '../../facts/_labels';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0148: a namespace injected only because the install enables namespaces by default. */
export const NAMESPACE_INJECTION_ENABLED_BY_DEFAULT: _Rule = {
  id: 'IST0148',
  rule: 'injection/injection-enabled-by-default',
  name: 'NamespaceInjectionEnabledByDefault',
  level: AnalysisLevel.INFO,
  cause: 'A Namespace without injection labels is injected because the sidecar injector has enableNamespacesByDefault set.',
  why: 'Injection there depends on an install-wide setting rather than on the namespace itself; changing the install changes the namespace.',
  fix: `Label the namespace ${_INJECTION_LABEL}=enabled (or disabled) to make the choice explicit.`,
  istioAnalyzer: 'injection.Analyzer',
  check: (model) => _unlabelledNamespaces(model)
    .filter((n) => n.byDefault)
    .map(({ ns }) => ({ obj: ns, message: `Namespace ${ns.name} is injected only because the sidecar injector enables namespaces by default.` })),
};
