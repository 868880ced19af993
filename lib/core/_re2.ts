/**
 * Regular expressions as Envoy and istiod read them: RE2 syntax, checked with @bufbuild/re2 (a pure
 * JavaScript port of RE2, the library Envoy's `safe_regex` and Go's `regexp`, which istiod's
 * validation uses, implement; the CEL interpreter of the schema check bundles it already), not with JavaScript's RegExp, whose syntax differs both ways
 * (`\Z`, lookaround and backreferences compile in JavaScript; repeat counts over 1000 too).
 */
import type * as re2js from '@bufbuild/re2';

/**
 * The longest regex istiod accepts in a VirtualService StringMatch: it approximates RE2's program
 * size by the length (`validateStringMatchRegexp`, pkg/config/validation/agent/validation.go).
 * @internal
 */
export const _MAX_ISTIO_REGEX_LENGTH = 1024;

let engine: typeof re2js | undefined;

/** The RE2 port, required on first use (JavaScript an app without regexes never loads). */
function re2(): typeof re2js {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require('@bufbuild/re2') as typeof re2js;
  return engine;
}

/**
 * The reason `regex` is not an RE2 regular expression Istio accepts, or undefined when it is:
 * empty, longer than `maxLength`, or not RE2 syntax (with RE2's own message, such as
 * "invalid escape sequence: `\Z`" or "invalid repeat count: `{1,2000}`").
 *
 * @param maxLength the longest expression the field takes (istiod's 1024 for StringMatch)
 * @internal
 */
export function _re2Problem(regex: string, maxLength?: number): string | undefined {
  if (typeof regex !== 'string' || regex.length === 0) return 'must not be empty';
  if (maxLength !== undefined && regex.length > maxLength) {
    return `is ${regex.length} characters long, and istiod accepts at most ${maxLength}`;
  }
  try {
    re2().RE2JS.compile(regex);
  } catch (e) {
    const message = (e as Error).message.replace(/^error parsing regexp: /, '');
    return `is not RE2 syntax: ${message}${_hint(message)}`;
  }
  return undefined;
}

/** What the construct RE2 rejected is, for the constructs JavaScript and PCRE users reach for. */
function _hint(message: string): string {
  if (/`\(\?[=!]/.test(message)) return ' (a lookahead, which RE2 does not support)';
  if (/`\(\?<[=!]/.test(message)) return ' (a lookbehind, which RE2 does not support)';
  if (/escape sequence: `\\[1-9]/.test(message)) return ' (a backreference, which RE2 does not support)';
  if (/escape sequence: `\\k/.test(message)) return ' (a named backreference, which RE2 does not support)';
  if (/escape sequence: `\\Z/.test(message)) return ' (RE2 writes the end of the text as \\z)';
  if (/repeat count/.test(message)) return ' (RE2 allows at most 1000 repetitions)';
  if (/nested repetition/.test(message)) return ' (RE2 has no possessive or doubled quantifiers)';
  return '';
}

/** The fix printed with every regex problem. @internal */
export const _RE2_FIX = 'Write it in RE2 syntax (no lookaround, backreferences, possessive quantifiers, \\Z; repeat counts up to 1000): '
  + 'see https://github.com/google/re2/wiki/Syntax.';
