import { findings, messages, rule, suppress, suppressed, vs } from './_fixtures';
import { VIRTUALSERVICE_INEFFECTIVE_MATCH as RULE } from '../../../../lib/analysis/rules/schema/virtualservice-ineffective-match';

const prefix = (p: string, extra: any = {}) => ({ uri: { prefix: p }, ...extra });

describe('IST0131 VirtualServiceIneffectiveMatch', () => {
  test('reports a match repeating an earlier rule', () => {
    const manifests = [vs('web', { hosts: ['web'], http: [rule([prefix('/api')], 'first'), rule([prefix('/api'), prefix('/b')])] })];
    expect(findings(RULE, manifests)).toEqual(['IST0131 VirtualService payments/web']);
    expect(messages(RULE, manifests)[0]).toContain('rule #1 match #0 is never used: rule "first" already matches it');
  });

  test('reports a longer prefix after a shorter one with the same conditions, in one rule or two', () => {
    const get = { method: { exact: 'GET' } };
    expect(findings(RULE, [vs('one', { hosts: ['web'], http: [rule([prefix('/api/v1/product', get), prefix('/api/v1/products', get)])] })]))
      .toEqual(['IST0131 VirtualService payments/one']);
    expect(findings(RULE, [vs('two', { hosts: ['web'], http: [rule([prefix('/api/v1/product')]), rule([prefix('/api/v1/products', get)])] })]))
      .toEqual(['IST0131 VirtualService payments/two']);
  });

  test('reports a repeated TCP match', () => {
    const tcp = [{ match: [{ port: 31400 }], route: [] }, { match: [{ port: 31400 }, { port: 31401 }], route: [] }];
    expect(findings(RULE, [vs('web', { hosts: ['*'], gateways: ['edge'], tcp })])).toEqual(['IST0131 VirtualService payments/web']);
  });

  test('accepts the longer prefix first, and a different method or header', () => {
    expect(findings(RULE, [vs('a', { hosts: ['web'], http: [rule([prefix('/api/v1/products')]), rule([prefix('/api/v1/product')])] })])).toEqual([]);
    expect(findings(RULE, [vs('b', {
      hosts: ['web'],
      http: [rule([prefix('/api', { method: { exact: 'GET' } })]),
        rule([prefix('/api/v1', { method: { exact: 'POST' } })])],
    })])).toEqual([]);
    expect(findings(RULE, [vs('c', {
      hosts: ['web'],
      http: [rule([prefix('/api')]),
        rule([prefix('/api/v1', { headers: { 'x-canary': { exact: 'true' } } })])],
    })])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [vs('web', { hosts: ['web'], http: [rule([prefix('/api')]), rule([prefix('/api'), prefix('/b')])] }, suppress('IST0131'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0131 VirtualService payments/web']);
  });
});
