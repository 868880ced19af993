import { _unlabelledNamespaces } from './_injection';
import { _INJECTION_LABEL } from '../../facts/_labels';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0102: a namespace that says nothing about sidecar injection. */
export const NAMESPACE_NOT_INJECTED: _Rule = {
  id: 'IST0102',
  rule: 'injection/namespace-not-injected',
  name: 'NamespaceNotInjected',
  level: AnalysisLevel.INFO,
  cause: `A Namespace has neither the ${_INJECTION_LABEL} nor the istio.io/rev label (nor is it ambient).`,
  why: 'Pods created there get no sidecar, so they are outside the mesh: no mTLS, policies or telemetry for them.',
  fix: `Label the namespace ${_INJECTION_LABEL}=enabled (or istio.io/rev=<revision>), or ${_INJECTION_LABEL}=disabled to say it needs no injection.`,
  istioAnalyzer: 'injection.Analyzer',
  check: (model) => _unlabelledNamespaces(model)
    .filter((n) => !n.byDefault)
    .map(({ ns }) => ({
      obj: ns,
      message: `Namespace ${ns.name} is not enabled for sidecar injection: label it ${_INJECTION_LABEL}=enabled, or ${_INJECTION_LABEL}=disabled if it needs none.`,
    })),
};
