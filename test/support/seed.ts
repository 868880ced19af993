/** The seed document's YAML, for the tests that reproduce it (../shared/seed/istio-service-mesh.md). */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { SHARED_DIR } from './crd-schema';

/** Every Istio object (`*.istio.io/v1`) in the seed's YAML blocks, parsed. */
export function seedObjects(): any[] {
  const text = fs.readFileSync(path.join(SHARED_DIR, 'seed', 'istio-service-mesh.md'), 'utf8');
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

/** Every object of a file of ../shared/istio/samples (`bookinfo/networking/bookinfo-gateway.yaml`), parsed. */
export function sampleObjects(file: string): any[] {
  const text = fs.readFileSync(path.join(SHARED_DIR, 'istio', 'samples', file), 'utf8');
  return YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o);
}

/** What a sample object and a synthesized one must share: apiVersion, kind, name, namespace (when set), spec. */
export function comparableObject(o: any): any {
  const metadata = { name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
  return { apiVersion: o.apiVersion, kind: o.kind, metadata, spec: o.spec };
}
