import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { chart, spec, synthOne, validationErrors } from './util';
import {
  Destination, Fault, HttpMatch, HttpMethod, RedirectPortDerivation, RetryCondition, RetryOn, StringMatch, UnmatchedPreflights, VirtualService,
} from '../../lib';

const reviews = (options = {}) => Destination.to('reviews', options);

describe('VirtualService', () => {
  test('creates one networking.istio.io/v1 VirtualService under the id Resource', () => {
    const c = chart();
    const vs = new VirtualService(c, 'reviews', { hosts: ['reviews'], http: [{ route: [reviews()] }] });
    const obj = synthOne(c, 'VirtualService');
    expect(obj.apiVersion).toBe('networking.istio.io/v1');
    expect(obj.metadata.namespace).toBe('test');
    expect(vs.node.findChild('Resource')).toBe(vs.apiObject);
    expect(vs.name).toBe(obj.metadata.name);
    expect(vs.namespace).toBe('test');
  });

  test('tells a route\'s current destinations, as a copy', () => {
    const vs = new VirtualService(chart(), 'vs', { hosts: ['r'] });
    const route = vs.addHttpRoute({ route: [Destination.to('r', { subset: 'v1', weight: 90 })] });
    route.addDestination(Destination.to('r', { subset: 'v2', weight: 10 }));
    expect(route.destinations.map((d) => [d.subset, d.weight])).toEqual([['v1', 90], ['v2', 10]]);
    route.destinations.pop();
    expect(route.destinations).toHaveLength(2);
  });

  test('addHttpRouteBefore places a route before an existing one, which Istio then evaluates second', () => {
    const c = chart();
    const vs = new VirtualService(c, 'vs', { hosts: ['r'] });
    const weighted = vs.addHttpRoute({ route: [reviews({ subset: 'v1' })] });
    vs.addHttpRoute({ route: [reviews({ subset: 'v3' })] });
    vs.addHttpRouteBefore(weighted, { match: [HttpMatch.header('x-canary', StringMatch.exact('true'))], route: [reviews({ subset: 'v2' })] });
    expect(spec(c, 'VirtualService').http.map((r: any) => r.route[0].destination.subset)).toEqual(['v2', 'v1', 'v3']);
    const other = new VirtualService(chart(), 'other', { hosts: ['r'], http: [{ route: [reviews()] }] });
    expect(() => other.addHttpRouteBefore(weighted, { route: [reviews()] })).toThrow(/'before' must be an HTTP route of this VirtualService/);
  });

  test('HttpRoute.mirrorTo sets the mirror and its percentage after the route was made, and checks them', () => {
    const c = chart();
    const vs = new VirtualService(c, 'vs', { hosts: ['r'] });
    const route = vs.addHttpRoute({ route: [reviews({ subset: 'v1' })] });
    route.mirrorTo(reviews({ subset: 'v2' }), 20);
    expect(spec(c, 'VirtualService').http[0]).toMatchObject({ mirror: { host: 'reviews', subset: 'v2' }, mirrorPercentage: { value: 20 } });
    expect(() => route.mirrorTo(reviews(), 140)).toThrow(/mirrorPercentage/);
    expect(() => route.mirrorTo(reviews({ weight: 10 }))).toThrow(/must not carry a weight or headers/);
  });

  test('HttpMatch.conditions tells the conditions as given, as a copy', () => {
    const match = HttpMatch.prefix('/api', { method: StringMatch.exact('GET'), port: 8080 });
    expect(match.conditions.uri).toEqual(StringMatch.prefix('/api'));
    expect([match.conditions.method?.kind, match.conditions.method?.value, match.conditions.port]).toEqual(['exact', 'GET', 8080]);
    (match.conditions as any).port = 9090;
    expect(match.conditions.port).toBe(8080);
  });

  test('renders hosts, gateways and exportTo', () => {
    const c = chart();
    new VirtualService(c, 'vs', {
      hosts: ['reviews', '*.example.com', '*'],
      gateways: ['istio-system/ingress', 'mesh'],
      exportTo: ['.'],
      http: [{ route: [reviews()] }],
    });
    expect(spec(c, 'VirtualService')).toMatchObject({ hosts: ['reviews', '*.example.com', '*'], gateways: ['istio-system/ingress', 'mesh'], exportTo: ['.'] });
  });

  test('takes a kplus.Service as host: its name in the same namespace, its FQDN from another', () => {
    const c = chart();
    const local = new kplus.Service(c, 'local', { ports: [{ port: 80 }], metadata: { name: 'local-svc' } });
    const other = new kplus.Service(c, 'other', { ports: [{ port: 80 }], metadata: { name: 'other-svc', namespace: 'shop' } });
    const vs = new VirtualService(c, 'vs', { services: [local], http: [{ route: [Destination.toService(other)] }] });
    vs.addService(other);
    vs.addHost('extra');
    vs.addGateway('mesh');
    expect(spec(c, 'VirtualService')).toEqual({
      hosts: ['local-svc', 'other-svc.shop.svc.cluster.local', 'extra'],
      gateways: ['mesh'],
      http: [{ route: [{ destination: { host: 'other-svc.shop.svc.cluster.local' } }] }],
    });
  });

  test('renders weighted destinations with subset, port and per-destination headers', () => {
    const c = chart();
    new VirtualService(c, 'vs', {
      hosts: ['reviews'],
      http: [{
        route: [
          reviews({ subset: 'v1', port: 9080, weight: 75, headers: { request: { set: { 'x-v': '1' } }, response: { remove: ['x-debug'] } } }),
          reviews({ subset: 'v2', weight: 25 }),
        ],
      }],
    });
    expect(spec(c, 'VirtualService').http[0].route).toEqual([
      { destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } }, weight: 75, headers: { request: { set: { 'x-v': '1' } }, response: { remove: ['x-debug'] } } },
      { destination: { host: 'reviews', subset: 'v2' }, weight: 25 },
    ]);
  });

  test('accepts weights that do not sum to 100, as Istio does', () => {
    const c = chart();
    new VirtualService(c, 'vs', { hosts: ['reviews'], http: [{ route: [reviews({ subset: 'v1', weight: 1 }), reviews({ subset: 'v2', weight: 3 })] }] });
    expect(spec(c, 'VirtualService').http[0].route.map((r: any) => r.weight)).toEqual([1, 3]);
    expect(Destination.to('reviews').withWeight(7).weight).toBe(7);
  });

  test('renders every kind of match', () => {
    const c = chart();
    new VirtualService(c, 'vs', {
      hosts: ['reviews'],
      http: [{
        name: 'matched',
        match: [
          HttpMatch.prefix('/api', { name: 'api', ignoreUriCase: true }),
          HttpMatch.exact('/login'),
          HttpMatch.regex('^/v[0-9]+/.*$'),
          HttpMatch.header('end-user', StringMatch.exact('jason')),
          HttpMatch.of({
            method: StringMatch.exact(HttpMethod.GET),
            authority: StringMatch.prefix('shop.'),
            scheme: StringMatch.exact('https'),
            headers: { cookie: StringMatch.regex('^(.*?;)?(user=dev)(;.*)?$') },
            withoutHeaders: { 'x-skip': StringMatch.exact('1') },
            queryParams: { debug: StringMatch.exact('true') },
            sourceLabels: { app: 'productpage' },
            sourceNamespace: 'frontend',
            port: 9080,
            gateways: ['mesh'],
          }),
        ],
        route: [reviews()],
      }],
    });
    const http = spec(c, 'VirtualService').http[0];
    expect(http.name).toBe('matched');
    expect(http.match).toEqual([
      { name: 'api', uri: { prefix: '/api' }, ignoreUriCase: true },
      { uri: { exact: '/login' } },
      { uri: { regex: '^/v[0-9]+/.*$' } },
      { headers: { 'end-user': { exact: 'jason' } } },
      {
        method: { exact: 'GET' },
        authority: { prefix: 'shop.' },
        scheme: { exact: 'https' },
        headers: { cookie: { regex: '^(.*?;)?(user=dev)(;.*)?$' } },
        withoutHeaders: { 'x-skip': { exact: '1' } },
        queryParams: { debug: { exact: 'true' } },
        sourceLabels: { app: 'productpage' },
        sourceNamespace: 'frontend',
        port: 9080,
        gateways: ['mesh'],
      },
    ]);
  });

  test('renders retries, timeout, fault, mirror, rewrite, CORS and headers', () => {
    const c = chart();
    new VirtualService(c, 'vs', {
      hosts: ['reviews'],
      http: [{
        route: [reviews()],
        timeout: Duration.millis(1500),
        retries: {
          attempts: 3,
          perTryTimeout: Duration.seconds(2),
          backoff: Duration.millis(250),
          retryOn: RetryOn.of(RetryCondition.GATEWAY_ERROR, RetryCondition.UNAVAILABLE).withStatusCodes(503),
          retryRemoteLocalities: true,
          retryIgnorePreviousHosts: false,
        },
        fault: Fault.delay(Duration.seconds(5), 10).and(Fault.abort(503, 1.5)),
        mirror: Destination.to('reviews-shadow', { subset: 'v2', port: 80 }),
        mirrorPercentage: 5,
        rewrite: { uri: '/v2', authority: 'reviews.internal' },
        corsPolicy: {
          allowOrigins: [StringMatch.exact('https://a.example'), StringMatch.regex('https://.*\\.example')],
          allowMethods: [HttpMethod.GET, HttpMethod.POST],
          allowHeaders: ['content-type'],
          exposeHeaders: ['x-id'],
          maxAge: Duration.minutes(5),
          allowCredentials: true,
          unmatchedPreflights: UnmatchedPreflights.IGNORE,
        },
        headers: { request: { add: { 'x-a': '1' } }, response: { set: { 'x-b': '2' } } },
      }],
    });
    const http = spec(c, 'VirtualService').http[0];
    expect(http.timeout).toBe('1.5s');
    expect(http.retries).toEqual({
      attempts: 3,
      perTryTimeout: '2s',
      backoff: '250ms',
      retryOn: 'gateway-error,unavailable,retriable-status-codes,503'.replace('retriable-status-codes,', ''),
      retryRemoteLocalities: true,
      retryIgnorePreviousHosts: false,
    });
    expect(http.fault).toEqual({ delay: { fixedDelay: '5s', percentage: { value: 10 } }, abort: { httpStatus: 503, percentage: { value: 1.5 } } });
    expect(http.mirror).toEqual({ host: 'reviews-shadow', subset: 'v2', port: { number: 80 } });
    expect(http.mirrorPercentage).toEqual({ value: 5 });
    expect(http.rewrite).toEqual({ uri: '/v2', authority: 'reviews.internal' });
    expect(http.corsPolicy).toEqual({
      allowOrigins: [{ exact: 'https://a.example' }, { regex: 'https://.*\\.example' }],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type'],
      exposeHeaders: ['x-id'],
      maxAge: '5m',
      allowCredentials: true,
      unmatchedPreflights: 'IGNORE',
    });
    expect(http.headers).toEqual({ request: { add: { 'x-a': '1' } }, response: { set: { 'x-b': '2' } } });
  });

  test('renders several mirrors, a regex rewrite, a gRPC abort and a delay without percentage', () => {
    const c = chart();
    new VirtualService(c, 'vs', {
      hosts: ['reviews'],
      http: [
        {
          route: [reviews()],
          mirrors: [{ destination: Destination.to('a'), percentage: 50 }, { destination: Destination.to('b') }],
          rewrite: { uriRegexRewrite: { match: '^/old/(.*)$', rewrite: '/new/\\1' } },
          fault: Fault.grpcAbort('UNAVAILABLE', 20),
        },
        { route: [reviews()], fault: Fault.delay(Duration.millis(100)) },
      ],
    });
    const http = spec(c, 'VirtualService').http;
    expect(http[0].mirrors).toEqual([{ destination: { host: 'a' }, percentage: { value: 50 } }, { destination: { host: 'b' } }]);
    expect(http[0].rewrite).toEqual({ uriRegexRewrite: { match: '^/old/(.*)$', rewrite: '/new/\\1' } });
    expect(http[0].fault).toEqual({ abort: { grpcStatus: 'UNAVAILABLE', percentage: { value: 20 } } });
    expect(http[1].fault).toEqual({ delay: { fixedDelay: '100ms' } });
  });

  test('renders redirect, direct response and delegate routes', () => {
    const c = chart();
    new VirtualService(c, 'vs', {
      hosts: ['reviews'],
      http: [
        { match: [HttpMatch.prefix('/old')], redirect: { uri: '/new', authority: 'b.example', port: 8443, scheme: 'https', redirectCode: 308 } },
        { match: [HttpMatch.prefix('/p')], redirect: { derivePort: RedirectPortDerivation.FROM_REQUEST_PORT } },
        { match: [HttpMatch.exact('/health')], directResponse: { status: 200, body: 'ok' } },
        { match: [HttpMatch.exact('/gone')], directResponse: { status: 410 } },
        { match: [HttpMatch.prefix('/team')], delegate: { name: 'team-routes', namespace: 'team' } },
      ],
    });
    const http = spec(c, 'VirtualService').http;
    expect(http[0].redirect).toEqual({ uri: '/new', authority: 'b.example', port: 8443, scheme: 'https', redirectCode: 308 });
    expect(http[1].redirect).toEqual({ derivePort: 'FROM_REQUEST_PORT' });
    expect(http[2].directResponse).toEqual({ status: 200, body: { string: 'ok' } });
    expect(http[3].directResponse).toEqual({ status: 410 });
    expect(http[4].delegate).toEqual({ name: 'team-routes', namespace: 'team' });
    expect(http.every((r: any) => r.route === undefined)).toBe(true);
  });

  test('renders TCP and TLS routes', () => {
    const c = chart();
    new VirtualService(c, 'vs', {
      hosts: ['db', 'api.example.com'],
      tcp: [{
        match: [{ port: 3306, destinationSubnets: ['10.0.0.0/8'], sourceLabels: { app: 'x' }, sourceNamespace: 'ns', gateways: ['mesh'] }],
        route: [Destination.to('db', { port: 3306, weight: 100 })],
      }],
      tls: [{
        match: [{ sniHosts: ['api.example.com'], port: 443, destinationSubnets: ['1.2.3.4'], sourceLabels: { a: 'b' }, sourceNamespace: 'ns', gateways: ['gw'] }],
        route: [Destination.to('api.example.com')],
      }],
    });
    expect(spec(c, 'VirtualService')).toMatchObject({
      tcp: [{
        match: [{ port: 3306, destinationSubnets: ['10.0.0.0/8'], sourceLabels: { app: 'x' }, sourceNamespace: 'ns', gateways: ['mesh'] }],
        route: [{ destination: { host: 'db', port: { number: 3306 } }, weight: 100 }],
      }],
      tls: [{
        match: [{ sniHosts: ['api.example.com'], port: 443, destinationSubnets: ['1.2.3.4'], sourceLabels: { a: 'b' }, sourceNamespace: 'ns', gateways: ['gw'] }],
        route: [{ destination: { host: 'api.example.com' } }],
      }],
    });
  });

  test('adds routes, destinations and matches after construction', () => {
    const c = chart();
    const vs = new VirtualService(c, 'vs', { hosts: ['reviews'] });
    const route = vs.addHttpRoute({});
    route.addDestination(reviews({ subset: 'v1', weight: 50 })).addDestination(reviews({ subset: 'v2', weight: 50 }));
    route.addMatch(HttpMatch.prefix('/a'));
    vs.addTcpRoute({}).addDestination(Destination.to('db'));
    vs.addTlsRoute({ match: [{ sniHosts: ['a.example.com'] }] }).addDestination(Destination.to('a.example.com'));
    const s = spec(c, 'VirtualService');
    expect(s.http[0].route).toHaveLength(2);
    expect(s.http[0].match).toEqual([{ uri: { prefix: '/a' } }]);
    expect(s.tcp[0].route).toEqual([{ destination: { host: 'db' } }]);
    expect(s.tls[0].route).toEqual([{ destination: { host: 'a.example.com' } }]);
  });

  test('keeps the escape hatch open', () => {
    const c = chart();
    const vs = new VirtualService(c, 'vs', { hosts: ['reviews'], http: [{ route: [reviews()] }] });
    vs.apiObject.addJsonPatch(JsonPatch.add('/spec/http/0/timeout', '3s'));
    vs.apiObject.addJsonPatch(JsonPatch.add('/spec/http/0/match', [{ statPrefix: 'reviews' }]));
    ApiObject.of(vs).addJsonPatch(JsonPatch.add('/spec/exportTo', ['.']));
    expect(spec(c, 'VirtualService')).toMatchObject({ exportTo: ['.'], http: [{ timeout: '3s', match: [{ statPrefix: 'reviews' }] }] });
  });

  describe('errors', () => {
    const make = (props: any) => new VirtualService(chart(), 'vs', props);

    test('fails on a negative weight', () => {
      expect(() => Destination.to('reviews', { weight: -1 })).toThrow(/Destination.to: 'weight' must be a whole number of at least 0 \(received: -1\)/);
      expect(() => Destination.to('reviews').withWeight(-5)).toThrow(/'weight' must be a whole number of at least 0/);
    });

    test('fails at synth on a route whose destinations all weigh 0', () => {
      const c = chart();
      new VirtualService(c, 'vs', { hosts: ['reviews'], http: [{ route: [reviews({ weight: 0 }), reviews({ subset: 'v2', weight: 0 })] }] });
      expect(validationErrors(c)).toMatch(/VirtualService 'test\/vs': 'http\[0\]\.route' must give at least one destination a weight above 0 \(received: \[0,0\]\)/);
    });

    test('fails at synth on a route with no destination, naming the construct path', () => {
      const c = chart();
      new VirtualService(c, 'vs', { hosts: ['reviews'], http: [{ match: [HttpMatch.prefix('/')] }] });
      expect(validationErrors(c)).toContain('VirtualService \'test/vs\': \'http[0].route\' must not be empty (received: []). Add a destination with route: [...]');
    });

    test('fails at synth on TCP and TLS routes with no destination, on all-zero TCP weights and duplicate route names', () => {
      const c = chart();
      const vs = new VirtualService(c, 'vs', { hosts: ['reviews'], tcp: [{}], tls: [{ match: [{ sniHosts: ['a.b'] }] }] });
      vs.addTcpRoute({ route: [Destination.to('a', { weight: 0 }), Destination.to('b', { weight: 0 })] });
      vs.addHttpRoute({ name: 'x', route: [reviews()] });
      vs.addHttpRoute({ name: 'x', route: [reviews()] });
      const errors = validationErrors(c);
      expect(errors).toContain('\'tcp[0].route\' must not be empty');
      expect(errors).toContain('\'tls[0].route\' must not be empty');
      expect(errors).toContain('\'tcp[1].route\' must give at least one destination a weight above 0');
      expect(errors).toContain('\'http[].name\' must be unique among the routes (received: "x")');
    });

    test('fails on a redirect, direct response or delegate together with a route', () => {
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], redirect: { uri: '/x' } }] }))
        .toThrow(/'http\[0\]\.redirect' must not be set together with 'route'/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], directResponse: { status: 200 } }] }))
        .toThrow(/'http\[0\]\.directResponse' must not be set together with 'route'/);
      expect(() => make({ hosts: ['r'], http: [{ redirect: { uri: '/x' }, delegate: { name: 'd' } }] }))
        .toThrow(/'http\[0\]\.delegate' must not be set together with 'redirect'/);
      const vs = make({ hosts: ['r'], http: [{ redirect: { uri: '/x' } }] });
      const route = vs.addHttpRoute({ directResponse: { status: 204 } });
      expect(() => route.addDestination(reviews())).toThrow(/'http\[1\]\.route' must stay empty: the route answers with 'directResponse'/);
    });

    test('collects every problem of the constructor before throwing', () => {
      expect(() => make({ hosts: ['', 'bad host'], http: [] })).toThrow(/has 2 problems:\n {2}- 'hosts\[0\]' must not be empty[\s\S]*'hosts\[1\]' must be a DNS name/);
    });

    test('fails on malformed hosts, naming the value and the fix', () => {
      expect(() => make({ hosts: ['a.*.com'] })).toThrow(/'hosts\[0\]' may hold `\*` only as its whole first label .*\(received: "a\.\*\.com"\)\. Use a short name/);
      expect(() => make({ hosts: ['r'] }).addHost('-x')).toThrow(/'hosts\[1\]' must be a DNS name/);
      expect(() => Destination.to('*')).toThrow(/Destination.to: 'host' must name a host, not `\*`/);
      expect(Destination.to('*.example.com').host._render(undefined)).toBe('*.example.com');
      expect(() => make({ hosts: ['r'], gateways: [''] })).toThrow(/'gateways\[0\]' must not be empty/);
    });

    test('fails on ports outside 1..65535', () => {
      expect(() => Destination.to('r', { port: 0 })).toThrow(/'port' must be a port number from 1 to 65535 \(received: 0\)/);
      expect(() => HttpMatch.of({ port: 70000 })).toThrow(/HttpMatch.of: 'port' must be a port number from 1 to 65535/);
      expect(() => make({ hosts: ['r'], tcp: [{ match: [{ port: -1 }] }] })).toThrow(/'tcp\[0\]\.match\[0\]\.port' must be a port/);
      expect(() => make({ hosts: ['r'], http: [{ redirect: { port: 99999 } }] })).toThrow(/'http\[0\]\.redirect\.port' must be a port/);
    });

    test('fails on a duration under 1 ms', () => {
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], timeout: Duration.millis(0) }] }))
        .toThrow(/VirtualService 'test\/vs': 'http\[0\]\.timeout' must be at least 1ms, as Istio requires \(received: Duration\.millis\(0\)\)/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], retries: { attempts: 1, perTryTimeout: Duration.millis(0.5) } }] }))
        .toThrow(/'http\[0\]\.retries\.perTryTimeout' must be at least 1ms/);
      expect(() => Fault.delay(Duration.millis(0))).toThrow(/Fault.delay: 'fixedDelay' must be at least 1ms/);
    });

    test('fails on unknown retry conditions, suggesting the closest', () => {
      expect(() => RetryOn.parse('5xx,connect-failur')).toThrow(/RetryOn.parse: 'value\[1\]' is not a retry condition Istio knows \(received: "connect-failur"\)\. Use one of .* Did you mean 'connect-failure'\?/);
      expect(() => RetryOn.parse('5xx,999')).toThrow(/'value\[1\]' must be an HTTP status code from 100 to 599/);
      expect(RetryOn.parse('5xx, reset ,503').value).toBe('5xx,reset,503');
      expect(RetryOn.statusCodes(503, 504).value).toBe('retriable-status-codes,503,504');
      expect(() => RetryOn.of()).toThrow(/RetryOn.of: 'conditions' must not be empty/);
      expect(() => RetryOn.of(RetryCondition.RESET).withStatusCodes(42)).toThrow(/'codes\[0\]' must be an HTTP status code/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], retries: { attempts: -1 } }] })).toThrow(/'http\[0\]\.retries\.attempts' must be a whole number of at least 0/);
    });

    test('fails on regular expressions RE2 cannot compile', () => {
      expect(() => StringMatch.regex('foo(?=bar)')).toThrow(/StringMatch.regex: 'value' must be an RE2 regular expression: it is not RE2 syntax: invalid or unsupported Perl syntax: `\(\?=` \(a lookahead, which RE2 does not support\)/);
      expect(() => StringMatch.regex('(?<!a)b')).toThrow(/a lookbehind, which RE2 does not support/);
      expect(() => StringMatch.regex('(a)\\1')).toThrow(/invalid escape sequence: `\\1` \(a backreference, which RE2 does not support\)/);
      expect(() => StringMatch.regex('(?<n>a)\\k<n>')).toThrow(/a named backreference, which RE2 does not support/);
      expect(() => HttpMatch.regex('(')).toThrow(/is not RE2 syntax: missing closing \)/);
      expect(() => StringMatch.regex('')).toThrow(/must not be empty/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], rewrite: { uriRegexRewrite: { match: '(?!x)', rewrite: '' } } }] }))
        .toThrow(/'http\[0\]\.rewrite\.uriRegexRewrite\.match' must be an RE2 regular expression: it is not RE2 syntax: .*a lookahead/);
      expect(StringMatch.regex('(?i)^/API/[\\d]+\\z').value).toBe('(?i)^/API/[\\d]+\\z');
      expect(StringMatch.regex('(?P<id>[a-z]+)[\\d]').kind).toBe('regex');
      // Go's regexp (istiod) and RE2 reject \1 inside a class too; JavaScript's RegExp took it.
      expect(() => StringMatch.regex('(?P<id>[a-z]+)[\\1]')).toThrow(/invalid escape sequence/);
    });

    test('fails on a TLS route without sniHosts', () => {
      expect(() => make({ hosts: ['r'], tls: [{ match: [{ sniHosts: [] }] }] })).toThrow(/'tls\[0\]\.match\[0\]\.sniHosts' must not be empty \(received: \[\]\)/);
      expect(() => make({ hosts: ['r'], tls: [{ match: [] }] })).toThrow(/'tls\[0\]\.match' must not be empty/);
      expect(() => make({ hosts: ['r'], tls: [{ match: [{ sniHosts: ['a b'] }] }] })).toThrow(/'tls\[0\]\.match\[0\]\.sniHosts\[0\]' must be a DNS name/);
    });

    test('fails on headers on TCP or TLS destinations', () => {
      const withHeaders = Destination.to('db', { headers: { request: { remove: ['x'] } } });
      expect(() => make({ hosts: ['r'], tcp: [{ route: [withHeaders] }] })).toThrow(/'tcp\[0\]\.route' must not carry headers/);
      expect(() => make({ hosts: ['r'], tls: [{ match: [{ sniHosts: ['a.b'] }], route: [withHeaders] }] })).toThrow(/'tls\[0\]\.route' must not carry headers/);
    });

    test('fails on conflicting or out-of-range route options', () => {
      expect(() => make({ hosts: ['r'], http: [{ redirect: { port: 80, derivePort: RedirectPortDerivation.FROM_PROTOCOL_DEFAULT } }] }))
        .toThrow(/'http\[0\]\.redirect\.derivePort' must not be set together with 'redirect\.port'/);
      expect(() => make({ hosts: ['r'], http: [{ redirect: { redirectCode: 200 } }] })).toThrow(/'http\[0\]\.redirect\.redirectCode' must be a redirect status/);
      expect(() => make({ hosts: ['r'], http: [{ directResponse: { status: 42 } }] })).toThrow(/'http\[0\]\.directResponse\.status' must be an HTTP status/);
      expect(() => make({ hosts: ['r'], http: [{ delegate: { name: '' } }] })).toThrow(/'http\[0\]\.delegate\.name' must not be empty/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], rewrite: { uri: '/a', uriRegexRewrite: { match: 'a', rewrite: 'b' } } }] }))
        .toThrow(/'http\[0\]\.rewrite\.uriRegexRewrite' must not be set together with 'rewrite\.uri'/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], mirrorPercentage: 10 }] })).toThrow(/'http\[0\]\.mirrorPercentage' needs 'mirror'/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], mirror: reviews(), mirrorPercentage: 101 }] })).toThrow(/must be a percentage from 0 to 100/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], mirror: reviews(), mirrors: [] }] })).toThrow(/'http\[0\]\.mirrors' must not be set together with 'mirror'/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], mirror: reviews({ weight: 5 }) }] })).toThrow(/'http\[0\]\.mirror' must not carry a weight or headers/);
      expect(() => make({ hosts: ['r'], http: [{ route: [reviews()], mirrors: [{ destination: reviews(), percentage: -1 }] }] }))
        .toThrow(/'http\[0\]\.mirrors\[0\]\.percentage' must be a percentage/);
    });

    test('fails on bad factory input', () => {
      expect(() => Destination.to('r', { subset: '' })).toThrow(/'subset' must not be empty/);
      expect(() => HttpMatch.prefix('/a', { uri: StringMatch.exact('/b') })).toThrow(/HttpMatch.prefix: 'options.uri' must not be set/);
      expect(() => HttpMatch.of({ headers: { '': StringMatch.exact('x') } })).toThrow(/'headers' must not have an empty name/);
      expect(() => Fault.abort(42)).toThrow(/Fault.abort: 'httpStatus' must be an HTTP status code/);
      expect(() => Fault.abort(503, 150)).toThrow(/'percentage' must be a percentage from 0 to 100/);
      expect(() => Fault.grpcAbort('unavailable')).toThrow(/Fault.grpcAbort: 'grpcStatus' must be a gRPC status name/);
      expect(() => Fault.abort(503).and(Fault.abort(500))).toThrow(/Fault.and: 'other' must not repeat a delay or an abort/);
    });
  });

  test('synthesizes through Testing.synth in a chart without namespace', () => {
    const c = new Chart(Testing.app(), 'plain');
    new VirtualService(c, 'vs', { hosts: ['reviews'], http: [{ route: [reviews()] }] });
    expect(synthOne(c, 'VirtualService').metadata.namespace).toBeUndefined();
  });

  describe('state', () => {
    test('keeps the route options as given: changing the object afterwards does not change the manifest', () => {
      const c = chart();
      const vs = new VirtualService(c, 'vs', { hosts: ['reviews'] });
      const options = { route: [reviews()], timeout: Duration.seconds(2), retries: { attempts: 3 } };
      vs.addHttpRoute(options);
      (options.retries as { attempts: number }).attempts = 9;
      options.timeout = Duration.seconds(9);
      expect(spec(c, 'VirtualService').http).toEqual([{ route: [{ destination: { host: 'reviews' } }], timeout: '2s', retries: { attempts: 3 } }]);
    });
  });
});
