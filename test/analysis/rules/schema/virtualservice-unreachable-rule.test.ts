import { findings, messages, rule, suppress, suppressed, vs } from './_fixtures';
import { VIRTUALSERVICE_UNREACHABLE_RULE as RULE } from '../../../../lib/analysis/rules/schema/virtualservice-unreachable-rule';

const api = { uri: { prefix: '/api' } };

describe('IST0130 VirtualServiceUnreachableRule', () => {
  test('reports a second rule without matches', () => {
    const manifests = [vs('web', { hosts: ['web'], http: [rule(undefined), rule(undefined)] })];
    expect(findings(RULE, manifests)).toEqual(['IST0130 VirtualService payments/web']);
    expect(messages(RULE, manifests)[0]).toContain('http rule #1 is never used: only the last rule can have no matches');
  });

  test('reports a rule after a catch-all rule', () => {
    const manifests = [vs('web', { hosts: ['web'], http: [rule(undefined), rule([api, { uri: { prefix: '/b' } }], 'api')] })];
    expect(findings(RULE, manifests)).toEqual(['IST0130 VirtualService payments/web']);
    expect(messages(RULE, manifests)[0]).toContain('rule "api" is never used: a rule without matches comes before it');
  });

  test('reports a rule whose matches all repeat earlier ones, ignoring match names', () => {
    const manifests = [vs('web', { hosts: ['web'], http: [rule([{ name: 'first', ...api }]), rule([api])] })];
    expect(findings(RULE, manifests)).toEqual(['IST0130 VirtualService payments/web']);
    expect(messages(RULE, manifests)[0]).toContain('earlier rules already take all its matches');
  });

  test.each([
    ['tcp', [{ match: [{ port: 31400 }], route: [] }, { match: [{ port: 31400 }], route: [] }]],
    ['tls', [{ match: [{ port: 443, sniHosts: ['a.com'] }], route: [] }, { match: [{ sniHosts: ['a.com'], port: 443 }], route: [] }]],
  ])('reports a repeated %s rule', (section, rules) => {
    expect(findings(RULE, [vs('web', { hosts: ['web'], [section]: rules })])).toEqual(['IST0130 VirtualService payments/web']);
  });

  test('accepts a catch-all last and rules with new matches', () => {
    expect(findings(RULE, [vs('web', { hosts: ['web'], http: [rule([api]), rule([api, { uri: { prefix: '/b' } }]), rule(undefined)] })])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [vs('web', { hosts: ['web'], http: [rule(undefined), rule(undefined)] }, suppress('IST0130'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0130 VirtualService payments/web']);
  });
});
