import { ApiObject } from 'cdk8s';
import { _received } from './_errors';

/** A key as the bindings compare it: `consecutive5XxErrors` and `consecutive5xxErrors`, `jwksUri` and `jwks_uri` are one field. */
function norm(key: string): string {
  return key.toLowerCase().replace(/_/g, '');
}

/**
 * The four fields whose binding property differs from the wire name (cdk8s import's camel-casing):
 * a patch must use the binding's spelling, which the binding then renders under the wire name.
 */
const BINDING_SPELLING: { [wire: string]: string } = {
  consecutive5xxErrors: 'consecutive5XxErrors',
  jwks_uri: 'jwksUri',
  mirror_percent: 'mirrorPercent',
  wellKnownCACertificates: 'wellKnownCaCertificates',
};

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The JSON pointers of the values `raw` holds that `rendered` lost. */
function dropped(raw: any, rendered: any, pointer: string, out: Array<{ path: string; value: unknown }>): void {
  if (raw === null || typeof raw !== 'object') return;
  if (Array.isArray(raw)) {
    if (!Array.isArray(rendered)) return;
    raw.forEach((item, i) => dropped(item, rendered[i], `${pointer}/${i}`, out));
    return;
  }
  if (rendered === null || typeof rendered !== 'object' || Array.isArray(rendered)) return;
  const kept = new Map(Object.keys(rendered).map((k) => [norm(k), k]));
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const match = key in rendered ? key : kept.get(norm(key));
    if (match === undefined) out.push({ path: `${pointer}/${escape(key)}`, value });
    else dropped(value, rendered[match], `${pointer}/${escape(key)}`, out);
  }
}

/**
 * The fields a JSON patch (`addJsonPatch`, or an escape hatch through `ApiObject.of()`) set on a
 * generated L1 object that its binding does not declare, as error messages. The bindings render only
 * the fields of the CRD schema (their `toJson_` functions copy known keys), so such a field would
 * vanish from the manifest without a word; the API server would reject or prune it anyway. @internal
 */
export function _droppedPatchFields(subject: string, apiObject: ApiObject): string[] {
  const patches = (apiObject as any).patches;
  if (Array.isArray(patches) && patches.length === 0) return [];
  if (apiObject.toJson === ApiObject.prototype.toJson) return [];
  const raw = ApiObject.prototype.toJson.call(apiObject);
  const rendered = apiObject.toJson();
  const out: Array<{ path: string; value: unknown }> = [];
  dropped(raw, rendered, '', out);
  return out.map(({ path, value }) => {
    const key = path.slice(path.lastIndexOf('/') + 1);
    const spelling = BINDING_SPELLING[key];
    if (spelling) {
      return `${subject}: a JSON patch sets '${path}', which the generated ${apiObject.kind} binding reads as '${spelling}', so it would be dropped `
        + `from the manifest (received: ${_received(value)}). Patch '${path.slice(0, path.lastIndexOf('/') + 1)}${spelling}' instead: the binding renders it as '${key}'.`;
    }
    return `${subject}: a JSON patch sets '${path}', which the ${apiObject.apiVersion} ${apiObject.kind} schema does not `
      + `declare, so it would be dropped from the manifest (received: ${_received(value)}). Remove the patch, or set a field the schema has `
      + '(the istio.io reference lists them); to emit a field the CRD lacks, build the object with a plain cdk8s ApiObject or Include.';
  });
}
