import { _appNamespaces, _competingInjectionLabels } from './_injection';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0123: a namespace with more than one kind of injection label. */
export const NAMESPACE_MULTIPLE_INJECTION_LABELS: _Rule = {
  id: 'IST0123',
  rule: 'injection/multiple-injection-labels',
  name: 'NamespaceMultipleInjectionLabels',
  level: AnalysisLevel.WARNING,
  cause: 'A Namespace carries more than one of istio-injection=enabled, istio.io/rev and istio.io/dataplane-mode.',
  why: 'The labels compete: which control plane injects the pods, or whether they are sidecar or ambient, is then undefined.',
  fix: 'Keep one: istio-injection=enabled for the default revision, istio.io/rev=<revision> for another, or istio.io/dataplane-mode=ambient.',
  istioAnalyzer: 'injection.Analyzer',
  check: (model) => _appNamespaces(model)
    .map((ns) => ({ ns, labels: _competingInjectionLabels(ns) }))
    .filter(({ labels }) => labels.length > 1)
    .map(({ ns, labels }) => ({ obj: ns, message: `Namespace ${ns.name} has competing injection labels [${labels.join(', ')}]; keep only one.` })),
};
