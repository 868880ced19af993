/**
 * Istio's check of a VirtualService's route order: a rule after a catch-all (no matches) is never
 * reached, a match that repeats an earlier one never applies, and an HTTP prefix match covered by an
 * earlier, broader prefix with the same conditions never applies either.
 */
import { _MeshModel, _Obj, _istioWithListItems } from '../../model';

/** One unreachable rule or ineffective match. @internal */
export interface _RouteProblem {
  readonly vs: _Obj;
  readonly kind: 'unreachable' | 'ineffective';
  readonly message: string;
}

/** Drops empty values (as protobuf's JSON does) and sorts keys, so equal matches serialize equally. */
function canonical(value: any): any {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, any> = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonical(value[key]);
      const empty = v === undefined || v === null || v === '' || v === 0 || v === false
        || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
      if (!empty) out[key] = v;
    }
    return out;
  }
  return value;
}

function matchKey(match: any, http: boolean): string {
  const { name: _name, ...rest } = match ?? {};
  return JSON.stringify(canonical(http ? rest : match ?? {}));
}

const ruleName = (rule: any, n: number, http: boolean) => (http && rule?.name ? `"${rule.name}"` : `#${n}`);
const matchName = (match: any, n: number, http: boolean) => (http && match?.name ? `"${match.name}"` : `#${n}`);

/** `exact:<v>` or `prefix:<v>` of a StringMatch, `''` for regex or none. */
function exactOrPrefix(m: any): string {
  if (m?.exact) return `exact:${m.exact}`;
  if (m?.prefix) return `prefix:${m.prefix}`;
  return '';
}

/** A URI prefix match with the conditions that decide whether an earlier one covers it. */
interface PrefixMatch {
  readonly rule: string;
  readonly match: string;
  readonly prefix: string;
  readonly port: number;
  readonly method: string;
  readonly authority: string;
  readonly headers: Record<string, string>;
  readonly queryParams: Record<string, string>;
  readonly withoutHeaders: Record<string, string>;
}

function conditions(map: any): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, exactOrPrefix(v)]));
}

function prefixMatch(rule: string, match: string, m: any): PrefixMatch | undefined {
  const prefix = m?.uri?.prefix;
  if (!prefix) return undefined;
  return {
    rule,
    match,
    prefix,
    port: Number(m.port ?? 0),
    // A match without a method is treated as GET, as Istio's check does.
    method: exactOrPrefix(m.method) || 'exact:GET',
    authority: exactOrPrefix(m.authority),
    headers: conditions(m.headers),
    queryParams: conditions(m.queryParams),
    withoutHeaders: conditions(m.withoutHeaders),
  };
}

/** True when each condition of `later` is the same as, or narrower than (prefixed by), the one in `earlier`. */
function narrower(earlier: Record<string, string>, later: Record<string, string>): boolean {
  const keys = Object.keys(earlier);
  if (keys.length !== Object.keys(later).length) return false;
  return keys.every((k) => k in later && (earlier[k] === later[k] || earlier[k].startsWith(later[k])));
}

/** True when the earlier prefix match catches every request the later one would. */
function covers(a: PrefixMatch, b: PrefixMatch): boolean {
  return b.prefix.startsWith(a.prefix) && a.port === b.port
    && (a.method === b.method || a.method.startsWith(b.method))
    && (a.authority === b.authority || a.authority.startsWith(b.authority))
    && narrower(a.headers, b.headers) && narrower(a.queryParams, b.queryParams) && narrower(a.withoutHeaders, b.withoutHeaders);
}

function analyzeSection(vs: _Obj, section: 'http' | 'tcp' | 'tls'): _RouteProblem[] {
  const http = section === 'http';
  const rules: any[] = Array.isArray(vs.spec[section]) ? vs.spec[section] : [];
  const problems: _RouteProblem[] = [];
  const where = `VirtualService ${vs.namespace}/${vs.name} ${section}`;
  const unreachable = (rule: string, reason: string) => problems.push({ vs, kind: 'unreachable', message: `${where} rule ${rule} is never used: ${reason}.` });
  const ineffective = (rule: string, match: string, by: string) =>
    problems.push({ vs, kind: 'ineffective', message: `${where} rule ${rule} match ${match} is never used: rule ${by} already matches it.` });
  const seen = new Map<string, number>();
  const prefixes: PrefixMatch[] = [];
  let catchAll = -1;
  rules.forEach((rule, n) => {
    if (!rule) return;
    const name = ruleName(rule, n, http);
    const matches: any[] = Array.isArray(rule.match) ? rule.match : [];
    if (matches.length === 0) {
      if (catchAll >= 0) unreachable(name, 'only the last rule can have no matches');
      catchAll = n;
      return;
    }
    if (catchAll >= 0) {
      unreachable(name, 'a rule without matches comes before it');
      return;
    }
    let duplicates = 0;
    matches.forEach((match, m) => {
      const key = matchKey(match, http);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        ineffective(name, matchName(match, m, http), ruleName(rules[earlier], earlier, http));
        duplicates++;
        return;
      }
      seen.set(key, n);
      const p = http ? prefixMatch(name, matchName(match, m, http), match) : undefined;
      if (p) prefixes.push(p);
    });
    if (duplicates === matches.length) unreachable(name, 'earlier rules already take all its matches');
  });
  prefixes.forEach((a, i) => prefixes.slice(i + 1).forEach((b) => {
    if (a.prefix !== b.prefix && covers(a, b)) ineffective(b.rule, `${b.match} (prefix ${b.prefix})`, `${a.rule} (prefix ${a.prefix}, match ${a.match})`);
  }));
  return problems;
}

/** Every unreachable rule and ineffective match of every VirtualService. @internal */
export function _routeProblems(model: _MeshModel): _RouteProblem[] {
  // Three rules read them: found once per model.
  return model.memoOf(model, 'routeProblems', () => _istioWithListItems(model, 'VirtualService').flatMap((vs) => [
    ...analyzeSection(vs, 'http'), ...analyzeSection(vs, 'tcp'), ...analyzeSection(vs, 'tls'),
  ]));
}
