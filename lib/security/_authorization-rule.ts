import * as net from 'net';
import { AuthorizationCondition, AuthorizationOperation, AuthorizationRule, AuthorizationSource, ConditionKey } from './authorization-rule';
import type * as L1 from '../../imports/security.istio.io';
import { _compactLists } from '../core/_compact';
import { _didYouMean, _Problems } from '../core/_errors';
import { _isDnsLabel, _isDnsSubdomain } from '../core/_names';
import { _checkPort, _isPort, _PORT_PROBLEM } from '../core/_port';
import { HttpMethod } from '../core/http-method';
import { Identity } from '../core/identity';

const METHODS = Object.values(HttpMethod) as string[];
const IP_KEYS = ['source.ip', 'remote.ip', 'destination.ip'];

/** True when the rule matches every request: each of from, to and when is empty or holds an empty entry. */
export function _matchesEverything(rule: AuthorizationRule): boolean {
  const from = rule.from ?? [];
  const to = rule.to ?? [];
  return (from.length === 0 || from.some(_isEmptySource))
    && (to.length === 0 || to.some(_isEmptyOperation))
    && (rule.when ?? []).length === 0;
}

function isEmpty(obj: object): boolean {
  return Object.values(obj).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

function _isEmptySource(source: AuthorizationSource): boolean {
  return isEmpty(source);
}

function _isEmptyOperation(operation: AuthorizationOperation): boolean {
  return isEmpty(operation);
}

/** Records every problem of one rule, under `prop` (`rules[0]`). */
export function _checkRule(problems: _Problems, prop: string, rule: AuthorizationRule): void {
  (rule.from ?? []).forEach((source, i) => checkSource(problems, `${prop}.from[${i}]`, source));
  (rule.to ?? []).forEach((operation, i) => checkOperation(problems, `${prop}.to[${i}]`, operation));
  (rule.when ?? []).forEach((condition, i) => checkCondition(problems, `${prop}.when[${i}]`, condition));
}

function checkSource(problems: _Problems, prop: string, source: AuthorizationSource): void {
  problems.check(!_isEmptySource(source), prop, 'is empty, so it matches every source', source,
    'Give at least one field, or leave \'from\' out to match any source.');
  for (const field of ['principals', 'notPrincipals'] as const) {
    (source[field] ?? []).forEach((identity, i) => {
      problems.check(identity instanceof Identity, `${prop}.${field}[${i}]`, 'must be an Identity', identity,
        'Use Identity.fromServiceAccount(), Identity.fromNames() or Identity.principal(\'cluster.local/ns/<ns>/sa/<sa>\').');
    });
  }
  for (const field of ['namespaces', 'notNamespaces'] as const) {
    (source[field] ?? []).forEach((identity, i) => {
      const ok = identity instanceof Identity && identity.asNamespace !== undefined;
      problems.check(ok, `${prop}.${field}[${i}]`, 'must be a namespace identity: a service account in namespaces would admit its whole namespace',
        identity instanceof Identity ? identity.toString() : identity,
        identity instanceof Identity && identity.namespaceName
          ? `Put it in 'principals', or use Identity.namespace('${identity.namespaceName}') to admit the whole namespace.`
          : 'Use Identity.namespace(\'<namespace>\'), or put the identity in \'principals\'.');
    });
  }
  const usesServiceAccounts = (source.serviceAccounts ?? []).length > 0 || (source.notServiceAccounts ?? []).length > 0;
  const usesIdentities = (['principals', 'notPrincipals', 'namespaces', 'notNamespaces'] as const).some((f) => (source[f] ?? []).length > 0);
  problems.check(!(usesServiceAccounts && usesIdentities), `${prop}.serviceAccounts`, 'cannot be combined with principals or namespaces, as Istio requires',
    source.serviceAccounts ?? source.notServiceAccounts, 'Give the peers either as serviceAccounts or as principals and namespaces, in separate sources.');
  for (const field of ['serviceAccounts', 'notServiceAccounts'] as const) {
    (source[field] ?? []).forEach((sa, i) => {
      problems.check(isServiceAccountRef(sa), `${prop}.${field}[${i}]`,
        'must be \'<namespace>/<name>\' or \'<name>\' of a service account', sa, 'Write it as \'my-namespace/my-service-account\'.');
    });
  }
  for (const field of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'] as const) {
    (source[field] ?? []).forEach((block, i) => {
      problems.check(_isIpOrCidr(block), `${prop}.${field}[${i}]`, 'must be an IP address or CIDR block', block,
        'Write it as \'10.0.0.1\' or \'10.0.0.0/16\'.');
    });
  }
}

function checkOperation(problems: _Problems, prop: string, operation: AuthorizationOperation): void {
  problems.check(!_isEmptyOperation(operation), prop, 'is empty, so it matches every operation', operation,
    'Give at least one field, or leave \'to\' out to match any operation.');
  for (const field of ['methods', 'notMethods'] as const) {
    (operation[field] ?? []).forEach((method, i) => {
      problems.check(METHODS.includes(method), `${prop}.${field}[${i}]`, 'must be an HTTP method', method,
        `Use a member of HttpMethod (${METHODS.join(', ')}).${_didYouMean(String(method), METHODS)}`);
    });
  }
  for (const field of ['paths', 'notPaths'] as const) {
    (operation[field] ?? []).forEach((path, i) => checkPath(problems, `${prop}.${field}[${i}]`, path));
  }
  for (const field of ['hosts', 'notHosts'] as const) {
    (operation[field] ?? []).forEach((host, i) => {
      problems.check(typeof host === 'string' && host.length > 0 && !host.slice(1, -1).includes('*'), `${prop}.${field}[${i}]`,
        'must be a host name, with \'*\' only at its start or end', host, 'Write it as \'example.com\', \'*.example.com\' or \'example.*\'.');
    });
  }
  for (const field of ['ports', 'notPorts'] as const) {
    (operation[field] ?? []).forEach((port, i) => {
      _checkPort(problems, `${prop}.${field}[${i}]`, port, 'Give the destination port as a number, such as 8080.');
    });
  }
}

/** Paths: `*` alone, a suffix match `*...`, or a path from `/` with an optional trailing `*`, or a `{*}`/`{**}` template. */
function checkPath(problems: _Problems, prop: string, path: string): void {
  if (typeof path !== 'string' || path.length === 0) {
    problems.add(prop, 'must be a path starting with \'/\'', path, 'Write it as \'/\' or \'/api/*\'.');
    return;
  }
  if (path === '*' || (path.startsWith('*') && !path.slice(1).includes('*') && !/[{}]/.test(path))) return;
  if (!path.startsWith('/')) {
    problems.add(prop, 'must start with \'/\'', path, `Write it as '/${path}'.`);
    return;
  }
  if (/[{}]/.test(path)) {
    const segments = path.split('/').slice(1);
    const operators = segments.filter((s) => /[{}*]/.test(s));
    const badSegment = operators.find((s) => s !== '{*}' && s !== '{**}');
    if (badSegment !== undefined) {
      problems.add(prop, `has a path template segment '${badSegment}' that is not '{*}' or '{**}': a template operator must be a whole segment, and '*' is not allowed beside it`,
        path, 'Write each templated segment as /{*}/ (one segment) or /{**}/ (any number of segments).');
      return;
    }
    const lastDoubleStar = operators.lastIndexOf('{**}');
    problems.check(lastDoubleStar === -1 || lastDoubleStar === operators.length - 1, prop, 'uses \'{**}\' before another operator; \'{**}\' must be the last one',
      path, 'Move \'{**}\' after every \'{*}\', or split the path in two.');
    return;
  }
  problems.check(!path.slice(0, -1).includes('*'), prop, 'has \'*\' in the middle, which Istio matches literally', path,
    'Use \'*\' only at the end (\'/api/*\') or start (\'*/admin\'), or the template operator {*} for one segment (\'/api/{*}/items\').');
}

function checkCondition(problems: _Problems, prop: string, condition: AuthorizationCondition): void {
  problems.check(condition.key instanceof ConditionKey, `${prop}.key`, 'must be a ConditionKey', condition.key,
    'Use ConditionKey.SOURCE_IP, ConditionKey.requestHeader(\'x-token\') and the like.');
  const values = condition.values ?? [];
  const notValues = condition.notValues ?? [];
  problems.check(values.length + notValues.length > 0, prop, 'has neither values nor notValues, which Istio rejects', condition.key?.key,
    'Give the values the attribute must match (values) or must not match (notValues).');
  const key = condition.key instanceof ConditionKey ? condition.key.key : '';
  const all: Array<[string, string[]]> = [['values', values], ['notValues', notValues]];
  for (const [field, list] of all) {
    list.forEach((value, i) => {
      if (IP_KEYS.includes(key)) {
        problems.check(_isIpOrCidr(value), `${prop}.${field}[${i}]`, `must be an IP address or CIDR block for ${key}`, value,
          'Write it as \'10.0.0.1\' or \'10.0.0.0/16\'.');
      } else if (key === 'destination.port') {
        problems.check(/^\d+$/.test(value) && _isPort(Number(value)), `${prop}.${field}[${i}]`, _PORT_PROBLEM, value,
          'Write the destination.port value as a string of digits, such as \'8080\'.');
      } else if (key === 'source.principal') {
        problems.check(!value.toLowerCase().startsWith('spiffe://'), `${prop}.${field}[${i}]`,
          'must not start with \'spiffe://\': Istio matches principals without the scheme', value, `Write it as '${value.slice(9)}'.`);
      }
    });
  }
}

/** True for an IPv4 or IPv6 address, or a CIDR block of either. */
export function _isIpOrCidr(value: string): boolean {
  if (typeof value !== 'string') return false;
  const [address, bits, ...rest] = value.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Renders one rule as the v1 spec writes it; fields left out stay out. */
export function _renderRule(rule: AuthorizationRule): L1.AuthorizationPolicySpecRules {
  const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined);
  const from = nonEmpty(rule.from)?.map((s) => ({ source: renderSource(s) }));
  const to = nonEmpty(rule.to)?.map((o) => ({ operation: renderOperation(o) }));
  const when = nonEmpty(rule.when)?.map((c) => ({
    key: c.key.key,
    ...(nonEmpty(c.values) ? { values: [...c.values!] } : {}),
    ...(nonEmpty(c.notValues) ? { notValues: [...c.notValues!] } : {}),
  }));
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(when ? { when } : {}) };
}


