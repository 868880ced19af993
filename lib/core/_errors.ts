import * as path from 'path';
import { Construct } from 'constructs';

/**
 * The one error class of the library: every message names the construct (type and path) or
 * factory, the prop, the value received and the fix.
 *
 * Not exported from the package: match errors on their message.
 */
export class _MeshError extends Error {
  constructor(
    /** The construct path, or the factory name, the error is about. */
    public readonly subject: string,
    message: string,
  ) {
    super(message);
    this.name = 'MeshError';
  }
}

/** The longest rendering of a received value in a message; longer ones end in `...`. */
const MAX_RECEIVED = 300;

/**
 * Renders a received value for an error message as the user wrote it: strings quoted (JSON),
 * `NaN`, `Infinity` and `-Infinity` as such (JSON would print `null`), a `cdk8s.Duration` as the
 * factory call that makes it (`Duration.seconds(5)`), a construct by its path, functions by name,
 * and data as JSON with the same rules inside. Every message of the library goes through it.
 */
export function _received(value: unknown): string {
  const text = _render(value, new Set());
  return text.length > MAX_RECEIVED ? `${text.slice(0, MAX_RECEIVED - 3)}...` : text;
}

/** A cdk8s.Duration (any copy of cdk8s): `amount` and a `unit` with its factory's name as `label`. */
function _durationCall(value: object): string | undefined {
  const v = value as { amount?: unknown; unit?: { label?: unknown }; toMilliseconds?: unknown };
  if (typeof v.toMilliseconds !== 'function') return undefined;
  if (typeof v.amount === 'number' && typeof v.unit?.label === 'string') {
    return `Duration.${v.unit.label}(${_render(v.amount, new Set())})`;
  }
  try {
    return `Duration.millis(${(value as { toMilliseconds(): number }).toMilliseconds()})`;
  } catch {
    return 'a Duration';
  }
}

