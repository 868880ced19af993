import { _fail } from '../core/_errors';
import { _MAX_ISTIO_REGEX_LENGTH, _re2Problem, _RE2_FIX } from '../core/_re2';

/**
 * How a string in a request (a path, a header, a query parameter, an origin) is matched:
 * exactly, by prefix, or by an RE2 regular expression.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch
 */
export class StringMatch {
  /** Matches the string exactly. */
  public static exact(value: string): StringMatch {
    return new StringMatch('exact', value);
  }

  /** Matches strings that start with `value`. */
  public static prefix(value: string): StringMatch {
    return new StringMatch('prefix', value);
  }

  /**
   * Matches strings the RE2 regular expression matches in full.
   *
   * Fails at once when the expression does not compile or uses what RE2 lacks (lookahead,
   * lookbehind, backreferences).
   *
   * @see https://github.com/google/re2/wiki/Syntax
   */
  public static regex(value: string): StringMatch {
    const problem = _re2Problem(value, _MAX_ISTIO_REGEX_LENGTH);
    if (problem) _fail('StringMatch.regex', 'value', `must be an RE2 regular expression: it ${problem}`, value, _RE2_FIX);
    return new StringMatch('regex', value);
  }

  private constructor(
    /** How the string is matched: `exact`, `prefix` or `regex`. */
    public readonly kind: string,
    /** The string, prefix or expression to match. */
    public readonly value: string,
  ) {}

  /** @internal */
  public _toIstio(): { [key: string]: string } {
    return { [this.kind]: this.value };
  }
}