function renderSource(s: AuthorizationSource): L1.AuthorizationPolicySpecRulesFromSource {
  return _compactLists({
    principals: s.principals?.map((i) => i.asPrincipal),
    notPrincipals: s.notPrincipals?.map((i) => i.asPrincipal),
    requestPrincipals: s.requestPrincipals,
    notRequestPrincipals: s.notRequestPrincipals,
    namespaces: s.namespaces?.map((i) => i.asNamespace!),
    notNamespaces: s.notNamespaces?.map((i) => i.asNamespace!),
    serviceAccounts: s.serviceAccounts,
    notServiceAccounts: s.notServiceAccounts,
    trustDomains: s.trustDomains,
    notTrustDomains: s.notTrustDomains,
    ipBlocks: s.ipBlocks,
    notIpBlocks: s.notIpBlocks,
    remoteIpBlocks: s.remoteIpBlocks,
    notRemoteIpBlocks: s.notRemoteIpBlocks,
  });
}

function renderOperation(o: AuthorizationOperation): L1.AuthorizationPolicySpecRulesToOperation {
  return _compactLists({
    methods: o.methods?.map((m) => m as string),
    notMethods: o.notMethods?.map((m) => m as string),
    paths: o.paths,
    notPaths: o.notPaths,
    hosts: o.hosts,
    notHosts: o.notHosts,
    ports: o.ports?.map(String),
    notPorts: o.notPorts?.map(String),
  });
}

/** `<namespace>/<name>` or `<name>` of a Kubernetes service account: a DNS-1123 label, then a subdomain. */
function isServiceAccountRef(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length === 1) return _isDnsSubdomain(parts[0]);
  return parts.length === 2 && _isDnsLabel(parts[0]) && _isDnsSubdomain(parts[1]);
}
