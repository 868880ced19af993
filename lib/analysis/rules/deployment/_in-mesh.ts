import { _MeshModel, _Workload } from '../../model';

/** The pod annotation that puts a pod in ambient mode. */
const AMBIENT_REDIRECTION = 'ambient.istio.io/redirection';

/**
 * True when the workload's pods run with a sidecar, as istioctl decides it: an istio-proxy container with an image;
 * else the sidecar.istio.io/inject label, then annotation, saying "true"; else the declared namespace's
 * istio-injection=enabled label. @internal
 */
export function _workloadInMesh(model: _MeshModel, w: _Workload): boolean {
  const containers = [...(w.podSpec?.containers ?? []), ...(w.isPod ? (w.podSpec?.initContainers ?? []) : [])];
  const proxy = containers.find((c: any) => c?.name === 'istio-proxy');
  if (proxy?.image) return true;
  for (const meta of [w.labels, w.annotations]) {
    if ('sidecar.istio.io/inject' in meta) return meta['sidecar.istio.io/inject'] === 'true';
  }
  const nsLabels = model.namespaceLabels(w.namespace);
  return nsLabels ? nsLabels['istio-injection'] === 'enabled' : false;
}

/** True when the pod is captured by ambient mode (ambient.istio.io/redirection=enabled). @internal */
export function _workloadInAmbient(w: _Workload): boolean {
  return w.annotations[AMBIENT_REDIRECTION] === 'enabled';
}
