import { Duration, Testing } from 'cdk8s';
import { _constructSubject, _didYouMean, _fail, _MeshError, _Problems, _received } from '../../lib/core/_errors';

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
      expect((e as Error).message).toBe('HttpMatch.prefix: \'prefix\' must start with / (received: "api"). Write \'/api\'.');
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
  test('renders data as JSON and durations in milliseconds', () => {
    expect(_received('x')).toBe('"x"');
    expect(_received([1, 2])).toBe('[1,2]');
    expect(_received(undefined)).toBe('undefined');
    expect(_received(Duration.seconds(2))).toBe('2000ms');
  });
});

describe('_didYouMean', () => {
  test('suggests the closest candidate within two edits or a case change', () => {
    expect(_didYouMean('GTE', ['GET', 'POST'])).toBe(" Did you mean 'GET'?");
    expect(_didYouMean('post', ['GET', 'POST'])).toBe(" Did you mean 'POST'?");
    expect(_didYouMean('FETCH', ['GET', 'POST'])).toBe('');
  });
});