function _render(value: unknown, seen: Set<unknown>): string {
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'number': return Object.is(value, -0) ? '0' : String(value);
    case 'string': return JSON.stringify(value);
    case 'boolean': return String(value);
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    case 'function': return value.name ? `[function ${value.name}]` : '[function]';
  }
  if (value === null) return 'null';
  const obj = value as object;
  const duration = _durationCall(obj);
  if (duration) return duration;
  const node = (obj as { node?: { path?: unknown } }).node;
  if (node && typeof node.path === 'string' && typeof (node as { findAll?: unknown }).findAll === 'function') {
    return `${obj.constructor?.name ?? 'construct'} '${node.path}'`;
  }
  if (seen.has(obj)) return '[circular]';
  seen.add(obj);
  try {
    if (Array.isArray(obj)) return `[${obj.map((item) => (item === undefined ? 'null' : _render(item, seen))).join(',')}]`;
    if (obj instanceof RegExp) return String(obj);
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') return _render((obj as { toJSON(): unknown }).toJSON(), seen);
    const entries = Object.entries(obj).filter(([, v]) => v !== undefined && typeof v !== 'function');
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${_render(v, seen)}`).join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}

/** True for a number that is not NaN nor infinite: what every numeric prop needs before its range is checked. */
export function _isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Checks a props object that has required members, before anything reads it: the object itself
 * must be given (a JavaScript or Python caller can leave it out, which TypeScript prevents), and
 * so must every member named in `required` (prop name to the fix). All missing members are
 * reported at once, in the standard form: `<subject>: 'image' is required (received: undefined). <fix>`.
 *
 * @param subject the construct or method the props are for (`_constructSubject(...)`)
 * @param props what the caller passed
 * @param required the required members and, for each, the fix to print when it is missing
 * @param name the argument's name in messages: `props` (members named bare, as in every other message),
 *   or a method argument such as `rule` (members named `rule.from`)
 * @param objectFix the fix when the object itself is missing, where the members do not say it all
 *   (`Pass an object with 'host' or 'service'.`)
 */
export function _requireProps(subject: string, props: unknown, required: Readonly<Record<string, string>>, name: string = 'props', objectFix?: string): void {
  const members = Object.keys(required);
  if (props === undefined || props === null || typeof props !== 'object' || Array.isArray(props)) {
    _fail(subject, name, props === undefined || props === null ? 'is required' : 'must be an object', props,
      objectFix ?? (members.length > 0
        ? `Pass an object with ${members.map((m) => `'${m}'`).join(', ')}: ${members.map((m) => required[m]).join(' ')}`
        : 'Pass an object; {} takes every default.'));
  }
  const problems = new _Problems(subject);
  for (const member of members) {
    const value = (props as Record<string, unknown>)[member];
    problems.check(value !== undefined && value !== null, name === 'props' ? member : `${name}.${member}`, 'is required', value, required[member]);
  }
  problems.throwIfAny();
}

/** Checks one required argument of a method or factory (`addRule(rule)`): `'rule' is required (received: undefined). <fix>` */
export function _requireArg(subject: string, name: string, value: unknown, fix: string): void {
  if (value === undefined || value === null) _fail(subject, name, 'is required', value, fix);
}

/** The subject of messages about a construct: `VirtualService 'chart/payments-api'`. */
export function _constructSubject(typeName: string, scope: Construct, id: string): string {
  const parent = scope.node.path;
  return `${typeName} '${parent ? `${parent}/${id}` : id}'`;
}

/**
 * Collects the prop problems of one constructor, factory or method, so that all of them are
 * reported at once, then throws them together (tier 1) or returns them for `node.addValidation`
 * (tier 2).
 *
 * @example
 * const problems = new _Problems(_constructSubject('VirtualService', scope, id));
 * problems.check(hosts.length > 0, 'hosts', 'must not be empty', hosts, 'Give at least one host, such as the Service name.');
 * problems.throwIfAny();
 */
export class _Problems {
  private readonly lines: string[] = [];

  constructor(private readonly subject: string) {}

  /** Records a problem with a prop: `'prop' <problem> (received: <value>). <fix>` */
  public add(prop: string, problem: string, received: unknown, fix: string): this {
    this.lines.push(`'${prop}' ${problem} (received: ${_received(received)}). ${fix}`);
    return this;
  }

  /** Records the problem unless `ok` holds. */
  public check(ok: boolean, prop: string, problem: string, received: unknown, fix: string): this {
    if (!ok) this.add(prop, problem, received, fix);
    return this;
  }

  /** Adds the problems another collector found, under this subject. */
  public merge(other: _Problems): this {
    this.lines.push(...other.lines);
    return this;
  }

  /** True when nothing was recorded. */
  public get empty(): boolean {
    return this.lines.length === 0;
  }

  /** One message per problem, each naming the subject: for `node.addValidation`. */
  public messages(): string[] {
    return this.lines.map((line) => `${this.subject}: ${line}`);
  }

  /**
   * Throws one error listing every problem, if any was recorded. A factory's error (no construct
   * has the value yet, so there is no construct path to name) ends with the line of the user's code
   * that called the factory.
   */
  public throwIfAny(): void {
    if (this.lines.length === 0) return;
    const message = this.lines.length === 1
      ? `${this.subject}: ${this.lines[0]}`
      : `${this.subject} has ${this.lines.length} problems:\n${this.lines.map((l) => `  - ${l}`).join('\n')}`;
    const site = FACTORY_SUBJECT.test(this.subject) ? _callSite() : undefined;
    throw new _MeshError(this.subject, site ? `${message} (${this.subject} was called at ${site}.)` : message);
  }
}

/** A factory's subject (`Destination.to`), as opposed to a construct's (`VirtualService 'chart/vs'`). */
const FACTORY_SUBJECT = /^[A-Z][A-Za-z0-9]*\.[A-Za-z0-9]+$/;

/** This package's own code (`lib/` and `imports/`, as source or as jsii's `build/`): frames to skip. */
const LIBRARY_DIRS = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..', 'imports')].map((d) => d + path.sep);

/**
 * The first place in the caller's code on the current stack (`main.ts:42:17`, relative to the
 * working directory when inside it), or undefined when there is none: the line that called a
 * factory whose value was bad, since no construct path can be given for it.
 */
function _callSite(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const m = /^at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m || !path.isAbsolute(m[1])) continue;
    const file = m[1];
    if (LIBRARY_DIRS.some((d) => file.startsWith(d)) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const relative = path.relative(process.cwd(), file);
    return `${relative.startsWith('..') ? file : relative}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/** Throws at once for a single problem: `<subject>: '<prop>' <problem> (received: v). <fix>` */
export function _fail(subject: string, prop: string, problem: string, received: unknown, fix: string): never {
  new _Problems(subject).add(prop, problem, received, fix).throwIfAny();
  throw new Error('unreachable');
}

/** "Did you mean ...?" when one candidate is close to what was given (edit distance at most 2, or same letters ignoring case). */
export function _didYouMean(given: string, candidates: readonly string[]): string {
  const lower = given.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : _editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= 2 ? ` Did you mean '${best}'?` : '';
}

function _editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
