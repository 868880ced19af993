/**
 * Destination and gateway-reference helpers shared by the VirtualService rules: route and mirror
 * destinations, the hosts routes can reach, and `namespace/name` gateway references. How Istio
 * qualifies and matches hosts is in `facts/_hosts.ts`.
 */
import { _qualifyHost } from '../../../core/_host';
import { _GATEWAY_API_GROUP } from '../../facts/_ambient';
import { _exportedToAll, _MESH_GATEWAY } from '../../facts/_hosts';
import { _list } from '../../facts/_values';
import { _defaultIngressGateway, _istioWithListItems, _MeshModel, _Obj } from '../../model';

/** A route or mirror destination of a VirtualService, with where it sits. @internal */
export interface _Destination {
  /** `http`, `tcp`, `tls`, `http.mirror` or `http.mirrors`. */
  readonly section: string;
  readonly rule: number;
  readonly index: number;
  /** The Destination (`{}` when the route has none). */
  readonly destination: any;
}

/** `http[0].route[1]`-style location of a destination, for messages. @internal */
export function _where(d: _Destination): string {
  if (d.section === 'http.mirror') return `http[${d.rule}].mirror`;
  if (d.section === 'http.mirrors') return `http[${d.rule}].mirrors[${d.index}]`;
  return `${d.section}[${d.rule}].route[${d.index}]`;
}

/** Route destinations, TCP then TLS then HTTP, as Istio walks them. @internal */
export function _routeDestinations(vs: _Obj): _Destination[] {
  return ['tcp', 'tls', 'http'].flatMap((section) => _list(vs.spec[section]).flatMap((rule: any, r: number) =>
    _list(rule?.route).map((route: any, i: number) => ({ section, rule: r, index: i, destination: route?.destination ?? {} }))));
}

/** Mirror destinations of the HTTP routes (`mirror` and `mirrors[]`). @internal */
export function _mirrorDestinations(vs: _Obj): _Destination[] {
  return _list(vs.spec.http).flatMap((rule: any, r: number) => [
    ...(rule?.mirror ? [{ section: 'http.mirror', rule: r, index: 0, destination: rule.mirror }] : []),
    ..._list(rule?.mirrors).map((m: any, i: number) => ({ section: 'http.mirrors', rule: r, index: i, destination: m?.destination ?? {} })),
  ]);
}

/** What the registry knows of a host: its port numbers. @internal */
export interface _KnownHost {
  readonly ports: number[];
}

/**
 * The hosts routes can reach, keyed `<scope>/<fqdn>` where scope is `*` (every namespace) or the one
 * namespace that sees it: ServiceEntry hosts by their exportTo, Services by the
 * `networking.istio.io/exportTo` annotation.
 * @internal
 */
export function _hostRegistry(model: _MeshModel): Map<string, _KnownHost> {
  const registry = new Map<string, _KnownHost>();
  for (const se of _istioWithListItems(model, 'ServiceEntry')) {
    const exportTo: string[] = _list(se.spec.exportTo);
    const scopes = _exportedToAll(exportTo) ? ['*'] : exportTo.map((e) => (e === '.' ? se.namespace : e));
    const known = { ports: _list(se.spec.ports).map((p: any) => Number(p?.number)) };
    for (const h of _list(se.spec.hosts)) for (const scope of scopes) registry.set(`${scope}/${_qualifyHost(String(h), se.namespace)}`, known);
  }
  const ingress = _defaultIngressGateway(model)?.service;
  for (const svc of [...(ingress ? [ingress] : []), ...model.services]) {
    const annotation = svc.annotations['networking.istio.io/exportTo'];
    const scopes = annotation ? annotation.split(',').map((e) => e.trim()).map((e) => (e === '.' ? svc.namespace : e)) : ['*'];
    const known = { ports: _list(svc.spec.ports).map((p: any) => Number(p?.port)) };
    for (const scope of scopes) registry.set(`${scope}/${_qualifyHost(svc.name, svc.namespace)}`, known);
  }
  return registry;
}

/** The host a VirtualService in `namespace` (with its exportTo) reaches, or undefined when none is visible. @internal */
export function _lookupHost(
  registry: Map<string, _KnownHost>, namespace: string, exportTo: string[] | undefined, host: string,
): _KnownHost | undefined {
  const fqdn = _qualifyHost(host, namespace);
  const scopes = ['*', ...(exportTo && exportTo.length > 0 ? exportTo.map((e) => (e === '.' ? namespace : e)) : [namespace])];
  for (const scope of scopes) {
    const found = registry.get(`${scope}/${fqdn}`);
    if (found) return found;
  }
  // Wildcard hosts (`*.example.com`) visible to the namespace cover any host under them.
  for (const [key, known] of registry) {
    const slash = key.indexOf('/');
    const scope = key.slice(0, slash);
    const knownHost = key.slice(slash + 1);
    if (!knownHost.startsWith('*') || (scope !== '*' && scope !== namespace)) continue;
    if (host.replace(/^\*/, '').endsWith(knownHost.slice(1))) return known;
  }
  return undefined;
}

/** A gateway reference of a VirtualService as namespace and name (`ns/name`, or a name in the VirtualService's namespace). @internal */
export function _gatewayRef(vsNamespace: string, ref: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  return slash >= 0 ? { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) } : { namespace: vsNamespace, name: ref };
}

/** The Istio Gateway a VirtualService's gateway reference names, if the manifests hold it. @internal */
export function _findIstioGateway(model: _MeshModel, vsNamespace: string, ref: string): _Obj | undefined {
  const { namespace, name } = _gatewayRef(vsNamespace, ref);
  return _istioWithListItems(model, 'Gateway').find((g) => g.namespace === namespace && g.name === name);
}

/** The Gateway API Gateway a gateway reference names, if the manifests hold it. @internal */
export function _findKubernetesGateway(model: _MeshModel, vsNamespace: string, ref: string): _Obj | undefined {
  const { namespace, name } = _gatewayRef(vsNamespace, ref);
  return model.ofKind('Gateway', _GATEWAY_API_GROUP).find((g) => g.namespace === namespace && g.name === name);
}

/** The gateway references of a VirtualService other than `mesh`. @internal */
export function _gatewayRefs(vs: _Obj): string[] {
  return _list(vs.spec.gateways).map(String).filter((g) => g !== _MESH_GATEWAY);
}

/** `ns/name` of an object, as Istio prints it in messages. @internal */
export function _fullName(obj: _Obj): string {
  return `${obj.namespace}/${obj.name}`;
}
