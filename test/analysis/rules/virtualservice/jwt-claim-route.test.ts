import { findings, gateway, messages, suppress, suppressed, vs } from './_fixtures';
import { JWT_CLAIM_ROUTE_WITHOUT_REQUEST_AUTHN as RULE } from '../../../../lib/analysis/rules/virtualservice/jwt-claim-route';

const claimRoute = (header: string, annotations?: Record<string, string>, matchField = 'headers') => vs('web', {
  hosts: ['shop.example.com'],
  gateways: ['istio-system/edge'],
  http: [{ match: [{ [matchField]: { [header]: { exact: 'admin' } } }], route: [{ destination: { host: 'web' } }] }],
}, 'payments', annotations);
const authn = (ns: string, matchLabels: Record<string, string>) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'RequestAuthentication',
  metadata: { name: 'jwt', namespace: ns },
  spec: { selector: { matchLabels }, jwtRules: [{ issuer: 'https://issuer.example.com' }] },
});
const edge = gateway('edge', ['shop.example.com']);

describe('IST0149 JwtClaimBasedRoutingWithoutRequestAuthN', () => {
  test.each([
    ['a dotted claim header', '@request.auth.claims.role', 'headers'],
    ['a bracketed claim header', '@request.auth.claims[role]', 'headers'],
    ['a claim in withoutHeaders', '@request.auth.claims.role', 'withoutHeaders'],
  ])('reports %s with no RequestAuthentication on the gateway pods', (_, header, field) => {
    const manifests = [edge, claimRoute(header, undefined, field)];
    expect(findings(RULE, manifests)).toEqual(['IST0149 VirtualService payments/web']);
    expect(messages(RULE, manifests)[0]).toContain(`routes on JWT claim '${header}' through Gateway istio-system/edge`);
  });

  test('reports a RequestAuthentication that selects other pods', () => {
    expect(findings(RULE, [edge, authn('istio-system', { app: 'other' }), claimRoute('@request.auth.claims.role')]))
      .toEqual(['IST0149 VirtualService payments/web']);
  });

  test('accepts a RequestAuthentication on the gateway pods, and routes on ordinary headers', () => {
    expect(findings(RULE, [edge, authn('istio-system', { istio: 'ingressgateway' }), claimRoute('@request.auth.claims.role')])).toEqual([]);
    expect(findings(RULE, [edge, claimRoute('x-role')])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [edge, claimRoute('@request.auth.claims.role', suppress('IST0149'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0149 VirtualService payments/web']);
  });
});
