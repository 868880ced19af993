import { _DATAPLANE_MODE, _INJECTION_LABEL, _REV_LABEL } from '../../facts/_labels';
import { _MeshModel, _Obj } from '../../model';

/** The namespaces the analysis looks at: declared Namespace objects other than istio-system. @internal */
export function _appNamespaces(model: _MeshModel): _Obj[] {
  return model.ofKind('Namespace', '').filter((ns) => ns.name !== 'istio-system');
}

/** The injection labels of a namespace that compete with each other, as `key=value`. @internal */
export function _competingInjectionLabels(ns: _Obj): string[] {
  const labels = ns.labels;
  const out: string[] = [];
  const injection = labels[_INJECTION_LABEL];
  if (injection !== undefined) out.push(`${_INJECTION_LABEL}=${injection}`);
  for (const key of [_REV_LABEL, _DATAPLANE_MODE]) {
    // A namespace that disables injection may carry the others harmlessly.
    if (labels[key] !== undefined && (injection === undefined || injection === 'enabled')) out.push(`${key}=${labels[key]}`);
  }
  return out;
}

/** True when the installation injects every namespace unless told not to (`sidecarInjectorWebhook.enableNamespacesByDefault`). @internal */
export function _enableNamespacesByDefault(model: _MeshModel, revision: string | undefined): boolean {
  const name = !revision || revision === 'default' ? 'istio-sidecar-injector' : `istio-sidecar-injector-${revision}`;
  const cm = model.ofKind('ConfigMap', '').find((c) => c.name === name);
  if (!cm) return false;
  try {
    return JSON.parse(cm.raw.data?.values ?? '')?.sidecarInjectorWebhook?.enableNamespacesByDefault === true;
  } catch {
    return false;
  }
}

/**
 * Namespaces that would get IST0102 or IST0148: declared, not ambient, and with neither the injection nor
 * the revision label. @internal
 */
export function _unlabelledNamespaces(model: _MeshModel): { ns: _Obj; byDefault: boolean }[] {
  return _appNamespaces(model)
    .filter((ns) => ns.labels[_DATAPLANE_MODE] !== 'ambient')
    .filter((ns) => !ns.labels[_INJECTION_LABEL] && ns.labels[_REV_LABEL] === undefined)
    .map((ns) => ({ ns, byDefault: _enableNamespacesByDefault(model, ns.labels[_REV_LABEL]) }));
}

/** True when a label selector (`matchLabels`, `matchExpressions`) selects the labels; an absent selector selects all. @internal */
export function _labelSelectorMatches(selector: any, labels: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  const set = labels ?? {};
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => set[k] === v);
  const byExpr = (selector.matchExpressions ?? []).every((e: any) => {
    const has = e?.key in set;
    const values: string[] = e?.values ?? [];
    switch (e?.operator) {
      case 'In': return has && values.includes(set[e.key]);
      case 'NotIn': return !has || !values.includes(set[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
  return byLabels && byExpr;
}
