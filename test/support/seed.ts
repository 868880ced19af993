/**
 * The seed document's YAML and Istio's sample files, for the corpus tests that reproduce them
 * (`*.corpus.test.ts`; read from the corpus, see ./corpus.ts), and helpers to pick objects out of
 * manifests, which any test may use.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { corpusPath } from './corpus';

/** Every Istio object (`*.istio.io/v1`) in the seed's YAML blocks, parsed. */
export function seedObjects(): any[] {
  const text = fs.readFileSync(corpusPath('seed', 'istio-service-mesh.md'), 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => YAML.parseAllDocuments(b).map((d) => d.toJS())).filter((o) => o?.apiVersion?.includes('istio.io/v1'));
}

/** The one object of a kind and name among manifests; throws, listing what there is, when it is missing. */
export function findObject(objects: any[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among: ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

/** The seed's object of a kind and name. */
export function seedObject(kind: string, name: string): any {
  return findObject(seedObjects(), kind, name);
}

/** Every object of a file of Istio's samples in the corpus (`bookinfo/networking/bookinfo-gateway.yaml`), parsed. */
export function sampleObjects(file: string): any[] {
  const text = fs.readFileSync(corpusPath('istio', 'samples', file), 'utf8');
  return YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o);
}

/** What a sample object and a synthesized one must share: apiVersion, kind, name, namespace (when set), spec. */
export function comparableObject(o: any): any {
  const metadata = { name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
  return { apiVersion: o.apiVersion, kind: o.kind, metadata, spec: o.spec };
}
