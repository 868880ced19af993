/**
 * The mesh model the analysis rules read: plain manifests indexed by kind, namespace and name,
 * with the workloads (Pods and pod templates) and Services derived from them. It reads plain
 * objects only, so it serves synthesized charts, included YAML and files alike.
 */

/** Kinds whose pod template stands for running pods at synth time, and where the template sits. */
const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** One manifest, with the facts every rule needs already read off it. @internal */
export interface _Obj {
  readonly apiVersion: string;
  /** API group: `''` for core kinds. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** `metadata.namespace` as written; undefined when the manifest has none. */
  readonly declaredNamespace?: string;
  /** The namespace the object lives in: declared, else the analysis default. */
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: any;
  /** The whole manifest. */
  readonly raw: any;
  /** Where it came from: a construct path or a file name, when known. */
  readonly source?: string;
}

/** A pod, or a pod template of a workload controller. @internal */
export interface _Workload {
  /** The Pod, or the Deployment/StatefulSet/... that holds the template. */
  readonly obj: _Obj;
  readonly namespace: string;
  /** Labels of the pod (template). */
  readonly labels: Record<string, string>;
  /** Annotations of the pod (template). */
  readonly annotations: Record<string, string>;
  /** The pod spec. */
  readonly podSpec: any;
  /** True for a Pod object, false for a template. */
  readonly isPod: boolean;
}

/** An object that a later manifest with the same identity replaced (on a cluster the last apply wins). @internal */
export interface _Replaced {
  /** The manifest that was replaced. */
  readonly obj: _Obj;
  /** The later manifest that replaces it, and stays in the model. */
  readonly by: _Obj;
}

/**
 * An object's identity on a cluster: API group, kind, namespace and name (the version is not part of it:
 * `v1` and `v1beta1` of one Istio object are one object). Undefined for objects without a name.
 * @internal
 */
export function _identity(obj: _Obj): string | undefined {
  return obj.name === '' ? undefined : `${obj.group}/${obj.kind}/${obj.namespace}/${obj.name}`;
}

/** Options of the model. @internal */
export interface _ModelOptions {
  /** Namespace of objects that declare none. */
  readonly defaultNamespace?: string;
  /** Istio mesh config (`meshConfig` of the install), as an object. */
  readonly meshConfig?: any;
  /** Sources of the manifests, index for index. */
  readonly sources?: (string | undefined)[];
  /** What lives outside the manifests. */
  readonly external?: {
    readonly namespaces?: string[];
    readonly hosts?: string[];
    readonly serviceAccounts?: string[];
    readonly workloads?: { readonly labels: { [key: string]: string }; readonly namespace?: string }[];
  };
  /** Every reference must resolve (default true); false: only references into namespaces the manifests define. */
  readonly strict?: boolean;
}

function toObj(raw: any, defaultNamespace: string, source?: string): _Obj | undefined {
  if (!raw || typeof raw !== 'object' || typeof raw.kind !== 'string') return undefined;
  const apiVersion: string = typeof raw.apiVersion === 'string' ? raw.apiVersion : '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const metadata = raw.metadata ?? {};
  return {
    apiVersion,
    group,
    version,
    kind: raw.kind,
    name: String(metadata.name ?? ''),
    declaredNamespace: metadata.namespace,
    namespace: metadata.namespace ?? defaultNamespace,
    labels: { ...(metadata.labels ?? {}) },
    annotations: { ...(metadata.annotations ?? {}) },
    spec: raw.spec ?? {},
    raw,
    source,
  };
}

function dig(obj: any, path: string[]): any {
  return path.reduce((cur, key) => (cur === undefined || cur === null ? undefined : cur[key]), obj);
}

/** Kubernetes' own namespaces, which Istio's analyzers skip. @internal */
export const _SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'];

/** Istio's namespace pattern match: `*`, a `*` prefix or suffix, or an exact (case-insensitive) name. @internal */
export function _namespaceMatches(ns: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return ns.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return ns.startsWith(pattern.slice(0, -1));
  return ns.toLowerCase() === pattern.toLowerCase();
}

/** True when every label of `selector` is on `labels` (an empty selector selects everything). @internal */
export function _selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const k of Object.keys(selector)) if (labels[k] !== selector[k]) return false;
  return true;
}

/** A selector as a rule reads it off an object: its labels, or undefined when it has none. @internal */
export type _SelectorOf = (obj: _Obj) => Record<string, string> | undefined;

