/**
 * Where Istio's reference corpora live for the corpus suite (`*.corpus.test.ts`): Istio's samples, the
 * analyzer's test cases, the CRD files and the seed document. `../shared/` beside the repository by
 * default, or the folder `CDK8S_ISTIO_CORPUS` names. Unit tests (`*.test.ts`) never read it: they use
 * the schemas the package embeds, so they pass on a fresh clone.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Root of the corpora: `$CDK8S_ISTIO_CORPUS`, or `../shared` beside the repository. */
export const CORPUS_DIR = path.resolve(process.env.CDK8S_ISTIO_CORPUS || path.join(__dirname, '..', '..', '..', 'shared'));

/** True when the corpora are present. */
export function hasCorpus(): boolean {
  return fs.existsSync(path.join(CORPUS_DIR, 'istio', 'samples'));
}

/** A path inside the corpora (`corpusPath('istio', 'samples', 'bookinfo')`). */
export function corpusPath(...parts: string[]): string {
  return path.join(CORPUS_DIR, ...parts);
}
