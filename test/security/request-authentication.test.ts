import { Chart, Duration, Testing } from 'cdk8s';
import { JwtRule, PolicyTargetRef, RequestAuthentication, WorkloadSelector } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'foo' });
}

function spec(c: Chart, name: string): any {
  const found = Testing.synth(c).find((o) => o.kind === 'RequestAuthentication' && o.metadata.name === name);
  if (!found) throw new Error(`no RequestAuthentication ${name}`);
  return found.spec;
}

function render(props: ConstructorParameters<typeof RequestAuthentication>[2]): any {
  const c = chart();
  new RequestAuthentication(c, 'jwt', { metadata: { name: 'jwt' }, ...props });
  return spec(c, 'jwt');
}

const rule: JwtRule = { issuer: 'testing@secure.istio.io', jwksUri: 'https://example.com/jwks.json' };
const JWKS = JSON.stringify({ keys: [{ kty: 'RSA', e: 'AQAB', n: 'xyz', kid: 'k1' }] });

describe('RequestAuthentication', () => {
  test('creates one security.istio.io/v1 RequestAuthentication as its Resource child', () => {
    const c = chart();
    const ra = new RequestAuthentication(c, 'jwt', { metadata: { name: 'jwt' }, jwtRules: [rule] });
    expect(Testing.synth(c).map((m) => `${m.apiVersion} ${m.kind}`)).toEqual(['security.istio.io/v1 RequestAuthentication']);
    expect(ra.apiObject.node.id).toBe('Resource');
    expect(spec(c, 'jwt')).toEqual({ jwtRules: [{ issuer: 'testing@secure.istio.io', jwksUri: 'https://example.com/jwks.json' }] });
  });

  test('renders every JWT rule field, the timeout as an Istio duration', () => {
    expect(render({
      jwtRules: [{
        issuer: 'https://accounts.example.com',
        jwks: JWKS,
        audiences: ['bookstore', 'admin'],
        fromHeaders: [{ name: 'x-jwt-assertion', prefix: 'Bearer ' }, { name: 'x-goog-iap-jwt-assertion' }],
        fromParams: ['my_token'],
        fromCookies: ['session'],
        outputPayloadToHeader: 'x-jwt-payload',
        outputClaimToHeaders: [{ header: 'x-jwt-claim-group', claim: 'group' }],
        forwardOriginalToken: true,
        timeout: Duration.millis(1500),
        spaceDelimitedClaims: ['roles'],
      }],
    }).jwtRules).toEqual([{
      issuer: 'https://accounts.example.com',
      jwks: JWKS,
      audiences: ['bookstore', 'admin'],
      fromHeaders: [{ name: 'x-jwt-assertion', prefix: 'Bearer ' }, { name: 'x-goog-iap-jwt-assertion' }],
      fromParams: ['my_token'],
      fromCookies: ['session'],
      outputPayloadToHeader: 'x-jwt-payload',
      outputClaimToHeaders: [{ header: 'x-jwt-claim-group', claim: 'group' }],
      forwardOriginalToken: true,
      timeout: '1.5s',
      spaceDelimitedClaims: ['roles'],
    }]);
  });

  test('renders the selector as selector.matchLabels, or targetRefs', () => {
    expect(render({ jwtRules: [rule], selector: WorkloadSelector.labels({ istio: 'ingressgateway' }) }).selector)
      .toEqual({ matchLabels: { istio: 'ingressgateway' } });
    expect(render({ jwtRules: [rule], targetRefs: [PolicyTargetRef.gateway('ingress')] }).targetRefs)
      .toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress' }]);
  });

  test('adds JWT rules after construction', () => {
    const c = chart();
    const ra = new RequestAuthentication(c, 'jwt', { metadata: { name: 'jwt' } });
    ra.addJwtRule(rule);
    ra.addJwtRule({ issuer: 'other' });
    expect(spec(c, 'jwt').jwtRules).toEqual([rule, { issuer: 'other' }]);
    expect(ra.node.validate()).toEqual([]);
  });

  test('fails at synth when it has no JWT rule', () => {
    const ra = new RequestAuthentication(chart(), 'jwt');
    expect(ra.node.validate()).toEqual(["RequestAuthentication 'test/jwt': 'jwtRules' is empty, so the policy verifies no token (received: []). "
      + 'Add a JWT rule with addJwtRule(), or remove the policy.']);
  });

  describe('errors', () => {
    test('fails on selector together with targetRefs', () => {
      expect(() => render({ jwtRules: [rule], selector: WorkloadSelector.labels({ a: 'b' }), targetRefs: [PolicyTargetRef.service('s')] }))
        .toThrow("RequestAuthentication 'test/jwt': 'selector' cannot be set together with 'targetRefs'");
    });

    test('fails on a missing issuer', () => {
      expect(() => render({ jwtRules: [{ issuer: '' }] })).toThrow("'jwtRules[0].issuer' must name the token issuer (received: \"\")");
    });

    test('fails on jwks together with jwksUri', () => {
      expect(() => render({ jwtRules: [{ ...rule, jwks: JWKS }] })).toThrow("'jwtRules[0].jwks' cannot be set together with jwksUri: Istio accepts only one");
    });

    test('fails on a jwksUri that is not http or https, with the fix', () => {
      expect(() => render({ jwtRules: [{ issuer: 'i', jwksUri: 'ftp://example.com/jwks.json' }] }))
        .toThrow("'jwtRules[0].jwksUri' must be an http:// or https:// URL (received: \"ftp://example.com/jwks.json\"). Write it as 'https://example.com/jwks.json'.");
    });

    test('fails on inline jwks that is not a key set', () => {
      expect(() => render({ jwtRules: [{ issuer: 'i', jwks: '{"kty":"RSA"}' }] })).toThrow("'jwtRules[0].jwks' must be a JSON Web Key Set");
      expect(() => render({ jwtRules: [{ issuer: 'i', jwks: 'not json' }] })).toThrow("'jwtRules[0].jwks' must be a JSON Web Key Set");
    });

    test('fails on empty list entries and header names', () => {
      expect(() => render({ jwtRules: [{ ...rule, audiences: [''] }] })).toThrow("'jwtRules[0].audiences[0]' must not be empty");
      expect(() => render({ jwtRules: [{ ...rule, fromHeaders: [{ name: '' }] }] })).toThrow("'jwtRules[0].fromHeaders[0].name' must name a header");
    });

    test('fails on a claim header with characters Istio rejects', () => {
      expect(() => render({ jwtRules: [{ ...rule, outputClaimToHeaders: [{ header: 'x jwt', claim: '' }] }] }))
        .toThrow("'jwtRules[0].outputClaimToHeaders[0].header' must be a header name of letters, digits, '-' and '_'");
      expect(() => render({ jwtRules: [{ ...rule, outputClaimToHeaders: [{ header: 'x', claim: '' }] }] }))
        .toThrow("'jwtRules[0].outputClaimToHeaders[0].claim' must name a claim");
    });

    test('fails on a timeout shorter than 1ms', () => {
      expect(() => render({ jwtRules: [{ ...rule, timeout: Duration.millis(0) }] })).toThrow("'jwtRules[0].timeout' must be a whole number of milliseconds, at least 1ms");
    });

    test('fails on a bad rule added after construction, under its index', () => {
      const ra = new RequestAuthentication(chart(), 'jwt', { jwtRules: [rule] });
      expect(() => ra.addJwtRule({ issuer: '' })).toThrow("'jwtRules[1].issuer' must name the token issuer");
    });
  });
});
