/**
 * The request as the model reads it: the SOURCE string parsed into a caller, and the URL into
 * scheme, host, port and path. Bad values throw an error naming the value and the expected form.
 */
import { _isPort } from '../../core/_port';

/** Where a traced request comes from. @internal */
export interface _Caller {
  /** `pod` (a workload with an Istio proxy), `plain` (no proxy, no identity) or `gateway` (enters at a gateway workload). */
  readonly kind: 'pod' | 'plain' | 'gateway';
  readonly namespace: string;
  /** The service account; undefined for `plain`. */
  readonly serviceAccount?: string;
  /** Labels given in the SOURCE (`?app=web&version=v1`). */
  readonly labels: Record<string, string>;
  /** The SOURCE as written, for messages. */
  readonly text: string;
}

/** A URL as the client dials it. @internal */
export interface _Url {
  readonly scheme: 'http' | 'https';
  /** The host, lower-cased, without port. */
  readonly host: string;
  readonly port: number;
  /** True when the URL names its port. */
  readonly explicitPort: boolean;
  /** The path, without query string (at least `/`). */
  readonly path: string;
  /** The query parameters. */
  readonly query: Record<string, string>;
  readonly text: string;
}

const SOURCE_FORMS = '`pod:<namespace>/<serviceaccount>[?label=value&...]`, `plain:<namespace>` or '
  + '`gateway:<namespace>/<serviceaccount>?<selector labels>`';
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function badSource(text: string, why: string): Error {
  return new Error(`trace: 'from' ${why} (received: ${JSON.stringify(text)}). Use ${SOURCE_FORMS}.`);
}

function parseQuery(query: string, bad: (why: string) => Error): Record<string, string> {
  const labels: Record<string, string> = {};
  if (query === '') return labels;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw bad(`has a label without \`=\`: ${JSON.stringify(pair)}`);
    labels[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
  }
  return labels;
}

/** Parses a SOURCE string. @internal */
export function _parseSource(text: unknown): _Caller {
  if (typeof text !== 'string') throw badSource(String(text), 'must be a string');
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : '';
  if (kind !== 'pod' && kind !== 'plain' && kind !== 'gateway') throw badSource(text, 'must start with pod:, plain: or gateway:');
  const rest = text.slice(colon + 1);
  const q = rest.indexOf('?');
  const where = q >= 0 ? rest.slice(0, q) : rest;
  const labels = parseQuery(q >= 0 ? rest.slice(q + 1) : '', (why) => badSource(text, why));
  if (kind === 'plain') {
    if (!NAME.test(where)) throw badSource(text, 'must name a namespace after plain:');
    return { kind, namespace: where, labels, text };
  }
  const [namespace, serviceAccount, ...more] = where.split('/');
  if (more.length > 0 || !namespace || !serviceAccount || !NAME.test(namespace) || !NAME.test(serviceAccount)) {
    throw badSource(text, `must name <namespace>/<serviceaccount> after ${kind}:`);
  }
  if (kind === 'gateway' && Object.keys(labels).length === 0) {
    throw badSource(text, 'must give the gateway workload\'s selector labels after `?` (e.g. `?istio=ingressgateway`)');
  }
  return { kind, namespace, serviceAccount, labels, text };
}

/** Parses a URL as the client dials it. @internal */
export function _parseUrl(text: unknown): _Url {
  const bad = (why: string) => new Error(`trace: 'url' ${why} (received: ${JSON.stringify(text)}). Use http(s)://host[:port]/path.`);
  if (typeof text !== 'string') throw bad('must be a string');
  const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(text);
  if (!m) throw bad('is not an http or https URL');
  const scheme = m[1].toLowerCase() as 'http' | 'https';
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!_isPort(port)) throw bad(`has port ${m[3]}, outside 1..65535`);
  const query: Record<string, string> = {};
  for (const pair of (m[5] ?? '').split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    query[decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
  }
  return { scheme, host: m[2].toLowerCase(), port, explicitPort: m[3] !== undefined, path: m[4] || '/', query, text };
}