/**
 * Items of one namespace indexed by one `key=value` of their labels (or selector), so that "which
 * select these labels" and "which these labels select" look at a few candidates instead of all.
 * Every bucket keeps manifest order (`at` is the position), as rules that take the first match need.
 */
interface _LabelIndex<T> {
  /** Items without labels (an empty selector: they select everything). */
  readonly unlabelled: { at: number; item: T; selector?: Record<string, string> }[];
  /** Items by label key, then value: every label of a workload, the first label of a selector (read once, in `selector`). */
  readonly byLabel: Map<string, Map<string, { at: number; item: T; selector?: Record<string, string> }[]>>;
  readonly all: T[];
}

/** The index of `selecting` for one array and one selector function, and its answers so far. */
interface _SelectorIndex {
  readonly byNamespace: Map<string, _LabelIndex<_Obj>>;
  readonly answers: _SelectingAnswers;
}

/** The answers of `selecting` for one index, by the labels asked about (the same object for the same workload) and namespaces. */
type _SelectingAnswers = WeakMap<object, Map<string, _Obj[]>>;

/** The first key of a selector or labels; undefined when it has none. */
function firstKey(labels: Record<string, string> | undefined): string | undefined {
  if (!labels) return undefined;
  for (const k in labels) if (Object.prototype.hasOwnProperty.call(labels, k)) return k;
  return undefined;
}

/** The items of an index whose (first) label is `key=value`. Two levels, so that a lookup builds no `key=value` string. */
function bucketOf<T>(index: _LabelIndex<T>, key: string, value: unknown) {
  return index.byLabel.get(key)?.get(String(value));
}

