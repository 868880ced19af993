import { _MeshModel, _Obj } from '../../model';

/** What istioctl's EnvoyPatchAnalyzer says of one patch. @internal */
export type _PatchFinding = 'IST0151' | 'IST0152' | 'IST0153' | 'IST0154' | 'IST0155';

/** One finding about one patch of an EnvoyFilter. @internal */
export interface _EnvoyPatchFinding {
  readonly obj: _Obj;
  readonly index: number;
  readonly code: _PatchFinding;
  readonly operation: string;
  readonly applyTo: string;
}

const ROUTE_KINDS = ['ROUTE_CONFIGURATION', 'HTTP_ROUTE'];
const REPLACEABLE = ['NETWORK_FILTER', 'HTTP_FILTER', 'VIRTUAL_HOST'];

/** The name a patch's filter is known by: the value's `name`, else the listener's filter-chain filter. */
function instanceName(patch: any): string {
  const value = patch?.patch?.value;
  if (value === null || typeof value !== 'object' || Object.keys(value).length === 0) return '';
  if (value.name !== undefined) return JSON.stringify(value.name);
  const filter = patch?.match?.listener?.filterChain?.filter?.name;
  return typeof filter === 'string' ? filter : '';
}

/**
 * The findings of istioctl's EnvoyPatchAnalyzer (istio/istio 1.30.3
 * pkg/config/analysis/analyzers/envoyfilter/envoyfilter.go), computed once per model: EnvoyFilters in
 * namespace/name order, their patches in order, each code reported once per EnvoyFilter (at its first patch); a relative operation (REMOVE, REPLACE, INSERT_BEFORE,
 * INSERT_AFTER) without a priority is IST0151, or IST0155 when an earlier patch with a proxyVersion
 * named the same filter; ADD and REMOVE on routes are IST0153 and IST0154; REPLACE outside HTTP and
 * network filters and virtual hosts is IST0152. @internal
 */
export function _envoyPatchFindings(model: _MeshModel): _EnvoyPatchFinding[] {
  let cached = CACHE.get(model);
  if (!cached) {
    cached = compute(model);
    CACHE.set(model, cached);
  }
  return cached;
}

/** The five rules share one pass over the EnvoyFilters of a model. */
const CACHE = new WeakMap<_MeshModel, _EnvoyPatchFinding[]>();

function compute(model: _MeshModel): _EnvoyPatchFinding[] {
  {
    const filters = [...model.istio('EnvoyFilter')].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    const versioned: string[] = [];
    const found: _EnvoyPatchFinding[] = [];
    for (const obj of filters) {
      const patches: any[] = Array.isArray(obj.spec?.configPatches) ? obj.spec.configPatches : [];
      const priority = typeof obj.spec?.priority === 'number' ? obj.spec.priority : 0;
      for (let index = 0; index < patches.length; index++) {
        const cp = patches[index];
        if (!cp?.patch || typeof cp.patch !== 'object') break;
        const name = instanceName(cp);
        const operation = String(cp.patch.operation ?? '');
        const applyTo = String(cp.applyTo ?? '');
        // istioctl reports each message once per EnvoyFilter (its results are deduplicated: diag.Messages.SortedDedupedCopy).
        const add = (code: _PatchFinding) => {
          if (!found.some((f) => f.obj === obj && f.code === code)) found.push({ obj, index, code, operation, applyTo });
        };
        const relative = () => {
          if (priority === 0) add(versioned.includes(name) ? 'IST0155' : 'IST0151');
        };
        if (operation === 'ADD') {
          if (ROUTE_KINDS.includes(applyTo)) add('IST0153');
        } else if (operation === 'REMOVE') {
          if (ROUTE_KINDS.includes(applyTo)) add('IST0154');
          else relative();
        } else if (operation === 'REPLACE') {
          if (!REPLACEABLE.includes(applyTo)) add('IST0152');
          else relative();
        } else if (operation === 'INSERT_BEFORE' || operation === 'INSERT_AFTER') {
          relative();
        }
        const proxyVersion = cp.match?.proxy?.proxyVersion;
        if (typeof proxyVersion === 'string' && proxyVersion.length > 0) versioned.push(name);
      }
    }
    return found;
  }
}
