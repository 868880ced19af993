import { App, Chart, Testing } from 'cdk8s';
import {
  AuthorizationAction, AuthorizationPolicy, AuthorizationRule, ConditionKey, HttpMethod, Identity, PolicyTargetRef, WorkloadSelector,
} from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'foo' });
}

function spec(c: Chart, name: string): any {
  const found = Testing.synth(c).find((o) => o.kind === 'AuthorizationPolicy' && o.metadata.name === name);
  if (!found) throw new Error(`no AuthorizationPolicy ${name}`);
  return found.spec;
}

/** The spec of one policy named 'policy' built from these props. */
function render(props: ConstructorParameters<typeof AuthorizationPolicy>[2]): any {
  const c = chart();
  new AuthorizationPolicy(c, 'policy', { metadata: { name: 'policy' }, ...props });
  return spec(c, 'policy');
}

const selector = WorkloadSelector.labels({ app: 'httpbin' });
const getOnly: AuthorizationRule = { to: [{ methods: [HttpMethod.GET] }] };

describe('AuthorizationPolicy', () => {
  test('creates one security.istio.io/v1 AuthorizationPolicy as its Resource child', () => {
    const c = chart();
    const policy = new AuthorizationPolicy(c, 'policy', { metadata: { name: 'policy' }, rules: [getOnly] });
    const manifests = Testing.synth(c);
    expect(manifests.map((m) => `${m.apiVersion} ${m.kind}`)).toEqual(['security.istio.io/v1 AuthorizationPolicy']);
    expect(policy.apiObject.node.id).toBe('Resource');
    expect(policy.action).toBe(AuthorizationAction.ALLOW);
  });

  test('leaves the action out unless given (Istio defaults to ALLOW)', () => {
    expect(render({ rules: [getOnly] })).toEqual({ rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
  });

  test.each([AuthorizationAction.ALLOW, AuthorizationAction.DENY, AuthorizationAction.AUDIT])('renders action %s', (action) => {
    expect(render({ action, rules: [getOnly] }).action).toBe(action);
  });

  test('renders CUSTOM with its provider', () => {
    expect(render({ action: AuthorizationAction.CUSTOM, provider: 'ext-authz', rules: [getOnly] }))
      .toMatchObject({ action: 'CUSTOM', provider: { name: 'ext-authz' } });
  });

  test('renders the selector as selector.matchLabels', () => {
    expect(render({ selector, rules: [getOnly] }).selector).toEqual({ matchLabels: { app: 'httpbin' } });
  });

  test('renders targetRefs', () => {
    expect(render({ targetRefs: [PolicyTargetRef.gateway('ingress')], rules: [getOnly] }).targetRefs)
      .toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress' }]);
  });

  test('renders every source field, identities as principals and namespaces', () => {
    const rule: AuthorizationRule = {
      from: [{
        principals: [Identity.fromNames('frontend', 'frontend-sa'), Identity.namespace('web'), Identity.anyAuthenticated()],
        notPrincipals: [Identity.principal('cluster.local/ns/frontend/sa/legacy')],
        requestPrincipals: ['issuer/subject'],
        notRequestPrincipals: ['issuer/banned'],
        namespaces: [Identity.namespace('monitoring'), Identity.anyAuthenticated()],
        notNamespaces: [Identity.namespace('sandbox-*')],
        trustDomains: ['cluster.local'],
        notTrustDomains: ['untrusted'],
        ipBlocks: ['10.0.0.1', '10.1.0.0/16'],
        notIpBlocks: ['10.1.2.0/24'],
        remoteIpBlocks: ['2001:db8::/32'],
        notRemoteIpBlocks: ['192.168.0.1'],
      }],
    };
    expect(render({ rules: [rule] }).rules[0].from[0].source).toEqual({
      principals: ['cluster.local/ns/frontend/sa/frontend-sa', 'cluster.local/ns/web/sa/*', '*'],
      notPrincipals: ['cluster.local/ns/frontend/sa/legacy'],
      requestPrincipals: ['issuer/subject'],
      notRequestPrincipals: ['issuer/banned'],
      namespaces: ['monitoring', '*'],
      notNamespaces: ['sandbox-*'],
      trustDomains: ['cluster.local'],
      notTrustDomains: ['untrusted'],
      ipBlocks: ['10.0.0.1', '10.1.0.0/16'],
      notIpBlocks: ['10.1.2.0/24'],
      remoteIpBlocks: ['2001:db8::/32'],
      notRemoteIpBlocks: ['192.168.0.1'],
    });
  });

  test('renders service accounts', () => {
    expect(render({ rules: [{ from: [{ serviceAccounts: ['my-ns/my-sa', 'sa-only'], notServiceAccounts: ['my-ns/other'] }] }] }).rules[0].from[0].source)
      .toEqual({ serviceAccounts: ['my-ns/my-sa', 'sa-only'], notServiceAccounts: ['my-ns/other'] });
  });

  test('renders every operation field, ports as strings', () => {
    const rule: AuthorizationRule = {
      to: [{
        methods: [HttpMethod.GET, HttpMethod.POST],
        notMethods: [HttpMethod.DELETE],
        paths: ['/api/*', '*/admin', '*', '/items/{*}', '/{**}/edit'],
        notPaths: ['/api/internal'],
        hosts: ['example.com', '*.example.com'],
        notHosts: ['admin.example.com'],
        ports: [8080],
        notPorts: [9090],
      }],
    };
    expect(render({ rules: [rule] }).rules[0].to[0].operation).toEqual({
      methods: ['GET', 'POST'],
      notMethods: ['DELETE'],
      paths: ['/api/*', '*/admin', '*', '/items/{*}', '/{**}/edit'],
      notPaths: ['/api/internal'],
      hosts: ['example.com', '*.example.com'],
      notHosts: ['admin.example.com'],
      ports: ['8080'],
      notPorts: ['9090'],
    });
  });

  test('renders conditions with typed keys, values and notValues', () => {
    const when = [
      { key: ConditionKey.requestAuthClaims('iss'), values: ['https://accounts.google.com'] },
      { key: ConditionKey.requestAuthClaims('nested1', 'nested2'), values: ['x'] },
      { key: ConditionKey.REQUEST_AUTH_PRINCIPAL, values: ['iss/sub'] },
      { key: ConditionKey.REQUEST_AUTH_AUDIENCES, values: ['aud'] },
      { key: ConditionKey.REQUEST_AUTH_PRESENTER, values: ['azp'] },
      { key: ConditionKey.SOURCE_IP, values: ['10.0.0.0/8'] },
      { key: ConditionKey.REMOTE_IP, notValues: ['1.2.3.4'] },
      { key: ConditionKey.SOURCE_NAMESPACE, values: ['ns'] },
      { key: ConditionKey.SOURCE_PRINCIPAL, values: ['cluster.local/ns/a/sa/b'] },
      { key: ConditionKey.requestHeader('x-token'), values: ['admin'], notValues: ['guest'] },
      { key: ConditionKey.DESTINATION_IP, values: ['10.0.0.1'] },
      { key: ConditionKey.DESTINATION_PORT, values: ['8080'] },
      { key: ConditionKey.CONNECTION_SNI, values: ['*.example.com'] },
      { key: ConditionKey.experimentalEnvoyFilters('experimental.envoy.filters.a.b[c]'), values: ['x'] },
    ];
    expect(render({ rules: [{ when }] }).rules[0].when).toEqual([
      { key: 'request.auth.claims[iss]', values: ['https://accounts.google.com'] },
      { key: 'request.auth.claims[nested1][nested2]', values: ['x'] },
      { key: 'request.auth.principal', values: ['iss/sub'] },
      { key: 'request.auth.audiences', values: ['aud'] },
      { key: 'request.auth.presenter', values: ['azp'] },
      { key: 'source.ip', values: ['10.0.0.0/8'] },
      { key: 'remote.ip', notValues: ['1.2.3.4'] },
      { key: 'source.namespace', values: ['ns'] },
      { key: 'source.principal', values: ['cluster.local/ns/a/sa/b'] },
      { key: 'request.headers[x-token]', values: ['admin'], notValues: ['guest'] },
      { key: 'destination.ip', values: ['10.0.0.1'] },
      { key: 'destination.port', values: ['8080'] },
      { key: 'connection.sni', values: ['*.example.com'] },
      { key: 'experimental.envoy.filters.a.b[c]', values: ['x'] },
    ]);
  });

  test('adds rules after construction', () => {
    const c = chart();
    const policy = new AuthorizationPolicy(c, 'policy', { metadata: { name: 'policy' }, rules: [getOnly] });
    policy.addRule({ from: [{ principals: [Identity.fromNames('monitoring', 'prometheus')] }], to: [{ paths: ['/metrics'] }] });
    expect(spec(c, 'policy').rules).toEqual([
      { to: [{ operation: { methods: ['GET'] } }] },
      { from: [{ source: { principals: ['cluster.local/ns/monitoring/sa/prometheus'] } }], to: [{ operation: { paths: ['/metrics'] } }] },
    ]);
  });

  test('copies its inputs, so later changes to the caller\'s lists do not leak in', () => {
    const c = chart();
    const paths = ['/a'];
    new AuthorizationPolicy(c, 'policy', { metadata: { name: 'policy' }, rules: [{ to: [{ paths }] }] });
    const rendered = spec(c, 'policy');
    paths.push('/b');
    expect(rendered.rules[0].to[0].operation.paths).toEqual(['/a']);
  });

  describe('factories', () => {
    test('allowNothing renders an empty spec, which denies everything in scope', () => {
      const c = chart();
      AuthorizationPolicy.allowNothing(c, 'allow-nothing', { metadata: { name: 'allow-nothing' } });
      expect(spec(c, 'allow-nothing')).toEqual({});
      expect(c.node.findAll().flatMap((n) => n.node.validate())).toEqual([]);
    });

    test('allowNothing keeps its selector', () => {
      const c = chart();
      AuthorizationPolicy.allowNothing(c, 'p', { metadata: { name: 'p' }, selector });
      expect(spec(c, 'p')).toEqual({ selector: { matchLabels: { app: 'httpbin' } } });
    });

    test('denyAll renders DENY with one empty rule', () => {
      const c = chart();
      const policy = AuthorizationPolicy.denyAll(c, 'deny-all', { metadata: { name: 'deny-all' } });
      expect(spec(c, 'deny-all')).toEqual({ action: 'DENY', rules: [{}] });
      expect(policy.action).toBe(AuthorizationAction.DENY);
    });

    test('allowAll renders ALLOW with one empty rule', () => {
      const c = chart();
      AuthorizationPolicy.allowAll(c, 'allow-all', { metadata: { name: 'allow-all' }, targetRefs: [PolicyTargetRef.service('web')] });
      expect(spec(c, 'allow-all')).toEqual({ action: 'ALLOW', rules: [{}], targetRefs: [{ group: '', kind: 'Service', name: 'web' }] });
    });

    test('allowAll records its intent as a CI0004 suppression for the mesh analysis', () => {
      const c = chart();
      AuthorizationPolicy.allowAll(c, 'allow-all', { metadata: { name: 'allow-all' } });
      const [policy] = Testing.synth(c);
      expect(JSON.parse(policy.metadata.annotations['cdk8s-istio.analysis/suppress'])).toEqual([
        { id: 'CI0004', reason: 'explicit AuthorizationPolicy.allowAll(): allowing every request is intended' },
      ]);
    });

    test.each([
      ['allowNothing', AuthorizationPolicy.allowNothing, 'Keep the allow-nothing policy as it is and create a separate AuthorizationPolicy'],
      ['denyAll', AuthorizationPolicy.denyAll, 'It already matches every request'],
      ['allowAll', AuthorizationPolicy.allowAll, 'It already matches every request'],
    ])('a policy made with %s takes no more rules', (name, factory, fix) => {
      const policy = factory(chart(), 'p');
      expect(() => policy.addRule(getOnly)).toThrow(`cannot be added to a policy made with AuthorizationPolicy.${name}()`);
      expect(() => policy.addRule(getOnly)).toThrow(fix);
    });
  });

  describe('errors', () => {
    test('fails on an ALLOW rule that matches everything, pointing to allowAll()', () => {
      expect(() => render({ rules: [{}] })).toThrow(
        "AuthorizationPolicy 'test/policy': 'rules[0]' matches every request, so this ALLOW policy would allow everything (received: {}). "
        + 'Narrow the rule with from, to or when; if allowing everything is intended, use AuthorizationPolicy.allowAll().');
    });

    test('fails on an ALLOW rule whose from, to and when are all empty lists', () => {
      expect(() => render({ action: AuthorizationAction.ALLOW, rules: [{ from: [], to: [], when: [] }] })).toThrow("'rules[0]' matches every request");
    });

    test('fails on an ALLOW rule added later that matches everything', () => {
      const policy = new AuthorizationPolicy(chart(), 'policy', { rules: [getOnly] });
      expect(() => policy.addRule({})).toThrow("AuthorizationPolicy 'test/policy': 'rules[1]' matches every request");
    });

    test('fails on a DENY rule that matches everything, pointing to denyAll()', () => {
      expect(() => render({ action: AuthorizationAction.DENY, rules: [{}] })).toThrow('if denying everything is intended, use AuthorizationPolicy.denyAll()');
    });

    test('accepts an AUDIT rule that matches everything', () => {
      expect(render({ action: AuthorizationAction.AUDIT, rules: [{}] })).toEqual({ action: 'AUDIT', rules: [{}] });
    });

    test('fails on an empty source or operation, which would match anything', () => {
      expect(() => render({ rules: [{ from: [{}], to: [{ methods: [HttpMethod.GET] }] }] }))
        .toThrow("'rules[0].from[0]' is empty, so it matches every source (received: {}). Give at least one field, or leave 'from' out");
      expect(() => render({ rules: [{ from: [{ ipBlocks: ['1.2.3.4'] }], to: [{ paths: [] }] }] }))
        .toThrow("'rules[0].to[0]' is empty, so it matches every operation");
    });

    test('fails on a path without a leading slash, with the fix', () => {
      expect(() => render({ rules: [{ to: [{ paths: ['api/payments'] }] }] })).toThrow(
        "AuthorizationPolicy 'test/policy': 'rules[0].to[0].paths[0]' must start with '/' (received: \"api/payments\"). Write it as '/api/payments'.");
    });

    test.each([
      ['', "must be a path starting with '/'"],
      ['/api/*/items', "has '*' in the middle, which Istio matches literally"],
      ['/api/{id}', "has a path template segment '{id}' that is not '{*}' or '{**}'"],
      ['/api/x{*}', "has a path template segment 'x{*}'"],
      ['/{**}/a/{*}', "uses '{**}' before another operator"],
      ['*{*}', "must start with '/'"],
    ])('fails on the path %j', (path, fragment) => {
      expect(() => render({ rules: [{ to: [{ notPaths: [path] }] }] })).toThrow(`'rules[0].to[0].notPaths[0]' ${fragment}`);
    });

    test('fails on an HTTP method that does not exist, with "Did you mean"', () => {
      expect(() => render({ rules: [{ to: [{ methods: ['GTE' as HttpMethod] }] }] })).toThrow(
        "'rules[0].to[0].methods[0]' must be an HTTP method (received: \"GTE\"). "
        + "Use a member of HttpMethod (GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH). Did you mean 'GET'?");
      expect(() => render({ rules: [{ to: [{ notMethods: ['post' as HttpMethod] }] }] })).toThrow("Did you mean 'POST'?");
    });

    test.each([0, 70000, 1.5])('fails on port %p', (port) => {
      expect(() => render({ rules: [{ to: [{ ports: [port] }] }] })).toThrow(`'rules[0].to[0].ports[0]' must be a port number from 1 to 65535 (received: ${port})`);
    });

    test('fails on a host with a wildcard in the middle', () => {
      expect(() => render({ rules: [{ to: [{ hosts: ['api.*.com'] }] }] })).toThrow("'rules[0].to[0].hosts[0]' must be a host name, with '*' only at its start or end");
    });

    test('fails on selector together with targetRefs', () => {
      expect(() => render({ selector, targetRefs: [PolicyTargetRef.service('web')], rules: [getOnly] })).toThrow(
        "'selector' cannot be set together with 'targetRefs': Istio accepts only one of the two (received: {\"app\":\"httpbin\"})");
    });

    test('fails on a targetRef in another namespace, and on more than 16', () => {
      expect(() => render({ targetRefs: [PolicyTargetRef.service('web', 'other')], rules: [getOnly] }))
        .toThrow("'targetRefs[0].namespace' must be empty: Istio does not support cross-namespace references here (received: \"other\")");
      const many = Array.from({ length: 17 }, (_, i) => PolicyTargetRef.service(`s${i}`));
      expect(() => render({ targetRefs: many, rules: [getOnly] })).toThrow("'targetRefs' must hold at most 16 references");
    });

    test('fails on CUSTOM without a provider', () => {
      expect(() => render({ action: AuthorizationAction.CUSTOM, rules: [getOnly] })).toThrow(
        "'provider' must name an extension provider for the CUSTOM action (received: undefined)");
    });

    test('fails on a provider without the CUSTOM action', () => {
      expect(() => render({ provider: 'ext-authz', rules: [getOnly] })).toThrow(
        "'provider' is only used with the CUSTOM action (action: ALLOW, the default) (received: \"ext-authz\"). Set action: AuthorizationAction.CUSTOM");
      expect(() => render({ action: AuthorizationAction.DENY, provider: 'x', rules: [getOnly] })).toThrow('(action: DENY)');
    });

    test('fails on an action that does not exist', () => {
      expect(() => render({ action: 'DENNY' as AuthorizationAction, rules: [getOnly] })).toThrow("'action' must be one of ALLOW, DENY, AUDIT, CUSTOM (received: \"DENNY\"). Use a member of AuthorizationAction. Did you mean 'DENY'?");
    });

    test('fails on a service account identity in namespaces, which would admit its whole namespace', () => {
      expect(() => render({ rules: [{ from: [{ namespaces: [Identity.fromNames('frontend', 'web')] }] }] })).toThrow(
        "'rules[0].from[0].namespaces[0]' must be a namespace identity: a service account in namespaces would admit its whole namespace "
        + "(received: \"cluster.local/ns/frontend/sa/web\"). Put it in 'principals', or use Identity.namespace('frontend')");
      expect(() => render({ rules: [{ from: [{ notNamespaces: [Identity.principal('cluster.local/*')] }] }] }))
        .toThrow("Use Identity.namespace('<namespace>'), or put the identity in 'principals'.");
    });

    test('fails on a principal that is not an Identity', () => {
      expect(() => render({ rules: [{ from: [{ principals: ['cluster.local/ns/a/sa/b' as any] }] }] }))
        .toThrow("'rules[0].from[0].principals[0]' must be an Identity");
    });

    test('fails on serviceAccounts combined with principals, and on a malformed service account', () => {
      expect(() => render({ rules: [{ from: [{ serviceAccounts: ['a/b'], principals: [Identity.fromNames('a', 'b')] }] }] }))
        .toThrow("'rules[0].from[0].serviceAccounts' cannot be combined with principals or namespaces");
      expect(() => render({ rules: [{ from: [{ serviceAccounts: ['a/b/c'] }] }] })).toThrow("must be '<namespace>/<name>' or '<name>' of a service account");
    });

    test.each(['10.0.0.300', '10.0.0.0/33', 'fe80::/129', 'host', '1.2.3.4/8/9'])('fails on the IP block %j', (block) => {
      expect(() => render({ rules: [{ from: [{ remoteIpBlocks: [block] }] }] })).toThrow("'rules[0].from[0].remoteIpBlocks[0]' must be an IP address or CIDR block");
    });

    test('fails on a condition without values', () => {
      expect(() => render({ rules: [{ when: [{ key: ConditionKey.SOURCE_IP }] }] }))
        .toThrow("'rules[0].when[0]' has neither values nor notValues, which Istio rejects (received: \"source.ip\")");
    });

    test('fails on condition values of the wrong form for their key', () => {
      expect(() => render({ rules: [{ when: [{ key: ConditionKey.DESTINATION_IP, values: ['x'] }] }] }))
        .toThrow("'rules[0].when[0].values[0]' must be an IP address or CIDR block for destination.ip");
      expect(() => render({ rules: [{ when: [{ key: ConditionKey.DESTINATION_PORT, notValues: ['http'] }] }] }))
        .toThrow("'rules[0].when[0].notValues[0]' must be a port number from 1 to 65535 (received: \"http\"). Write the destination.port value");
      expect(() => render({ rules: [{ when: [{ key: ConditionKey.SOURCE_PRINCIPAL, values: ['spiffe://cluster.local/ns/a/sa/b'] }] }] }))
        .toThrow("must not start with 'spiffe://': Istio matches principals without the scheme (received: \"spiffe://cluster.local/ns/a/sa/b\"). Write it as 'cluster.local/ns/a/sa/b'.");
    });

    test('fails on a condition key that is not a ConditionKey', () => {
      expect(() => render({ rules: [{ when: [{ key: 'source.ip' as any, values: ['1.2.3.4'] }] }] })).toThrow("'rules[0].when[0].key' must be a ConditionKey");
    });

    test('fails on malformed condition keys', () => {
      expect(() => ConditionKey.requestHeader('x[1]')).toThrow("ConditionKey.requestHeader: 'name' must be a header name without brackets");
      expect(() => ConditionKey.requestAuthClaims('groups', '')).toThrow("ConditionKey.requestAuthClaims: 'claim[1]' must be a claim name without brackets");
      expect(() => ConditionKey.experimentalEnvoyFilters('envoy.filters.a[b]')).toThrow(
        "ConditionKey.experimentalEnvoyFilters: 'key' must start with 'experimental.envoy.filters.' and name a filter (received: \"envoy.filters.a[b]\"). "
        + "Write it as 'experimental.envoy.filters.envoy.filters.a[b]'.");
    });

    test('reports every problem of the constructor at once', () => {
      expect(() => render({ provider: 'x', rules: [{ to: [{ paths: ['a'], methods: ['GTE' as HttpMethod] }] }] }))
        .toThrow("AuthorizationPolicy 'test/policy' has 3 problems:");
    });
  });

  describe('synth-time validation', () => {
    test('fails when an ALLOW policy has no rules at synth, pointing to allowNothing()', () => {
      const c = chart();
      const policy = new AuthorizationPolicy(c, 'policy');
      expect(policy.node.validate()).toEqual([
        "AuthorizationPolicy 'test/policy': 'rules' is empty, so this ALLOW policy allows nothing and denies every request in scope (received: []). "
        + 'Add rules with addRule(); if denying everything is intended, use AuthorizationPolicy.allowNothing().',
      ]);
      expect(() => (c.node.root as App).synth()).toThrow('allows nothing');
    });

    test('fails when a DENY policy has no rules at synth', () => {
      const policy = new AuthorizationPolicy(chart(), 'policy', { action: AuthorizationAction.DENY });
      expect(policy.node.validate()).toEqual([expect.stringContaining("'rules' is empty, so this DENY policy matches no request and has no effect")]);
    });

    test('passes once a rule was added after construction', () => {
      const policy = new AuthorizationPolicy(chart(), 'policy');
      policy.addRule(getOnly);
      expect(policy.node.validate()).toEqual([]);
    });
  });
});