function addToBucket<T>(index: _LabelIndex<T>, key: string, value: unknown, entry: { at: number; item: T; selector?: Record<string, string> }): void {
  let byValue = index.byLabel.get(key);
  if (!byValue) index.byLabel.set(key, byValue = new Map());
  addTo(byValue, String(value), entry);
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The mesh model. @internal */
export class _MeshModel {
  public readonly objects: _Obj[];
  /** Objects dropped because a later manifest has the same identity (kind, namespace, name), as a cluster keeps the last. */
  public readonly replaced: _Replaced[];
  public readonly workloads: _Workload[];
  public readonly meshConfig: any;
  public readonly defaultNamespace: string;
  /** Every reference must resolve (true), or only those into namespaces the manifests define (false). */
  public readonly strict: boolean;
  private readonly external: Required<NonNullable<_ModelOptions['external']>>;
  private readonly byKind = new Map<string, _Obj[]>();
  /**
   * Lookups memoized on first use. The rules ask the same questions for every workload or Service;
   * with thousands of services a linear scan per question made the analysis quadratic (85 s on
   * 30,000 objects). The model never changes after construction, so these never go stale.
   */
  private readonly memo = new Map<string, any>();
  private readonly selectorIndexes = new WeakMap<readonly _Obj[], Map<_SelectorOf, _SelectorIndex>>();
  /** `workloadsSelectedBy`, by selector object and namespace. */
  private readonly workloadsBySelector = new WeakMap<object, Map<string, _Workload[]>>();
  /** `servicesOf`, by workload: several rules and every traced request ask it. */
  private readonly servicesByWorkload = new WeakMap<_Workload, _Obj[]>();
  /** Answers kept per object for helpers outside the model (`memoOf`). */
  private readonly memoByObject = new WeakMap<object, Map<string, unknown>>();

  constructor(manifests: any[], options: _ModelOptions = {}) {
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.meshConfig = options.meshConfig ?? {};
    this.strict = options.strict ?? true;
    this.external = {
      namespaces: options.external?.namespaces ?? [],
      hosts: options.external?.hosts ?? [],
      serviceAccounts: options.external?.serviceAccounts ?? [],
      workloads: options.external?.workloads ?? [],
    };
    const all: _Obj[] = [];
    manifests.forEach((m, i) => {
      const obj = toObj(m, this.defaultNamespace, options.sources?.[i]);
      if (obj) all.push(obj);
    });
    // One object per identity, the last one, where it stands (istioctl's file store and kubectl apply keep the last).
    const last = new Map<string, number>();
    all.forEach((obj, i) => {
      const id = _identity(obj);
      if (id !== undefined) last.set(id, i);
    });
    this.replaced = [];
    this.objects = [];
    all.forEach((obj, i) => {
      const id = _identity(obj);
      const at = id === undefined ? i : last.get(id)!;
      if (at === i) this.objects.push(obj);
      else this.replaced.push({ obj, by: all[at] });
    });
    for (const obj of this.objects) {
      const list = this.byKind.get(obj.kind) ?? [];
      list.push(obj);
      this.byKind.set(obj.kind, list);
    }
    this.workloads = this.objects.flatMap((obj) => this.workloadOf(obj));
  }

  /** The mesh's root namespace (`meshConfig.rootNamespace`, default `istio-system`). */
  public get rootNamespace(): string {
    return this.meshConfig.rootNamespace ?? 'istio-system';
  }

  /** Namespaces the manifests define (Namespace objects). */
  public get definedNamespaces(): Set<string> {
    return this.memoized('definedNamespaces', () => new Set(this.ofKind('Namespace', '').map((n) => n.name)));
  }

  /**
   * True when a missing reference is to something outside the manifests, so not reported: declared external (its
   * namespace, host, service account or workload), or, unless strict, into a namespace the manifests do not define
   * or into no namespace in particular.
   */
  public isExternal(ref: {
    namespace?: string; host?: string; serviceAccount?: string; workloadLabels?: Record<string, string>; namespacePattern?: string;
  }): boolean {
    const ext = this.external;
    const namespaces = new Set(ext.namespaces);
    if (ref.namespace !== undefined && namespaces.has(ref.namespace)) return true;
    if (ref.host !== undefined) {
      const host = ref.host;
      const short = host.split('.')[0];
      const hostNamespace = /\.svc\.cluster\.local$/.test(host) ? host.split('.')[1] : undefined;
      if (ext.hosts.some((h) => h === host || (!h.includes('.') && h === short && hostNamespace !== undefined))) return true;
      if (hostNamespace !== undefined && namespaces.has(hostNamespace)) return true;
    }
    const account = ref.serviceAccount;
    if (account !== undefined && (ext.serviceAccounts.includes(account) || namespaces.has(account.split('/')[0]))) return true;
    const sameNamespace = (w: { namespace?: string }) => ref.namespace === undefined || w.namespace === undefined || w.namespace === ref.namespace;
    if (ref.workloadLabels !== undefined && ext.workloads.some((w) => sameNamespace(w)
      && _selects(ref.workloadLabels, w.labels))) return true;
    if (ref.namespacePattern !== undefined && ext.namespaces.some((ns) => _namespaceMatches(ns, ref.namespacePattern!))) return true;
    if (this.strict) return false;
    return ref.namespace === undefined || !this.definedNamespaces.has(ref.namespace);
  }

  /** Objects of a kind, optionally of one API group (`''` for core). The same array for the same question: do not modify it. */
  public ofKind(kind: string, group?: string): _Obj[] {
    const all = this.byKind.get(kind) ?? [];
    return group === undefined ? all : this.memoized(`kind:${kind}:${group}`, () => all.filter((o) => o.group === group));
  }

  /** Istio objects of a kind (group `<area>.istio.io`, any version). The same array for the same kind: do not modify it. */
  public istio(kind: string): _Obj[] {
    return this.memoized(`istio:${kind}`, () => this.ofKind(kind).filter((o) => o.group.endsWith('.istio.io')));
  }

  /** One object by kind, namespace and name. */
  public find(kind: string, namespace: string, name: string, group?: string): _Obj | undefined {
    return this.ofKind(kind, group).find((o) => o.namespace === namespace && o.name === name);
  }

  /** Core Services. */
  public get services(): _Obj[] {
    return this.ofKind('Service', '');
  }

  /** Labels of a namespace, when the app declares the Namespace object (the first of that name). */
  public namespaceLabels(namespace: string): Record<string, string> | undefined {
    const byName: Map<string, _Obj> = this.memoized('namespaces', () => {
      const map = new Map<string, _Obj>();
      for (const n of this.ofKind('Namespace', '')) if (!map.has(n.name)) map.set(n.name, n);
      return map;
    });
    return byName.get(namespace)?.labels;
  }

  /**
   * Workloads in a namespace whose pod labels carry every label of the selector, in manifest order. The same array for
   * the same selector object and namespace: do not modify it.
   */
  public workloadsSelectedBy(namespace: string, selector: Record<string, string> | undefined): _Workload[] {
    const byNamespace: Map<string, _LabelIndex<_Workload>> = this.memoized('workloads', () => {
      const map = new Map<string, _LabelIndex<_Workload>>();
      this.workloads.forEach((w, at) => {
        const index = indexIn(map, w.namespace);
        index.all.push(w);
        for (const k of Object.keys(w.labels)) addToBucket(index, k, w.labels[k], { at, item: w });
      });
      return map;
    });
    const index = byNamespace.get(namespace);
    if (!index) return [];
    const first = firstKey(selector);
    if (first === undefined) return index.all;
    // Kept per selector object (a Service's, a policy's): the rules and every traced request to a Service ask again.
    let answers = this.workloadsBySelector.get(selector!);
    const known = answers?.get(namespace);
    if (known) return known;
    const found: _Workload[] = [];
    for (const e of bucketOf(index, first, selector![first]) ?? []) if (_selects(selector, e.item.labels)) found.push(e.item);
    if (!answers) this.workloadsBySelector.set(selector!, answers = new Map());
    answers.set(namespace, found);
    return found;
  }

  /**
   * Services in the workload's namespace whose (non-empty) selector selects it, in manifest order. The same array for
   * the same workload: do not modify it.
   */
  public servicesOf(workload: _Workload): _Obj[] {
    let services = this.servicesByWorkload.get(workload);
    if (!services) {
      services = this.selecting(this.services, serviceSelector, [workload.namespace], workload.labels)
        .filter((s) => serviceSelector(s) !== undefined);
      this.servicesByWorkload.set(workload, services);
    }
    return services;
  }

  /**
   * A helper's answer about one object (a workload, a policy), computed on first use: for questions that several rules,
   * or every traced request, ask about the same object. `key` names the question; the model never changes, so the
   * answer never goes stale. Do not modify what it returns.
   */
  public memoOf<T>(owner: object, key: string, compute: () => T): T {
    let answers = this.memoByObject.get(owner);
    if (!answers) this.memoByObject.set(owner, answers = new Map());
    if (answers.has(key)) return answers.get(key) as T;
    const value = compute();
    answers.set(key, value);
    return value;
  }

  /**
   * Those of `objects` in one of `namespaces` whose selector (as `selectorOf` reads it) selects
   * `labels`; an object whose selector is undefined or empty selects every workload. In the order
   * of `objects`. The index is built on the first call for that array and that `selectorOf`, so
   * pass arrays the model returns (`istio()`, `ofKind()`, `services`) and module-level functions. The answer is kept
   * for the same `labels` object (a workload's) and namespaces, so rules and traced requests that ask again get the
   * same array: do not modify it.
   */
  public selecting(objects: readonly _Obj[], selectorOf: _SelectorOf, namespaces: readonly string[], labels: Record<string, string>): _Obj[] {
    let byFunction = this.selectorIndexes.get(objects);
    if (!byFunction) this.selectorIndexes.set(objects, byFunction = new Map());
    let indexed = byFunction.get(selectorOf);
    if (!indexed) {
      const byNamespace = new Map<string, _LabelIndex<_Obj>>();
      objects.forEach((obj, at) => {
        const index = indexIn(byNamespace, obj.namespace);
        index.all.push(obj);
        const selector = selectorOf(obj);
        const first = firstKey(selector);
        if (first !== undefined) addToBucket(index, first, selector![first], { at, item: obj, selector });
        else index.unlabelled.push({ at, item: obj });
      });
      byFunction.set(selectorOf, indexed = { byNamespace, answers: new WeakMap() });
    }
    const namespacesKey = namespaces.length === 1 ? namespaces[0] : namespaces.join('\n');
    let answers = indexed.answers.get(labels);
    const known = answers?.get(namespacesKey);
    if (known) return known;
    const found: { at: number; item: _Obj }[] = [];
    const seen = new Set<string>();
    for (const namespace of namespaces) {
      if (seen.has(namespace)) continue;
      seen.add(namespace);
      const index = indexed.byNamespace.get(namespace);
      if (!index) continue;
      for (const entry of index.unlabelled) found.push(entry);
      for (const k of Object.keys(labels)) {
        const bucket = bucketOf(index, k, labels[k]);
        if (bucket) for (const entry of bucket) if (_selects(entry.selector, labels)) found.push(entry);
      }
    }
    if (found.length > 1) found.sort((a, b) => a.at - b.at);
    const result = found.map((e) => e.item);
    if (!answers) indexed.answers.set(labels, answers = new Map());
    answers.set(namespacesKey, result);
    return result;
  }

  private memoized<T>(key: string, compute: () => T): T {
    let value = this.memo.get(key);
    if (value === undefined && !this.memo.has(key)) this.memo.set(key, value = compute());
    return value;
  }

  private workloadOf(obj: _Obj): _Workload[] {
    if (obj.group !== '' && obj.group !== 'apps' && obj.group !== 'batch') return [];
    if (obj.kind === 'Pod' && obj.group === '') {
      return [{ obj, namespace: obj.namespace, labels: obj.labels, annotations: obj.annotations, podSpec: obj.spec, isPod: true }];
    }
    const path = POD_TEMPLATE_PATHS[obj.kind];
    if (!path) return [];
    const template = dig(obj.raw, path);
    if (!template) return [];
    return [{
      obj,
      namespace: obj.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}) },
      podSpec: template.spec ?? {},
      isPod: false,
    }];
  }
}

