/**
 * AuthorizationPolicy evaluation for one request, in Istio's order: CUSTOM, DENY, ALLOW, then
 * allow-nothing (https://istio.io/latest/docs/concepts/security/#implicit-enablement and
 * pilot/pkg/security/authz/builder/builder.go). Matching follows pilot/pkg/security/authz/model
 * (generator.go, permission.go, principal.go) and matcher/ (string.go, header.go, template.go).
 */
import { _HTTP_ONLY, _httpAttributes, _isAllow, _policyRules } from '../facts/_authz';
import { _Obj } from '../model';

/** What the server's proxy knows of a request when it authorizes it. @internal */
export interface _AuthzRequest {
  /** The client's mTLS identity (`cluster.local/ns/<ns>/sa/<sa>`); undefined over plaintext. */
  readonly principal?: string;
  /** The client's namespace, from its identity; undefined over plaintext. */
  readonly namespace?: string;
  /** HTTP attributes; undefined when the proxy sees only L4 (ztunnel, TLS passthrough). */
  readonly http?: {
    readonly method: string;
    readonly path: string;
    /** The :authority header, host[:port] as the client sent it. */
    readonly authority: string;
    /** Header values by lower-cased name. */
    readonly headers: Record<string, string>;
  };
  /** The destination (container) port. */
  readonly port?: number;
}

/** The verdict, the policy behind it, and what the model could not know. @internal */
export interface _AuthzVerdict {
  readonly allowed: boolean;
  /** The policy that decided; undefined when no policy applies. */
  readonly by?: _Obj;
  readonly decision: string;
  /** Sentences about policies whose match depends on what the model cannot know. */
  readonly notes: string[];
}

/** A tri-state match: true, false, or undefined when it depends on facts outside the manifests. */
type Tri = boolean | undefined;

function and(values: Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  return values.some((v) => v === undefined) ? undefined : true;
}

function or(values: Tri[]): Tri {
  if (values.some((v) => v === true)) return true;
  return values.some((v) => v === undefined) ? undefined : false;
}

