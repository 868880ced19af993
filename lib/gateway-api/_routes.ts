import type { GatewayHeaderModifier } from './gateway-http-filters';
import type { BackendRef, ParentRef } from './route-refs';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _fail, _Problems } from '../core/_errors';
import { _isGatewayApiHostname } from '../core/_host';

/**
 * What the route L2s (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute) share: the checks of parents, host
 * names and backends, and the rendering of the spec and of its rules. Each route renders its own
 * matches and its own filters beyond the header modifiers.
 */

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

/**
 * Records problems with the matches and backends of an HTTP or gRPC route rule: at most 64 matches
 * and 16 backends, not all weight 0 (`consequence`: what the caller would see). @internal
 */
export function _checkRequestRule(problems: _Problems, prop: string, matches: readonly unknown[], backends: readonly BackendRef[],
  consequence: string): void {
  problems.check(matches.length <= 64, `${prop}.matches`, 'must hold at most 64 matches', matches.length, 'Split the rule.');
  problems.check(backends.length <= 16, `${prop}.backendRefs`, 'must hold at most 16 backends', backends.length, 'Split the rule.');
  problems.check(backends.length <= 1 || backends.some((b) => (b.weight ?? 1) > 0), `${prop}.backendRefs`,
    `must not all have weight 0: ${consequence}`, backends.map((b) => b.weight), 'Give at least one backend a weight above 0.');
}

/** The index of a rule of `rules`, or an error naming the valid range. @internal */
export function _ruleAt<R>(subject: string, rules: readonly R[], ruleIndex: number): R {
  const rule = Number.isInteger(ruleIndex) ? rules[ruleIndex] : undefined;
  if (rule === undefined) {
    _fail(subject, 'ruleIndex', `must be the index of a rule, from 0 to ${rules.length - 1}`, ruleIndex, 'Use the index addRule() returned.');
  }
  return rule;
}

/** The `set`/`add`/`remove` of a header modifier filter, with empty parts left out. @internal */
export function _headerModifier(m: GatewayHeaderModifier): k8s.HttpRouteSpecRulesFiltersRequestHeaderModifier {
  const pairs = (o?: { [k: string]: string }) => Object.entries(o ?? {}).map(([name, value]) => ({ name, value }));
  return {
    ...(m.set && Object.keys(m.set).length > 0 ? { set: pairs(m.set) } : {}),
    ...(m.add && Object.keys(m.add).length > 0 ? { add: pairs(m.add) } : {}),
    ...(m.remove && m.remove.length > 0 ? { remove: [...m.remove] } : {}),
  };
}

/** A filter of an HTTP or gRPC route rule, as both render it. @internal */
export interface _RouteFilter {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** The `RequestHeaderModifier` and `ResponseHeaderModifier` filters of a rule, in that order. @internal */
export function _headerFilters(r: { readonly requestHeaders?: GatewayHeaderModifier; readonly responseHeaders?: GatewayHeaderModifier }):
_RouteFilter[] {
  return [
    ...(r.requestHeaders ? [{ type: 'RequestHeaderModifier', requestHeaderModifier: _headerModifier(r.requestHeaders) }] : []),
    ...(r.responseHeaders ? [{ type: 'ResponseHeaderModifier', responseHeaderModifier: _headerModifier(r.responseHeaders) }] : []),
  ];
}

/** One rule of any route kind, before rendering: each part is left out of the manifest when empty. @internal */
export interface _RuleParts {
  readonly name?: string;
  readonly matches?: ReadonlyArray<{ _toKube(): object }>;
  readonly filters?: readonly _RouteFilter[];
  readonly backendRefs?: readonly BackendRef[];
  readonly timeouts?: { readonly [field: string]: string };
}

/**
 * A rule as every route kind renders it: `name`, `matches`, `filters`, `backendRefs`, `timeouts`, the
 * empty ones left out; `Rule` is the L1 type of the route kind's rule. @internal
 */
export function _renderRule<Rule extends object>(r: _RuleParts): Rule {
  return {
    ...(r.name !== undefined ? { name: r.name } : {}),
    ...(r.matches && r.matches.length > 0 ? { matches: r.matches.map((m) => m._toKube()) } : {}),
    ...(r.filters && r.filters.length > 0 ? { filters: [...r.filters] } : {}),
    ...(r.backendRefs && r.backendRefs.length > 0 ? { backendRefs: r.backendRefs.map((b) => b._toKube()) } : {}),
    ...(r.timeouts && Object.keys(r.timeouts).length > 0 ? { timeouts: { ...r.timeouts } } : {}),
  } as Rule;
}

/** A route's spec: `parentRefs`, `hostnames` (when any) and `rules` (when any, or always with `keepEmptyRules`). @internal */
export function _renderRouteSpec<Rule>(parentRefs: readonly ParentRef[], hostnames: readonly string[], rules: readonly Rule[],
  keepEmptyRules: boolean = false): { parentRefs: k8s.HttpRouteSpecParentRefs[]; hostnames?: string[]; rules?: Rule[] } {
  return {
    parentRefs: parentRefs.map((p) => p._toKube()),
    ...(hostnames.length > 0 ? { hostnames: [...hostnames] } : {}),
    ...(rules.length > 0 || keepEmptyRules ? { rules: [...rules] } : {}),
  };
}
