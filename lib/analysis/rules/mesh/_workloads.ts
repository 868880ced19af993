import { _MeshModel, _Obj, _Workload } from '../../model';
import { _workloadInAmbient, _workloadInMesh } from '../deployment/_in-mesh';

const INJECT = 'sidecar.istio.io/inject';

/**
 * True when the manifests say the workload runs outside the mesh: it opts out of injection
 * (sidecar.istio.io/inject other than "true"), or its declared Namespace has istio-injection=disabled.
 * A workload whose namespace the app does not declare is taken to be in the mesh: its namespace is
 * labelled elsewhere, and the mesh rules would otherwise say nothing about it. @internal
 */
export function _outOfMesh(model: _MeshModel, w: _Workload): boolean {
  if (_workloadInMesh(model, w) || _workloadInAmbient(w)) return false;
  const inject = w.labels[INJECT] ?? w.annotations[INJECT];
  if (inject !== undefined) return inject !== 'true';
  return model.namespaceLabels(w.namespace)?.['istio-injection'] === 'disabled';
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
