import { Testing } from 'cdk8s';
import { BackendRef, GatewayHttpMatch, GatewayHttpRoute, GatewayRedirectScheme, ParentRef } from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

describe('GatewayHttpRoute', () => {
  test('replaceParentRefs attaches the route to other parents, and fails on none', () => {
    const c = Testing.chart();
    const route = new GatewayHttpRoute(c, 'r', { metadata: { name: 'r' }, parentRefs: [ParentRef.gateway('public')], rules: [{ backendRefs: [BackendRef.service('api', { port: 8080 })] }] });
    route.replaceParentRefs([ParentRef.gateway('public', { sectionName: 'https' }), ParentRef.gateway('public', { sectionName: 'http' })]);
    expect(findObject(Testing.synth(c), 'HTTPRoute', 'r').spec.parentRefs.map((p: any) => p.sectionName)).toEqual(['https', 'http']);
    expect(errorOf(() => route.replaceParentRefs([]))).toContain('\'parentRefs\' must hold 1 to 32 parents');
  });

  describe('redirect and URL rewrite filters', () => {
    test('renders a RequestRedirect filter and a URLRewrite filter', () => {
      const c = Testing.chart();
      new GatewayHttpRoute(c, 'edge', {
        metadata: { name: 'edge' },
        parentRefs: [ParentRef.gateway('public', { sectionName: 'http' })],
        rules: [
          { redirect: { scheme: GatewayRedirectScheme.HTTPS, hostname: 'shop.example.com', port: 8443, statusCode: 308 } },
          {
            matches: [GatewayHttpMatch.pathPrefix('/api')],
            urlRewrite: { hostname: 'api.internal', replacePrefixMatch: '/' },
            backendRefs: [BackendRef.service('api', { port: 8080 })],
          },
        ],
      });
      const rules = findObject(Testing.synth(c), 'HTTPRoute', 'edge').spec.rules;
      expect(rules[0]).toEqual({ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', hostname: 'shop.example.com', port: 8443, statusCode: 308 } }] });
      expect(rules[1].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { hostname: 'api.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
    });

    test('fails for a redirect with backends or a rewrite, a bad status code, and a prefix rewrite without one prefix match', () => {
      const c = Testing.chart();
      const message = errorOf(() => new GatewayHttpRoute(c, 'bad', {
        parentRefs: [ParentRef.gateway('public')],
        rules: [
          { redirect: { statusCode: 304 }, urlRewrite: { hostname: 'a.example.com' }, backendRefs: [BackendRef.service('api', { port: 80 })] },
          { matches: [GatewayHttpMatch.exactPath('/a')], urlRewrite: { replacePrefixMatch: '/', replaceFullPath: '/b' } },
        ],
      }));
      expect(message).toContain('\'rules[0].redirect\' cannot be combined with backendRefs');
      expect(message).toContain('\'rules[0].redirect\' cannot be combined with urlRewrite');
      expect(message).toContain('\'rules[0].redirect.statusCode\' must be 301, 302, 303, 307 or 308 (received: 304)');
      expect(message).toContain('\'rules[1].urlRewrite\' must not set both replaceFullPath and replacePrefixMatch');
      expect(message).toContain('\'rules[1].urlRewrite.replacePrefixMatch\' needs a rule with exactly one match, a path prefix');
    });
  });
});
