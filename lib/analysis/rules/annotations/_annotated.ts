import { _IstioAnnotation, _ISTIO_ANNOTATIONS, _AnnotationValue } from './_istio-annotations';
import { _MeshModel, _Obj } from '../../model';

/** Kinds whose own annotations istioctl checks. */
const CHECKED_KINDS = ['Namespace', 'Service', 'Pod', 'Deployment'];

/** Annotations Istio's controllers set themselves: never reported. @internal */
export const _ALWAYS_IGNORED: readonly string[] = ['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev'];

/** One set of annotations to check: an object's own, or the pod template of a workload controller. @internal */
export interface _AnnotatedSite {
  /** The object the finding is reported on. */
  readonly obj: _Obj;
  /** The kind the annotations apply to: the object's kind, or 'Pod' for a pod template. */
  readonly kind: string;
  readonly annotations: Record<string, string>;
  readonly labels: Record<string, string>;
  /** The pod spec, for Pods and pod templates. */
  readonly podSpec?: any;
  /** True for the annotations of a pod template. */
  readonly template: boolean;
}

/**
 * The annotation sites of the model: the own annotations of Namespaces, Services, Pods and Deployments (as
 * istioctl checks them), and the pod templates of workload controllers, which become the pods' annotations.
 * @internal
 */
export function _annotatedSites(model: _MeshModel): _AnnotatedSite[] {
  return model.memoOf(model, 'annotatedSites', () => annotatedSitesOf(model));
}

function annotatedSitesOf(model: _MeshModel): _AnnotatedSite[] {
  const own: _AnnotatedSite[] = model.objects
    .filter((o) => CHECKED_KINDS.includes(o.kind) && (o.group === '' || (o.kind === 'Deployment' && o.group === 'apps')))
    .map((o) => ({ obj: o, kind: o.kind, annotations: o.annotations, labels: o.labels, podSpec: o.kind === 'Pod' ? o.spec : undefined, template: false }));
  const templates: _AnnotatedSite[] = model.workloads
    .filter((w) => !w.isPod)
    .map((w) => ({ obj: w.obj, kind: 'Pod', annotations: w.annotations, labels: w.labels, podSpec: w.podSpec, template: true }));
  return [...own, ...templates];
}

/** True when the annotation is in Istio's namespace (`*istio.io/...`), or the Kubernetes ingress class Istio documents. @internal */
export function _isIstioAnnotation(name: string): boolean {
  if (name === 'kubernetes.io/ingress.class') return true;
  return name.split('/')[0].endsWith('istio.io');
}

/** Istio's definition of an annotation, if it has one. @internal */
export function _lookupAnnotation(name: string): _IstioAnnotation | undefined {
  // The first definition of a name, as a search of the list in order finds it.
  byName ??= new Map([..._ISTIO_ANNOTATIONS].reverse().map((a) => [a.name, a]));
  return byName.get(name);
}

let byName: Map<string, _IstioAnnotation> | undefined;

/** Where a finding about an annotation sits, for messages. @internal */
export function _where(site: _AnnotatedSite): string {
  return site.template ? ' (on the pod template)' : '';
}

const GO_BOOLS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+|E[+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const INTERFACE = /^[a-zA-Z][a-zA-Z0-9_.-]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Not lib/core's `_isPort`: the injector parses these ports as a uint16 (`parsePort` in istio/istio 1.30.3
 * `pkg/kube/inject/validate.go`), so it accepts 0, and the analysis reports only what Istio rejects.
 */
function portProblem(raw: string): string | undefined {
  const text = raw.trim();
  return /^\d+$/.test(text) && Number(text) <= 65535 ? undefined : `'${raw}' is not a port number`;
}

function portsProblem(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  return text.split(',').map(portProblem).find((p) => p);
}

function isIPv6(addr: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(addr) || (addr.match(/::/g) ?? []).length > 1) return false;
  let parts = addr.split(':');
  const last = parts[parts.length - 1];
  let groups = parts.length;
  if (last.includes('.')) {
    if (!IPV4.test(last)) return false;
    parts = parts.slice(0, -1);
    groups += 1;
  }
  if (!parts.every((p) => p === '' || /^[0-9a-fA-F]{1,4}$/.test(p))) return false;
  return addr.includes('::') ? groups <= 8 : groups === 8 && parts.every((p) => p !== '');
}

