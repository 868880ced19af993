import { _GATEWAY_API_GROUP } from '../../facts/_ambient';
import { AnalysisLevel } from '../../finding';
import { _MeshModel } from '../../model';
import { _Rule } from '../../rule';

/** The label Istio puts on the pods of a Kubernetes Gateway it deploys. */
const GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';
/** Policy kinds that select workloads by label and also accept targetRefs. */
const POLICY_KINDS = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];

/** Labels of the gateway pods of each namespace: Pods with the gateway-name label, and the pods Istio will deploy for each Gateway. */
function gatewayPodLabels(model: _MeshModel): Map<string, Record<string, string>[]> {
  const out = new Map<string, Record<string, string>[]>();
  const add = (ns: string, labels: Record<string, string>) => out.set(ns, [...(out.get(ns) ?? []), labels]);
  for (const w of model.workloads) if (GATEWAY_NAME in w.labels) add(w.namespace, w.labels);
  for (const gw of model.ofKind('Gateway', _GATEWAY_API_GROUP)) add(gw.namespace, { [GATEWAY_NAME]: gw.name });
  return out;
}

/** IST0166: a policy that selects a Kubernetes Gateway's pods by label instead of targetRefs. */
export const INEFFECTIVE_SELECTOR: _Rule = {
  id: 'IST0166',
  rule: 'k8sgateway/ineffective-selector',
  name: 'IneffectiveSelector',
  level: AnalysisLevel.WARNING,
  cause: 'An AuthorizationPolicy, RequestAuthentication, Telemetry or WasmPlugin selects the pods of a Kubernetes Gateway with a label selector.',
  why: 'Policies reach Kubernetes Gateway (Gateway API) proxies only through targetRefs: a label selector on them is ignored.',
  fix: 'Replace the selector with targetRefs: [{ group: gateway.networking.k8s.io, kind: Gateway, name: <gateway> }].',
  istioAnalyzer: 'k8sgateway.SelectorAnalyzer',
  check: (model) => {
    const pods = gatewayPodLabels(model);
    return POLICY_KINDS.flatMap((kind) => model.istio(kind))
      .filter((p) => !p.spec.targetRef && !p.spec.targetRefs && p.spec.selector)
      .flatMap((p) => {
        const wanted: Record<string, string> = p.spec.selector.matchLabels ?? {};
        const names = [...new Set((pods.get(p.namespace) ?? [])
          .filter((labels) => Object.entries(wanted).every(([k, v]) => labels[k] === v))
          .map((labels) => labels[GATEWAY_NAME]))];
        return names.map((gw) => ({ obj: p, message: `${p.kind} ${p.name} selects the pods of Kubernetes Gateway ${gw} by label, which has no effect: use targetRefs.` }));
      });
  },
};
