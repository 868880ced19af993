/**
 * Where a workload stands in the mesh, as manifests tell it: with a sidecar, captured by ztunnel, or
 * outside; the workloads a Service selects and the container port it reaches on them.
 */
import { _INJECTION_LABEL, _SIDECAR_INJECT } from './_labels';
import { _MeshModel, _Obj, _Workload } from '../model';

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
    if (_SIDECAR_INJECT in meta) return meta[_SIDECAR_INJECT] === 'true';
  }
  const nsLabels = model.namespaceLabels(w.namespace);
  return nsLabels ? nsLabels[_INJECTION_LABEL] === 'enabled' : false;
}

/** True when the pod is captured by ambient mode (ambient.istio.io/redirection=enabled). @internal */
export function _workloadInAmbient(w: _Workload): boolean {
  return w.annotations[AMBIENT_REDIRECTION] === 'enabled';
}

/**
 * True when the manifests say the workload runs outside the mesh: it opts out of injection
 * (sidecar.istio.io/inject other than "true"), or its declared Namespace has istio-injection=disabled.
 * A workload whose namespace the app does not declare is taken to be in the mesh: its namespace is
 * labelled elsewhere, and the mesh rules would otherwise say nothing about it. @internal
 */
export function _outOfMesh(model: _MeshModel, w: _Workload): boolean {
  if (_workloadInMesh(model, w) || _workloadInAmbient(w)) return false;
  const inject = w.labels[_SIDECAR_INJECT] ?? w.annotations[_SIDECAR_INJECT];
  if (inject !== undefined) return inject !== 'true';
  return model.namespaceLabels(w.namespace)?.[_INJECTION_LABEL] === 'disabled';
}

/** Workloads a Service's selector selects in its namespace (none for a Service without selector). @internal */
export function _workloadsOfService(model: _MeshModel, service: _Obj): _Workload[] {
  const selector = service.spec.selector;
  if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return [];
  return model.workloadsSelectedBy(service.namespace, selector);
}

/** The container port a Service port reaches on a workload: its targetPort (a number, or a container port's name), else its port. @internal */
export function _targetPort(servicePort: any, w: _Workload): number | undefined {
  const target = servicePort?.targetPort ?? servicePort?.port;
  if (typeof target === 'number') return target;
  if (typeof target !== 'string') return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const containers: any[] = Array.isArray(w.podSpec?.containers) ? w.podSpec.containers : [];
  const named = containers.flatMap((c) => (Array.isArray(c?.ports) ? c.ports : [])).find((p: any) => p?.name === target);
  return typeof named?.containerPort === 'number' ? named.containerPort : undefined;
}

/** `<Kind> <ns>/<name>` of the object behind each workload, without repeats, in order. @internal */
export function _workloadNames(workloads: _Workload[]): string {
  return [...new Set(workloads.map((w) => `${w.obj.kind} ${w.namespace}/${w.obj.name}`))].join(', ');
}
