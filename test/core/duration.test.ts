import { Duration } from 'cdk8s';
import { _renderDuration } from '../../lib/core/_duration';

describe('_renderDuration', () => {
  test.each([
    [Duration.seconds(2), '2s'],
    [Duration.millis(1500), '1.5s'],
    [Duration.millis(250), '250ms'],
    [Duration.millis(1), '1ms'],
    [Duration.minutes(5), '5m'],
    [Duration.seconds(90), '90s'],
    [Duration.hours(1), '1h'],
    [Duration.minutes(90), '90m'],
    [Duration.days(1), '24h'],
  ])('renders %p as %s, in the largest unit that holds it exactly', (duration, expected) => {
    expect(_renderDuration(duration, 'X', 'timeout')).toBe(expected);
  });

  test('rejects a duration under 1ms, as Istio CRDs do', () => {
    expect(() => _renderDuration(Duration.millis(0), "VirtualService 'c/vs'", 'http[0].timeout')).toThrow(
      "VirtualService 'c/vs': 'http[0].timeout' must be at least 1ms, as Istio requires (received: Duration.millis(0)). Use Duration.millis(1) or more.");
  });

  test('rejects a fraction of a millisecond', () => {
    expect(() => _renderDuration(Duration.millis(1.5), 'X', 'timeout')).toThrow("'timeout' must be a whole number of milliseconds");
  });
});
