import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { _MeshError } from './_errors';

/**
 * What the library does around `app.synth()` of an App that holds its constructs: output of an
 * earlier synth is cleared before this one validates, and once a synth has written its manifests,
 * a method that would change them throws instead of changing nothing.
 */

/** Apps whose `synth()` or `synthYaml()` has returned: their manifests are out. */
const synthesized = new WeakSet<object>();
/** Apps whose `synth()` and `synthYaml()` are wrapped. */
const watched = new WeakSet<object>();

/** The extension cdk8s gives manifests unless told otherwise; only files of this shape are cleared. */
const CDK8S_EXTENSION = '.k8s.yaml';

interface _AppLike {
  readonly outdir?: string;
  readonly outputFileExtension?: string;
  synth(): void;
  synthYaml(): string;
}

function isApp(root: IConstruct): root is IConstruct & _AppLike {
  const r = root as unknown as Partial<_AppLike>;
  return typeof r.synth === 'function' && typeof r.synthYaml === 'function';
}

/**
 * Watches the App a construct belongs to (once per App): marks it synthesized when its `synth()` or
 * `synthYaml()` returns, and clears the manifests an earlier `synth()` left in `outdir` before the
 * new one validates. Called by every Istio L2 (`MeshResource`), so every pattern is covered too.
 * @internal
 */
export function _watchSynth(construct: IConstruct): void {
  const app = construct.node.root;
  if (watched.has(app) || !isApp(app)) return;
  watched.add(app);
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = (app as _AppLike)[method] as (...args: unknown[]) => unknown;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function (this: _AppLike, ...args: unknown[]) {
        if (method === 'synth') _clearOutput(app);
        const result = original.apply(this, args);
        synthesized.add(app);
        return result;
      },
    });
  }
}

/**
 * Removes what an earlier `app.synth()` wrote to the App's `outdir`, so that a synth that fails
 * validation leaves no manifest behind for a pipeline to apply (as `cdk8s synth` does when it
 * deletes its output folder before it runs the app), and a chart removed from the app leaves no
 * file. Only files named `*.k8s.yaml` (cdk8s' default extension), in `outdir` and its direct
 * subfolders, and cdk8s' `construct-metadata.json` are removed; an app that sets another
 * `outputFileExtension` keeps its files, since the library cannot tell them from the user's own.
 * Files written since this process started stay: they are the output of another App of the same
 * program that shares the folder (one App per environment into `dist/`), not a stale run's.
 */
function _clearOutput(app: _AppLike): void {
  const outdir = app.outdir;
  if (!outdir || (app.outputFileExtension ?? CDK8S_EXTENSION) !== CDK8S_EXTENSION || !fs.existsSync(outdir)) return;
  const processStart = Date.now() - process.uptime() * 1000;
  const clear = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isFile() && (entry.name.endsWith(CDK8S_EXTENSION) || (depth === 0 && entry.name === 'construct-metadata.json'))
        && fs.statSync(file).mtimeMs < processStart) {
        fs.rmSync(file, { force: true });
      } else if (entry.isDirectory() && depth === 0) {
        clear(file, 1);
        if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
      }
    }
  };
  clear(outdir, 0);
}

/**
 * Throws when the App a construct belongs to has synthesized already: a change now would reach no
 * manifest (a promote step that changes the weights after `app.synth()` would ship the old ones).
 *
 * @param construct the construct whose method was called
 * @param typeName the construct's class, as the user knows it (`MeshService`)
 * @param method the method, as the user called it (`splitTraffic`)
 * @internal
 */
export function _checkNotSynthesized(construct: IConstruct, typeName: string, method: string): void {
  if (rendering > 0 || !synthesized.has(construct.node.root)) return;
  _throwAfterSynth(`${typeName} '${construct.node.path}'`, method);
}

/** How deep the library's own renderings are: a pattern's `_toKube()` may bring a route up to date through its mutators. */
let rendering = 0;

/**
 * Runs a rendering of the library's own that calls mutators to bring a value up to date (a gateway route that
 * follows its service's traffic split): the after-synth check is for the user's calls, not for these.
 * @internal
 */
export function _whileRendering<T>(render: () => T): T {
  rendering++;
  try {
    return render();
  } finally {
    rendering--;
  }
}

/** The construct each value object that can still change (a VirtualService's `HttpRoute`) renders into. */
const owners = new WeakMap<object, IConstruct>();

/**
 * Records the construct a mutable value object (a route a VirtualService returned) renders into,
 * so that its own methods refuse changes after that construct's App has synthesized.
 * @internal
 */
export function _ownedBy<T extends object>(value: T, owner: IConstruct): T {
  owners.set(value, owner);
  return value;
}

/**
 * Throws when the construct a value object renders into has synthesized: `subject` and `prop` are
 * the value's own (`VirtualService 'c/vs'`, `http[0]`).
 * @internal
 */
export function _checkOwnerNotSynthesized(value: object, subject: string, prop: string, method: string): void {
  if (rendering > 0) return;
  const owner = owners.get(value);
  if (owner && synthesized.has(owner.node.root)) _throwAfterSynth(subject, `${prop}.${method}`);
}

function _throwAfterSynth(subject: string, method: string): never {
  throw new _MeshError(subject, `${subject}: '${method}()' must be called before app.synth() (received: a call after app.synth()). `
    + 'The manifests are already written without this change: make every change before calling app.synth().');
}
