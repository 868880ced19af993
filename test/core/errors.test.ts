import { Duration, Testing } from 'cdk8s';
import { _constructSubject, _didYouMean, _fail, _isFiniteNumber, _MeshError, _Problems, _received, _requireArg, _requireProps } from '../../lib/core/_errors';

describe('_Problems', () => {
  test('throws one problem as subject, prop, problem, value received and fix', () => {
    const problems = new _Problems("CanaryRelease 'payments-canary'");
    problems.add('canaryWeight', 'must be between 0 and 100', 140, 'Use a value from 0 to 100.');
    expect(() => problems.throwIfAny()).toThrow(
      "CanaryRelease 'payments-canary': 'canaryWeight' must be between 0 and 100 (received: 140). Use a value from 0 to 100.");
  });

  test('collects every problem of one constructor before throwing', () => {
    const problems = new _Problems("VirtualService 'chart/vs'")
      .check(false, 'hosts', 'must not be empty', [], 'Give at least one host.')
      .check(true, 'gateways', 'never reported', [], '')
      .check(false, 'http[0].route[0].weight', 'must not be negative', -5, 'Use 0 or more.');
    expect(() => problems.throwIfAny()).toThrow(
      "VirtualService 'chart/vs' has 2 problems:\n  - 'hosts' must not be empty (received: []). Give at least one host.\n" +
      "  - 'http[0].route[0].weight' must not be negative (received: -5). Use 0 or more.");
  });

  test('throws nothing when nothing was recorded', () => {
    const problems = new _Problems('X');
    expect(problems.empty).toBe(true);
    expect(() => problems.throwIfAny()).not.toThrow();
    expect(problems.messages()).toEqual([]);
  });

  test('gives one self-contained message per problem for node validations', () => {
    const problems = new _Problems("DestinationRule 'c/dr'").add('subsets', 'must have unique names', ['v1', 'v1'], 'Rename one.');
    expect(problems.messages()).toEqual(['DestinationRule \'c/dr\': \'subsets\' must have unique names (received: ["v1","v1"]). Rename one.']);
  });

  test('merges the problems of another collector', () => {
    const inner = new _Problems('inner').add('a', 'is bad', 1, 'Fix a.');
    const outer = new _Problems('Outer').merge(inner);
    expect(outer.messages()).toEqual(["Outer: 'a' is bad (received: 1). Fix a."]);
  });

  test('throws a _MeshError that names its subject', () => {
    try {
      _fail('HttpMatch.prefix', 'prefix', 'must start with /', 'api', "Write '/api'.");
    } catch (e) {
      expect(e).toBeInstanceOf(_MeshError);
      expect((e as _MeshError).subject).toBe('HttpMatch.prefix');
      expect((e as Error).message).toMatch(/^HttpMatch\.prefix: 'prefix' must start with \/ \(received: "api"\)\. Write '\/api'\. \(HttpMatch\.prefix was called at test\/core\/errors\.test\.ts:\d+:\d+\.\)$/);
      return;
    }
    throw new Error('expected a throw');
  });
});

describe('_constructSubject', () => {
  test('names the type and the full construct path', () => {
    const chart = Testing.chart();
    expect(_constructSubject('VirtualService', chart, 'payments-api')).toBe(`VirtualService '${chart.node.path}/payments-api'`);
  });
});

describe('_received', () => {
  test('renders data as JSON, and durations as the factory call that makes them', () => {
    expect(_received('x')).toBe('"x"');
    expect(_received([1, 2])).toBe('[1,2]');
    expect(_received(undefined)).toBe('undefined');
    expect(_received(null)).toBe('null');
    expect(_received(Duration.seconds(2))).toBe('Duration.seconds(2)');
    expect(_received(Duration.millis(1.5))).toBe('Duration.millis(1.5)');
    expect(_received(Duration.minutes(0))).toBe('Duration.minutes(0)');
  });

  test('shows NaN and Infinity as written, where JSON would print null', () => {
    expect(_received(NaN)).toBe('NaN');
    expect(_received(Infinity)).toBe('Infinity');
    expect(_received(-Infinity)).toBe('-Infinity');
    expect(_received([80, NaN])).toBe('[80,NaN]');
    expect(_received({ number: NaN, timeout: Duration.seconds(5), name: undefined })).toBe('{"number":NaN,"timeout":Duration.seconds(5)}');
  });

  test('names a construct by its path, a function by its name, and survives cycles', () => {
    const chart = Testing.chart();
    expect(_received(chart)).toBe(`Chart '${chart.node.path}'`);
    expect(_received(function makeIt() {})).toBe('[function makeIt]');
    const cyclic: any = { a: 1 };
    cyclic.self = cyclic;
    expect(_received(cyclic)).toBe('{"a":1,"self":[circular]}');
  });

  test('shortens long values', () => {
    const text = _received('x'.repeat(1000));
    expect(text.length).toBe(300);
    expect(text.endsWith('...')).toBe(true);
  });
});

describe('_requireProps', () => {
  test('reports a props object left out, listing what it must hold', () => {
    expect(() => _requireProps("MeshService 'c/api'", undefined, { image: 'Give the image.', ports: 'Give the ports.' })).toThrow(
      "MeshService 'c/api': 'props' is required (received: undefined). Pass an object with 'image', 'ports': Give the image. Give the ports.");
  });

  test('reports every missing member at once', () => {
    expect(() => _requireProps("Gateway 'c/gw'", { selector: null }, { selector: 'Give a selector.', servers: 'Give servers.' })).toThrow(
      "Gateway 'c/gw' has 2 problems:\n  - 'selector' is required (received: null). Give a selector.\n  - 'servers' is required (received: undefined). Give servers.");
  });

  test('names the members of a method argument after it', () => {
    expect(() => _requireProps("ZeroTrustNamespace 'c/shop'", {}, { from: 'Say who.' }, 'rule')).toThrow("'rule.from' is required");
    expect(() => _requireProps('X', 'text', {}, 'rule')).toThrow("X: 'rule' must be an object (received: \"text\"). Pass an object; {} takes every default.");
    expect(() => _requireProps('X', { a: 0, b: '', c: false }, { a: '', b: '', c: '' })).not.toThrow();
  });
});

describe('_requireArg', () => {
  test('reports a required argument left out', () => {
    expect(() => _requireArg("AuthorizationPolicy 'c/p'", 'rule', undefined, 'Pass an AuthorizationRule.')).toThrow(
      "AuthorizationPolicy 'c/p': 'rule' is required (received: undefined). Pass an AuthorizationRule.");
    expect(() => _requireArg('X', 'rule', 0, '')).not.toThrow();
  });
});

describe('_isFiniteNumber', () => {
  test('accepts numbers only when finite', () => {
    expect([1, 0, -2.5, NaN, Infinity, '1', undefined].map(_isFiniteNumber)).toEqual([true, true, true, false, false, false, false]);
  });
});

describe('_didYouMean', () => {
  test('suggests the closest candidate within two edits or a case change', () => {
    expect(_didYouMean('GTE', ['GET', 'POST'])).toBe(" Did you mean 'GET'?");
    expect(_didYouMean('post', ['GET', 'POST'])).toBe(" Did you mean 'POST'?");
    expect(_didYouMean('FETCH', ['GET', 'POST'])).toBe('');
  });
});
