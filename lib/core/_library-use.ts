/**
 * Where a construct of this library says it is in use in an app, so that what must run for every such app (the mesh
 * analysis in `app.synth()`) can attach itself, without the constructs importing it: core is below every layer.
 */
import { IConstruct } from 'constructs';

const listeners: ((root: IConstruct) => void)[] = [];
const seen = new WeakSet<IConstruct>();

/** Called once for each app (construct tree root) in which a construct of this library is created. @internal */
export function _onLibraryUse(listener: (root: IConstruct) => void): void {
  listeners.push(listener);
}

/** Tells the listeners, once per app, that a construct of this library is used in `scope`'s app. @internal */
export function _libraryUsed(scope: IConstruct): void {
  const root = scope.node.root;
  if (seen.has(root)) return;
  seen.add(root);
  for (const listener of listeners) listener(root);
}
