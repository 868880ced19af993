/**
 * The CEL rules (`x-kubernetes-validations`) of Istio's CRDs, read from the schemas the package embeds
 * (imports/crd-schemas.ts, generated from the pinned CRD files by `npx projen import`), in the shape of
 * Istio's rules list: by `group/version/Kind`, each rule with its path (`.spec.jwtRules[].jwksUri`,
 * `{}` for a map's values), its expression and its message. The corpus suite checks that this list is
 * exactly the one derived from the CRD file itself.
 */
import { CRD_SCHEMAS } from '../../imports/crd-schemas';

/** One CEL rule at its place in a schema. */
export interface CelRule {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The storage version of each Istio kind that has CEL rules: the versions in Istio 1.30.3's CRD file
 * marked `storage: true` (the embedded schemas keep every served version, not which one is stored).
 */
export const ISTIO_STORAGE_KINDS = [
  'extensions.istio.io/v1alpha1/TrafficExtension',
  'extensions.istio.io/v1alpha1/WasmPlugin',
  'networking.istio.io/v1/DestinationRule',
  'networking.istio.io/v1alpha3/EnvoyFilter',
  'networking.istio.io/v1/Gateway',
  'networking.istio.io/v1beta1/ProxyConfig',
  'networking.istio.io/v1/ServiceEntry',
  'networking.istio.io/v1/Sidecar',
  'networking.istio.io/v1/VirtualService',
  'networking.istio.io/v1/WorkloadEntry',
  'networking.istio.io/v1/WorkloadGroup',
  'security.istio.io/v1/AuthorizationPolicy',
  'security.istio.io/v1/PeerAuthentication',
  'security.istio.io/v1/RequestAuthentication',
  'telemetry.istio.io/v1alpha1/Telemetry',
];

/** Every CEL rule of a schema, depth first in the schema's property order. */
export function celRulesOf(schema: any, at = ''): CelRule[] {
  if (schema === null || typeof schema !== 'object') return [];
  const own: CelRule[] = (schema['x-kubernetes-validations'] ?? []).map((v: any) => ({ path: at, rule: v.rule, message: v.message }));
  const properties = Object.entries<any>(schema.properties ?? {}).flatMap(([name, sub]) => celRulesOf(sub, `${at}.${name}`));
  const items = schema.items ? celRulesOf(schema.items, `${at}[]`) : [];
  const values = typeof schema.additionalProperties === 'object' ? celRulesOf(schema.additionalProperties, `${at}{}`) : [];
  return [...own, ...properties, ...items, ...values];
}

/** The CEL rules of the embedded schemas, for the storage version of each Istio kind that has any. */
export function embeddedCelRules(schemas: { [gvk: string]: any } = CRD_SCHEMAS): Record<string, CelRule[]> {
  return Object.fromEntries(ISTIO_STORAGE_KINDS.map((gvk) => [gvk, celRulesOf(schemas[gvk])]));
}
