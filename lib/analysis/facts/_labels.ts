/**
 * The labels Istio reads to place a workload in the mesh, and how the analysis prints labels. One home
 * for these wire facts, for every rule area and the request trace.
 */

/** The namespace label that turns sidecar injection on (`enabled`) or off. @internal */
export const _INJECTION_LABEL = 'istio-injection';
/** The namespace or pod label that selects a control-plane revision. @internal */
export const _REV_LABEL = 'istio.io/rev';
/** The namespace (or pod) label that enrols workloads in ambient mode (`ambient`), or opts a pod out (`none`). @internal */
export const _DATAPLANE_MODE = 'istio.io/dataplane-mode';
/** The pod label (and deprecated annotation) that opts one pod in or out of injection. @internal */
export const _SIDECAR_INJECT = 'sidecar.istio.io/inject';

/** Labels (or a selector) as Kubernetes prints them: `k=v,k2=v2`, keys sorted. @internal */
export function _labelsText(labels: Record<string, string>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}
