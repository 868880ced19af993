/** What the `analyze` and `trace` verbs of the CLI share: where they write, and how they read their arguments. */

/** Where the CLI writes. @internal */
export interface _CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether standard error is a terminal: progress lines are shown only there. Default false. */
  readonly errIsTty?: boolean;
  /** The environment: a non-empty `CI` (other than `false` or `0`) turns progress off. Default: none. */
  readonly env?: { readonly [name: string]: string | undefined };
}

/** A mistake on the command line: the verb prints it with its usage and exits 2. @internal */
export class _UsageError extends Error {}

/** Takes the value of `flag` off the front of the remaining arguments; a missing value, or another flag, is a usage error. @internal */
export function _flagValue(args: string[], flag: string): string {
  const v = args.shift();
  if (v === undefined || v.startsWith('--')) throw new _UsageError(`${flag} needs a value`);
  return v;
}

/** Checks `--format`: `text` or `json`. @internal */
export function _checkFormat(format: string): void {
  if (!['text', 'json'].includes(format)) throw new _UsageError(`--format must be text or json (received: ${format})`);
}