function cidrProblem(cidr: string): string | undefined {
  const [addr, bits, extra] = cidr.split('/');
  const ok = extra === undefined && bits !== undefined && /^\d{1,3}$/.test(bits)
    && ((IPV4.test(addr) && Number(bits) <= 32) || (isIPv6(addr) && Number(bits) <= 128));
  return ok ? undefined : `'${cidr}' is not a CIDR`;
}

function cidrsProblem(text: string): string | undefined {
  return text === '' ? undefined : text.split(',').map(cidrProblem).find((p) => p);
}

function interfacesProblem(text: string): string | undefined {
  if (text === '') return undefined;
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name.length === 0 || name.length > 15 || !INTERFACE.test(name)) return `'${raw}' is not a network interface name`;
  }
  return undefined;
}

function proxyConfigProblem(text: string): string | undefined {
  // The package has no YAML parser at run time: JSON is checked, YAML is left to the injector.
  if (!text.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? undefined : 'not a ProxyConfig object';
  } catch {
    return 'not valid JSON';
  }
}

/** Why a value is not acceptable for an annotation of this value type, or undefined when it is. @internal */
export function _annotationValueProblem(type: _AnnotationValue, value: string): string | undefined {
  switch (type) {
    case 'bool': return GO_BOOLS.includes(value) ? undefined : `'${value}' is not a boolean`;
    case 'uint32': return /^\d+$/.test(value) && Number(value) <= 4294967295 ? undefined : `'${value}' is not an unsigned integer`;
    case 'port': return portProblem(value);
    case 'ports': return portsProblem(value);
    case 'portsOrStar': return value === '*' ? undefined : portsProblem(value);
    case 'cidrs': return cidrsProblem(value);
    case 'cidrsOrStar': return value === '*' ? undefined : cidrsProblem(value);
    case 'interfaces': return interfacesProblem(value);
    case 'quantity': return QUANTITY.test(value) ? undefined : `'${value}' is not a resource quantity`;
    case 'interceptionMode': return ['REDIRECT', 'TPROXY', 'NONE'].includes(value) ? undefined : `'${value}' is not one of REDIRECT, TPROXY, NONE`;
    case 'proxyConfig': return proxyConfigProblem(value);
    default: return undefined;
  }
}

/** What istioctl reports for one annotation, in its order: unknown; deprecated; misplaced; invalid. @internal */
export interface _AnnotationVerdict {
  readonly unknown?: boolean;
  readonly deprecated?: boolean;
  readonly misplaced?: string[];
  readonly invalid?: string;
}

/** Judges one Istio annotation at one site. @internal */
export function _judgeAnnotation(site: _AnnotatedSite, name: string, value: string): _AnnotationVerdict {
  if (!_isIstioAnnotation(name) || _ALWAYS_IGNORED.includes(name)) return {};
  const def = _lookupAnnotation(name);
  if (!def) return { unknown: true };
  // The deprecated inject annotation beside the inject label is kept on purpose, for older injectors.
  const deprecated = Boolean(def.deprecated) && !(name === 'sidecar.istio.io/inject' && 'sidecar.istio.io/inject' in site.labels);
  if (def.resources.includes('Any')) return { deprecated };
  if (!def.resources.includes(site.kind)) return { deprecated, misplaced: [...def.resources] };
  const invalid = def.value ? _annotationValueProblem(def.value, String(value)) : undefined;
  return { deprecated, invalid };
}

/** Every Istio annotation verdict of the model, with its site. @internal */
export function _annotationVerdicts(model: _MeshModel): { site: _AnnotatedSite; name: string; value: string; verdict: _AnnotationVerdict }[] {
  // Four rules read them (unknown, deprecated, misplaced, invalid): judged once per model.
  return model.memoOf(model, 'annotationVerdicts', () => _annotatedSites(model).flatMap((site) => Object.entries(site.annotations)
    .map(([name, value]) => ({ site, name, value: String(value), verdict: _judgeAnnotation(site, name, String(value)) }))));
}