/** A Service's selector; undefined when it has none (or an empty one), and so selects no pod. */
function serviceSelector(svc: _Obj): Record<string, string> | undefined {
  const selector = svc.spec.selector;
  return selector && typeof selector === 'object' && Object.keys(selector).length > 0 ? selector : undefined;
}

function indexIn<T>(map: Map<string, _LabelIndex<T>>, namespace: string): _LabelIndex<T> {
  let index = map.get(namespace);
  if (!index) map.set(namespace, index = { unlabelled: [], byLabel: new Map(), all: [] });
  return index;
}

/**
 * Objects carried inside `kind: List` manifests, which kubectl and istioctl expand but the model
 * keeps as one object. Rules that must see such items read them here; each item keeps the List's source.
 * @internal
 */
export function _listItems(model: _MeshModel): _Obj[] {
  return model.ofKind('List', '').flatMap((list) => (Array.isArray(list.raw.items) ? list.raw.items : [])
    .map((item: any) => toObj(item, model.defaultNamespace, list.source))
    .filter((o: _Obj | undefined): o is _Obj => o !== undefined));
}

/** Istio objects of a kind, top-level or inside `kind: List` manifests. @internal */
export function _istioWithListItems(model: _MeshModel, kind: string): _Obj[] {
  return [...model.istio(kind), ..._listItems(model).filter((o) => o.kind === kind && o.group.endsWith('.istio.io'))];
}

