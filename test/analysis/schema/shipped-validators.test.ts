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

  test('loads the module of an API group when the first object of the group is validated, and no other', () => {
    jest.isolateModules(() => {
      const loaded: string[] = [];
      for (const group of ['networking.istio.io', 'gateway.networking.k8s.io']) {
        const actual = jest.requireActual(`../../../imports/crd-validators/${group}`);
        jest.doMock(`../../../imports/crd-validators/${group}`, () => {
          loaded.push(group);
          return actual;
        });
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { _CrdSchemaValidator } = require('../../../lib/analysis/schema/_validator');
      const validator = _CrdSchemaValidator.get();
      expect(validator.servedKinds).toContain('gateway.networking.k8s.io/v1/HTTPRoute');
      expect(loaded).toEqual([]);
      const rule = (host: unknown) => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'r', namespace: 'prod' }, spec: { host } });
      expect(validator.validate(rule('reviews'))).toEqual([]);
      expect(validator.validate(rule(7)).map((p: any) => p.path)).toEqual(['/spec/host']);
      expect(loaded).toEqual(['networking.istio.io']);
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

describe('the schemas as the validators are generated: large subschemas split into functions of their own', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { _splitForLazyCompile } = require('../../../scripts/generate-crd-validators');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { _makeAjv } = require('../../../lib/analysis/schema/_ajv');
  const big = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`field${i}`, { type: 'string', maxLength: 10 }]));
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        additionalProperties: false,
        properties: {
          small: { type: 'integer', minimum: 0 },
          items: { type: 'array', items: { type: 'object', additionalProperties: false, properties: big(60) } },
          labels: { type: 'object', additionalProperties: { type: 'object', additionalProperties: false, properties: big(60) } },
        },
      },
    },
  };

  test('a large property, list item and map value move to $defs; a small one stays inline', () => {
    const split = _splitForLazyCompile(schema);
    // Once its large parts are lifted, spec itself is small and stays inline.
    const spec = split.properties.spec;
    expect(spec.properties.small).toEqual({ type: 'integer', minimum: 0 });
    expect(spec.properties.items.items.$ref).toMatch(/^#\/\$defs\/s\d+$/);
    expect(spec.properties.labels.additionalProperties.$ref).toMatch(/^#\/\$defs\/s\d+$/);
    expect(Object.keys(split.$defs)).toHaveLength(2);
    expect(schema.properties.spec.properties.items.items.properties).toBeDefined();
  });

  test('gives the verdicts and instance paths of the schema as written', () => {
    const ajv = _makeAjv(true);
    const whole = _makeAjv(false).compile(schema);
    const split = ajv.compile(_splitForLazyCompile(schema));
    const cases = [
      { spec: { small: 1, items: [{ field3: 'ok' }], labels: { a: { field59: 'ok' } } } },
      { spec: { small: -1, items: [{ field3: 'far too long' }, { nope: 1 }], labels: { a: { field0: 7 } } } },
      { spec: { extra: true } },
    ];
    for (const data of cases) {
      const verdict = whole(data);
      expect(split(data)).toBe(verdict);
      const errors = (v: any) => (v.errors ?? []).map((e: any) => `${e.instancePath} ${e.message}`).sort();
      expect(errors(split)).toEqual(errors(whole));
    }
    expect(whole(cases[1])).toBe(false);
  });
});
