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

/** Renders a received value for an error message: JSON for data, a readable form for a Duration. */
export function _received(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value !== null && typeof value === 'object' && typeof (value as any).toMilliseconds === 'function') {
    try {
      return `${(value as any).toMilliseconds()}ms`;
    } catch {
      return String(value);
    }
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
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

  /** Throws one error listing every problem, if any was recorded. */
  public throwIfAny(): void {
    if (this.lines.length === 0) return;
    const message = this.lines.length === 1
      ? `${this.subject}: ${this.lines[0]}`
      : `${this.subject} has ${this.lines.length} problems:\n${this.lines.map((l) => `  - ${l}`).join('\n')}`;
    throw new _MeshError(this.subject, message);
  }
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
