import { _appNamespaces } from './_injection';
import { _DATAPLANE_MODE, _INJECTION_LABEL, _SIDECAR_INJECT } from '../../facts/_labels';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0103: a Pod in an injected namespace without the istio-proxy container. Pods only: templates are injected at admission. */
export const POD_MISSING_PROXY: _Rule = {
  id: 'IST0103',
  rule: 'injection/pod-missing-proxy',
  name: 'PodMissingProxy',
  level: AnalysisLevel.WARNING,
  cause: `A Pod in a namespace labelled ${_INJECTION_LABEL}=enabled has no istio-proxy container and does not opt out.`,
  why: 'The pod runs outside the mesh although its namespace is meant to be in it: no mTLS, policies or telemetry for it.',
  fix: `Recreate the pod so the injector adds the proxy, or opt it out with the label ${_SIDECAR_INJECT}=false.`,
  istioAnalyzer: 'injection.Analyzer',
  check: (model) => {
    const injected = new Set(_appNamespaces(model)
      .filter((ns) => ns.labels[_DATAPLANE_MODE] !== 'ambient' && ns.labels[_INJECTION_LABEL] === 'enabled')
      .map((ns) => ns.name));
    return model.workloads
      .filter((w) => w.isPod && injected.has(w.namespace))
      .filter((w) => (w.labels[_SIDECAR_INJECT] ?? w.annotations[_SIDECAR_INJECT] ?? '').toLowerCase() !== 'false')
      .filter((w) => !w.podSpec?.hostNetwork)
      .filter((w) => ![...(w.podSpec?.containers ?? []), ...(w.podSpec?.initContainers ?? [])].some((c: any) => c?.name === 'istio-proxy' && c?.image))
      .map((w) => ({ obj: w.obj, message: `Pod ${w.namespace}/${w.obj.name} has no istio-proxy container although its namespace is injected.` }));
  },
};
