/**
 * The pinned CRDs' validators are generated ahead of time: validating with them compiles nothing, so ajv's
 * compiler (and this package's module that drives it) never loads.
 */
describe('validation with the shipped validators', () => {
  test('does not load the ajv compiler', () => {
    jest.isolateModules(() => {
      jest.doMock('ajv', () => { throw new Error('the ajv compiler was loaded'); });
      jest.doMock('../../../lib/analysis/schema/_ajv', () => { throw new Error('lib/analysis/schema/_ajv was loaded'); });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { _CrdSchemaValidator } = require('../../../lib/analysis/schema/_validator');
      const problems = _CrdSchemaValidator.get().validate({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'reviews', namespace: 'bookinfo' },
        spec: { hosts: ['reviews'], http: [{ timeout: '0.1ms', route: [{ destination: { host: 'reviews' }, weight: '90' }] }] },
      });
      expect(problems.map((p: any) => `${p.path}: ${p.message}`)).toEqual([
        '/spec/http/0/route/0/weight: must be integer (received: "90")',
        expect.stringMatching(/^\/spec\/http\/0\/timeout: must be a valid duration greater than 1ms/),
      ]);
    });
  });

  test('applies the schema defaults before the CEL rules (Gateway TLS mode defaults to Terminate)', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { _CrdSchemaValidator } = require('../../../lib/analysis/schema/_validator');
      const gateway = (tls: unknown) => ({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw', namespace: 'prod' },
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls }] },
      });
      const input = gateway({});
      const before = JSON.stringify(input);
      const messages = _CrdSchemaValidator.get().validate(input).map((p: any) => p.message).join('\n');
      expect(messages).toMatch(/certificateRefs or options must be specified when mode is Terminate/);
      expect(JSON.stringify(input)).toBe(before);
      expect(_CrdSchemaValidator.get().validate(gateway({ certificateRefs: [{ name: 'cert' }] }))).toEqual([]);
    });
  });

  test('decides the common CEL rules without loading the CEL runtime, and still finds their breaks', () => {
    jest.isolateModules(() => {
      jest.doMock('@bufbuild/cel', () => { throw new Error('the CEL runtime was loaded'); });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { _CrdSchemaValidator } = require('../../../lib/analysis/schema/_validator');
      const policy = (spec: unknown) => ({
        apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'p', namespace: 'shop' }, spec,
      });
      const ok = policy({ selector: { matchLabels: { app: 'cart' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }] }] });
      expect(_CrdSchemaValidator.get().validate(ok)).toEqual([]);
      const wildcard = policy({ selector: { matchLabels: { app: 'ca*' } } });
      expect(_CrdSchemaValidator.get().validate(wildcard).map((p: any) => `${p.path}: ${p.message}`))
        .toEqual(['/spec/selector/matchLabels/app: wildcard not allowed in label value match (received: "ca*")']);
      const both = policy({ selector: { matchLabels: { app: 'cart' } }, targetRefs: [{ kind: 'Service', name: 'cart' }] });
      expect(_CrdSchemaValidator.get().validate(both).map((p: any) => p.message)).toEqual([expect.stringMatching(/selector|targetRef/)]);
    });
  });
});