/** The ingress gateway istioctl assumes is installed: one pod labelled `istio: ingressgateway` and its Service. @internal */
export interface _DefaultIngress {
  readonly workload: _Workload;
  readonly service: _Obj;
}

/**
 * The default ingress gateway that `istioctl analyze` adds to what it reads (pod and Service in the
 * Istio namespace), unless the mesh turns ingress off
 * (`ingressControllerMode: OFF`) or the manifests already hold a workload labelled `istio: ingressgateway`.
 * @internal
 */
export function _defaultIngressGateway(model: _MeshModel): _DefaultIngress | undefined {
  if (String(model.meshConfig.ingressControllerMode ?? '').toUpperCase() === 'OFF') return undefined;
  if (model.workloads.some((w) => w.labels.istio === 'ingressgateway')) return undefined;
  const name: string = model.meshConfig.ingressService ?? 'istio-ingressgateway';
  const namespace = model.rootNamespace;
  const labels = { istio: 'ingressgateway' };
  const pod = toObj({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-dummypod`, namespace, labels }, spec: {} }, namespace)!;
  // Ports of Istio 1.30's istio-ingressgateway Service (manifests/charts/gateways/istio-ingress/values.yaml): the proxy runs
  // unprivileged, so 80 and 443 go to 8080 and 8443, where a Gateway may listen too (bookinfo-gateway uses 8080).
  const port = (n: string, p: number, target = p) => ({ name: n, port: p, protocol: 'TCP', targetPort: target });
  const service = toObj({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: labels, ports: [port('status-port', 15021), port('http2', 80, 8080), port('https', 443, 8443), port('tcp', 31400), port('tls', 15443)] },
  }, namespace)!;
  return { workload: { obj: pod, namespace, labels, annotations: {}, podSpec: {}, isPod: true }, service };
}
