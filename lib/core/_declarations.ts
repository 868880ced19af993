/**
 * What an app refers to but does not define: namespaces, hosts (Services), service accounts and gateway workloads that
 * live outside it (installed by Helm, another team, another repository). Constructs record here what their typed
 * handles name (`Identity.fromNames('monitoring', 'prometheus')` in a policy, `MeshPeer.namespace('monitoring')`, an
 * IngressGateway's `selector`); the mesh analysis reads it, so a reference made on purpose is not reported as missing.
 * The registry lives in core so that no construct imports the analysis: constructs write, the analysis reads.
 */
import { IConstruct } from 'constructs';

/** A gateway (or other) workload that runs outside the app: its pod labels, and its namespace when known. @internal */
export interface _DeclaredWorkload {
  readonly labels: { readonly [key: string]: string };
  /** Undefined: any namespace. */
  readonly namespace?: string;
}

/** Everything declared for one app. @internal */
export interface _Declared {
  readonly namespaces: Set<string>;
  /** Hosts as written: a short name is taken as a Service of that name in any namespace. */
  readonly hosts: Set<string>;
  /** `<namespace>/<service account>`. */
  readonly serviceAccounts: Set<string>;
  readonly workloads: _DeclaredWorkload[];
}

/** One declaration; every field optional. @internal */
export interface _Declaration {
  readonly namespace?: string;
  readonly host?: string;
  readonly serviceAccount?: { readonly namespace: string; readonly name: string };
  readonly workload?: _DeclaredWorkload;
}

const byRoot = new WeakMap<IConstruct, _Declared>();

function of(root: IConstruct): _Declared {
  let declared = byRoot.get(root);
  if (!declared) byRoot.set(root, declared = { namespaces: new Set(), hosts: new Set(), serviceAccounts: new Set(), workloads: [] });
  return declared;
}

/** Records what a construct refers to outside the app, for the app the construct belongs to. @internal */
export function _declare(scope: IConstruct, declaration: _Declaration): void {
  const declared = of(scope.node.root);
  if (declaration.namespace) declared.namespaces.add(declaration.namespace);
  if (declaration.host) declared.hosts.add(declaration.host);
  if (declaration.serviceAccount) {
    declared.serviceAccounts.add(`${declaration.serviceAccount.namespace}/${declaration.serviceAccount.name}`);
    declared.namespaces.add(declaration.serviceAccount.namespace);
  }
  if (declaration.workload) {
    const key = JSON.stringify(declaration.workload);
    const workload = { labels: { ...declaration.workload.labels }, namespace: declaration.workload.namespace };
    if (!declared.workloads.some((w) => JSON.stringify(w) === key)) declared.workloads.push(workload);
    if (declaration.workload.namespace) declared.namespaces.add(declaration.workload.namespace);
  }
}

/** What the app of `root` declared (nothing: empty sets). @internal */
export function _declaredIn(root: IConstruct): _Declared {
  return of(root.node.root);
}