/** Istio's string match (matcher/string.go StringMatcherWithPrefix): `*` any non-empty, `*x` suffix, `x*` prefix, else exact. @internal */
export function _istioStringMatch(pattern: string, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (p === '*') return v.length > 0;
  if (p.startsWith('*')) return v.endsWith(p.slice(1));
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  return p === v;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Istio's path match: a path with `{*}` or `{**}` is a URI template (matcher/template.go: `{*}` one
 * segment, `{**}` any number of segments, Envoy's uri_template), else the string match above. @internal
 */
export function _pathMatch(pattern: string, path: string): boolean {
  if (pattern.includes('{*}') || pattern.includes('{**}')) {
    const regex = pattern.split(/(\{\*\*\}|\{\*\})/).map((part) => {
      if (part === '{**}') return '.*';
      if (part === '{*}') return '[^/]+';
      return escapeRegex(part);
    }).join('');
    return new RegExp(`^${regex}$`).test(path);
  }
  return _istioStringMatch(pattern, path);
}

function list(value: any): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** A field's values against one attribute: undefined (unknown) when the attribute is; true when the field is absent. */
function field(values: string[], match: (v: string) => Tri): Tri {
  if (values.length === 0) return true;
  return or(values.map(match));
}

function notField(values: string[], match: (v: string) => Tri): Tri {
  if (values.length === 0) return true;
  const m = or(values.map(match));
  return m === undefined ? undefined : !m;
}

function sourceMatches(source: any, req: _AuthzRequest, unknown: Set<string>): Tri {
  const s = source ?? {};
  const principal = (v: string) => _istioStringMatch(v, req.principal);
  const namespace = (v: string) => _istioStringMatch(v, req.namespace);
  const ip = (attribute: string) => (): Tri => {
    unknown.add(attribute);
    return undefined;
  };
  // No JWT is modelled: a request has no request principal (docs/traffic.md).
  const requestPrincipal = () => false;
  return and([
    field(list(s.principals), principal), notField(list(s.notPrincipals), principal),
    field(list(s.requestPrincipals), requestPrincipal), notField(list(s.notRequestPrincipals), requestPrincipal),
    field(list(s.namespaces), namespace), notField(list(s.notNamespaces), namespace),
    field(list(s.ipBlocks), ip('ipBlocks')), notField(list(s.notIpBlocks), ip('notIpBlocks')),
    field(list(s.remoteIpBlocks), ip('remoteIpBlocks')), notField(list(s.notRemoteIpBlocks), ip('notRemoteIpBlocks')),
  ]);
}

function operationMatches(operation: any, req: _AuthzRequest): Tri {
  const o = operation ?? {};
  const http = req.http;
  const host = (v: string) => (http ? _istioStringMatch(v, http.authority, true) : false);
  const method = (v: string) => (http ? _istioStringMatch(v, http.method) : false);
  const path = (v: string) => (http ? _pathMatch(v, http.path) : false);
  const port = (v: string) => req.port !== undefined && String(req.port) === v;
  return and([
    field(list(o.hosts), host), notField(list(o.notHosts), host),
    field(list(o.methods), method), notField(list(o.notMethods), method),
    field(list(o.paths), path), notField(list(o.notPaths), path),
    field(list(o.ports), port), notField(list(o.notPorts), port),
  ]);
}

const HEADER_KEY = /^request\.headers\[(.+)\]$/;

function conditionMatches(when: any, req: _AuthzRequest, unknown: Set<string>): Tri {
  const key = String(when?.key ?? '');
  let match: (v: string) => Tri;
  const header = HEADER_KEY.exec(key);
  if (key === 'source.principal') {match = (v) => _istioStringMatch(v, req.principal);} else if (key === 'source.namespace') {match = (v) => _istioStringMatch(v, req.namespace);} else if (key === 'destination.port') {match = (v) => req.port !== undefined && String(req.port) === v;} else if (key.startsWith('request.auth.')) {match = () => false;} else if (header && req.http) {match = (v) => _istioStringMatch(v, req.http!.headers[header[1].toLowerCase()]);} else if (header) {match = () => false;} else {
    unknown.add(key);
    match = () => undefined;
  }
  return and([field(list(when?.values), match), notField(list(when?.notValues), match)]);
}

/**
 * One rule against a request. Over L4 only (no HTTP), Istio drops an ALLOW rule that uses HTTP
 * attributes and enforces a DENY rule without them (builder.go, the ztunnel conversion).
 */
function ruleMatches(rule: any, req: _AuthzRequest, allow: boolean, unknown: Set<string>): Tri {
  if (rule === null || typeof rule !== 'object') return true;
  let effective = rule;
  if (!req.http && _httpAttributes(rule).length > 0) {
    if (allow) return false;
    effective = stripHttp(rule);
  }
  const from = Array.isArray(effective.from) ? effective.from : [];
  const to = Array.isArray(effective.to) ? effective.to : [];
  const when = Array.isArray(effective.when) ? effective.when : [];
  return and([
    from.length === 0 ? true : or(from.map((f: any) => sourceMatches(f?.source, req, unknown))),
    to.length === 0 ? true : or(to.map((t: any) => operationMatches(t?.operation, req))),
    ...when.map((w: any) => conditionMatches(w, req, unknown)),
  ]);
}

function stripHttp(rule: any): any {
  const omit = (obj: any, keys: readonly string[]) => Object.fromEntries(Object.entries(obj ?? {}).filter(([k]) => !keys.includes(k)));
  return {
    from: (Array.isArray(rule.from) ? rule.from : []).map((f: any) => ({ source: omit(f?.source, _HTTP_ONLY.source) })),
    to: (Array.isArray(rule.to) ? rule.to : []).map((t: any) => ({ operation: omit(t?.operation, _HTTP_ONLY.operation) })),
    when: (Array.isArray(rule.when) ? rule.when : []).filter((w: any) => _HTTP_ONLY.l4Keys.has(String(w?.key))),
  };
}

function actionOf(ap: _Obj): string {
  return String(ap.spec.action ?? 'ALLOW').toUpperCase();
}

function name(ap: _Obj): string {
  return `AuthorizationPolicy ${ap.namespace}/${ap.name}`;
}

/** The index of the first rule of a policy that matches, or -1; unknowns recorded. */
function firstMatch(ap: _Obj, req: _AuthzRequest, notes: string[]): number {
  const rules = _policyRules(ap);
  const unknown = new Set<string>();
  let uncertain = false;
  for (const [i, rule] of rules.entries()) {
    const m = ruleMatches(rule, req, _isAllow(ap), unknown);
    if (m === true) return i;
    if (m === undefined) uncertain = true;
  }
  if (uncertain) {
    notes.push(`${name(ap)} depends on ${[...unknown].sort().join(', ')}, which manifests do not tell; taken as not matching`);
  }
  return -1;
}

/**
 * Evaluates the policies that apply to the server (already selected) for a request: CUSTOM (the
 * external decision cannot be known: noted, taken as allow), DENY, ALLOW; with ALLOW policies and no
 * match, the request is denied. Policies annotated `istio.io/dry-run: "true"` are only logged. @internal
 */
export function _authorize(policies: readonly _Obj[], req: _AuthzRequest): _AuthzVerdict {
  const notes: string[] = [];
  const usesJwt = policies.some((ap) => _policyRules(ap).some((r) => JSON.stringify(r ?? {}).match(/requestPrincipals|request\.auth\./)));
  if (usesJwt && req.http?.headers.authorization !== undefined) {
    notes.push('the Authorization header\'s token is not validated here: requestPrincipals and request.auth.* are taken as absent');
  }
  const enforced = policies.filter((ap) => ap.annotations['istio.io/dry-run'] !== 'true');
  for (const ap of policies.filter((p) => !enforced.includes(p))) notes.push(`${name(ap)} is dry-run (istio.io/dry-run): logged, not enforced`);
  for (const ap of enforced.filter((p) => actionOf(p) === 'CUSTOM')) {
    const i = firstMatch(ap, req, notes);
    if (i >= 0) notes.push(`${name(ap)} (CUSTOM) sends the request to provider ${ap.spec.provider?.name ?? '?'}, whose decision manifests do not tell; taken as allow`);
  }
  for (const ap of enforced.filter((p) => actionOf(p) === 'DENY')) {
    const i = firstMatch(ap, req, notes);
    if (i >= 0) return { allowed: false, by: ap, decision: `DENY policy rules[${i}] matches the request`, notes };
  }
  const allows = enforced.filter((p) => actionOf(p) === 'ALLOW');
  if (allows.length === 0) return { allowed: true, decision: 'no ALLOW policy applies, so the request is allowed', notes };
  for (const ap of allows) {
    const rules = _policyRules(ap);
    if (rules.length === 0) continue;
    const i = firstMatch(ap, req, notes);
    if (i >= 0) return { allowed: true, by: ap, decision: `ALLOW policy rules[${i}] matches the request`, notes };
  }
  const nothing = allows.find((ap) => _policyRules(ap).length === 0);
  const by = nothing ?? allows[0];
  const who = req.principal ? `identity ${req.principal}` : 'a client without mTLS identity';
  return {
    allowed: false,
    by,
    decision: nothing && allows.length === 1
      ? `allow-nothing policy: no rule allows ${who}`
      : `no ALLOW rule matches the request from ${who} (${allows.map(name).join(', ')})`,
    notes,
  };
}
