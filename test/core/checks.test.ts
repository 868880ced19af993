/**
 * The checks and wire facts every L2 shares (lib/core): one home each, with Kubernetes' and Istio's
 * limits. The L2 tests show them through the constructs' errors; these pin the limits themselves.
 */
import { Duration } from 'cdk8s';
import { _compact, _compactLists, _snapshot } from '../../lib/core/_compact';
import { _Problems } from '../../lib/core/_errors';
import { _isGatewayApiHostname, _qualifyHost, _serviceFqdn } from '../../lib/core/_host';
import {
  _checkDnsLabel, _checkLabelKey, _checkNamespace, _isDnsLabel, _isDnsSubdomain, _isLabelKey, _isLabelValue,
} from '../../lib/core/_names';
import { _checkCount, _checkPercentage } from '../../lib/core/_numbers';
import { _checkOptionalPort, _checkPort } from '../../lib/core/_port';
import { _isHttpProtocol, _portNameProtocol } from '../../lib/core/_protocol';

const problemsOf = (record: (p: _Problems) => void): string[] => {
  const problems = new _Problems('Test');
  record(problems);
  return problems.messages();
};

describe('ports', () => {
  test.each([1, 8080, 65535])('accepts %p', (port) => expect(problemsOf((p) => _checkPort(p, 'port', port))).toEqual([]));

  test.each([[0, '0'], [65536, '65536'], [80.5, '80.5'], [NaN, 'NaN'], ['80', '"80"'], [undefined, 'undefined']])('rejects %p with the one wording', (port, shown) => {
    expect(problemsOf((p) => _checkPort(p, 'port', port, 'Use 8080.'))).toEqual([
      `Test: 'port' must be a port number from 1 to 65535 (received: ${shown}). Use 8080.`,
    ]);
  });

  test('an optional port passes when undefined only', () => {
    expect(problemsOf((p) => _checkOptionalPort(p, 'port', undefined))).toEqual([]);
    expect(problemsOf((p) => _checkOptionalPort(p, 'port', 0))).toHaveLength(1);
  });
});

describe('percentages and counts', () => {
  test('a percentage is 0 to 100, fractions allowed unless whole', () => {
    expect(problemsOf((p) => [0, 12.5, 100].forEach((v) => _checkPercentage(p, 'pct', v)))).toEqual([]);
    expect(problemsOf((p) => _checkPercentage(p, 'pct', 100.1))[0]).toContain('must be a percentage from 0 to 100');
    expect(problemsOf((p) => _checkPercentage(p, 'pct', 12.5, true))[0]).toContain('must be a whole number from 0 to 100');
  });

  test('a count is a whole int32 of at least its minimum', () => {
    expect(problemsOf((p) => _checkCount(p, 'n', 2_147_483_647, 1))).toEqual([]);
    expect(problemsOf((p) => _checkCount(p, 'n', 0, 1))[0]).toContain('must be a whole number of at least 1');
    expect(problemsOf((p) => _checkCount(p, 'n', 2_147_483_648))).toHaveLength(1);
  });
});

describe('names', () => {
  test('a DNS-1123 label has at most 63 characters, a subdomain at most 253', () => {
    expect(_isDnsLabel('a'.repeat(63))).toBe(true);
    expect(_isDnsLabel('a'.repeat(64))).toBe(false);
    expect(_isDnsLabel('Payments')).toBe(false);
    expect(_isDnsLabel('a.b')).toBe(false);
    expect(_isDnsSubdomain(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`)).toBe(true); // 253
    expect(_isDnsSubdomain(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`)).toBe(false); // 254
    expect(_isDnsSubdomain('a..b')).toBe(false);
  });

  test('label values and keys follow Kubernetes', () => {
    expect(_isLabelValue('')).toBe(true);
    expect(_isLabelValue('2024.1_rc')).toBe(true);
    expect(_isLabelValue('v'.repeat(64))).toBe(false);
    expect(_isLabelValue('-v1')).toBe(false);
    expect(_isLabelKey('app')).toBe(true);
    expect(_isLabelKey('istio.io/rev')).toBe(true);
    expect(_isLabelKey('Istio.io/rev')).toBe(false);
    expect(_isLabelKey(`example.com/${'k'.repeat(64)}`)).toBe(false);
    expect(_isLabelKey('')).toBe(false);
  });

  test('the checks name the prop, the value and the fix', () => {
    expect(problemsOf((p) => _checkNamespace(p, 'namespace', 'Shop'))).toEqual([
      'Test: \'namespace\' must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and \'-\') (received: "Shop"). Use a namespace name such as \'payments\'.',
    ]);
    expect(problemsOf((p) => _checkDnsLabel(p, 'name', 'x'.repeat(64), 'Shorten it.'))[0]).toContain('at most 63');
    expect(problemsOf((p) => _checkLabelKey(p, 'key', 'a b', 'Use app.'))[0]).toContain('must be a Kubernetes label key');
  });
});

describe('hosts', () => {
  test('a Service FQDN is name.namespace.svc.<domain>, the parameters in that order', () => {
    expect(_serviceFqdn('reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(_serviceFqdn('reviews', 'bookinfo', 'example.org')).toBe('reviews.bookinfo.svc.example.org');
  });

  test('a short name is qualified in the namespace; dotted names and wildcards stay', () => {
    expect(_qualifyHost('reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(_qualifyHost('api.example.com', 'bookinfo')).toBe('api.example.com');
    expect(_qualifyHost('*', 'bookinfo')).toBe('*');
  });

  test('a Gateway API host name is lower case, optionally after *.', () => {
    expect(_isGatewayApiHostname('*.example.com')).toBe(true);
    expect(_isGatewayApiHostname('Example.com')).toBe(false);
    expect(_isGatewayApiHostname('*')).toBe(false);
  });
});

describe('protocols', () => {
  test.each(['HTTP', 'http2', 'GRPC', 'grpc-web', 'HTTP_PROXY'])('%s is routed as HTTP', (p) => expect(_isHttpProtocol(p)).toBe(true));
  test.each(['HTTPS', 'TLS', 'TCP', 'MONGO', 'bogus'])('%s is not', (p) => expect(_isHttpProtocol(p)).toBe(false));

  test('a port name declares its protocol by prefix, grpc-web first', () => {
    expect(_portNameProtocol('grpc-web-ui')).toBe('GRPC-WEB');
    expect(_portNameProtocol('http-web')).toBe('HTTP');
    expect(_portNameProtocol('tcp')).toBe('TCP');
    expect(_portNameProtocol('web')).toBeUndefined();
  });
});

describe('dropping undefined and snapshots', () => {
  test('_compact drops undefined fields only; _compactLists drops empty lists too and copies lists', () => {
    expect(_compact({ a: 1, b: undefined, c: [], d: null })).toEqual({ a: 1, c: [], d: null });
    const list = ['x'];
    const out = _compactLists({ a: list, b: [], c: undefined });
    expect(out).toEqual({ a: ['x'] });
    expect(out.a).not.toBe(list);
  });

  test('_snapshot copies plain objects and arrays all the way down and keeps class instances', () => {
    const timeout = Duration.seconds(2);
    const given = { hosts: ['a'], nested: { labels: { app: 'x' } }, timeout };
    const copy = _snapshot(given);
    given.hosts.push('b');
    given.nested.labels.app = 'y';
    expect(copy).toEqual({ hosts: ['a'], nested: { labels: { app: 'x' } }, timeout });
    expect(copy.timeout).toBe(timeout);
  });
});
