import type { BackendRef, ParentRef } from './gateway-http-route';
import { _Problems } from '../core/_errors';
import { _isGatewayApiHostname } from '../core/_host';

/** Records problems with a route's `parentRefs`: 1 to 32, as the Gateway API allows. @internal */
export function _checkParentRefs(problems: _Problems, parents: ParentRef[] | undefined): void {
  const list = Array.isArray(parents) ? parents : [];
  problems.check(list.length > 0 && list.length <= 32, 'parentRefs', 'must hold 1 to 32 parents', parents === undefined ? undefined : list.length,
    'Attach the route to a Gateway (ParentRef.gateway) or a Service (ParentRef.service).');
}

/** Records problems with a route's `hostnames`: lower-case host names, optionally `*.`, at most 16. @internal */
export function _checkHostnames(problems: _Problems, hostnames: string[] | undefined): void {
  const list = hostnames ?? [];
  problems.check(list.length <= 16, 'hostnames', 'must hold at most 16 host names', list.length, 'Split the hosts over several routes.');
  list.forEach((h, i) => problems.check(_isGatewayApiHostname(h), `hostnames[${i}]`,
    'must be a lower-case host name, optionally starting with \'*.\'', h, 'Use a host such as \'bookinfo.example.com\'.'));
}

/** Records problems with the backends of a TCP or TLS route rule: 1 to 16, not all weight 0. @internal */
export function _checkStreamBackends(problems: _Problems, prop: string, backends: BackendRef[] | undefined): void {
  const list = Array.isArray(backends) ? backends : [];
  problems.check(list.length > 0 && list.length <= 16, prop, 'must hold 1 to 16 backends', backends === undefined ? undefined : list.length,
    'Give the Services to forward connections to, such as [BackendRef.service(\'tcp-echo\', { port: 9000 })].');
  problems.check(list.length <= 1 || list.some((b) => (b.weight ?? 1) > 0), prop,
    'must not all have weight 0: connections would be refused', list.map((b) => b.weight), 'Give at least one backend a weight above 0.');
}

/** The `set`/`add`/`remove` of a header modifier filter, with empty parts left out. @internal */
export function _headerModifier(m: { set?: { [k: string]: string }; add?: { [k: string]: string }; remove?: string[] }): any {
  const pairs = (o?: { [k: string]: string }) => Object.entries(o ?? {}).map(([name, value]) => ({ name, value }));
  return {
    ...(m.set && Object.keys(m.set).length > 0 ? { set: pairs(m.set) } : {}),
    ...(m.add && Object.keys(m.add).length > 0 ? { add: pairs(m.add) } : {}),
    ...(m.remove && m.remove.length > 0 ? { remove: [...m.remove] } : {}),
  };
}
