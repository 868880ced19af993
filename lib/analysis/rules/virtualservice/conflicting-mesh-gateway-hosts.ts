import { _fullName } from './_hosts';
import { _qualifyHost } from '../../../core/_host';
import { _appliesToMesh, _hostsMatch, _MESH_GATEWAY, _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _Obj } from '../../model';
import { _Rule, _RawFinding } from '../../rule';

/** The namespaces a VirtualService is visible in: `*`, or the listed ones (`.` is its own). */
function scopes(vs: _Obj): string[] {
  const exportTo: string[] = Array.isArray(vs.spec.exportTo) ? vs.spec.exportTo : [];
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((e) => (e === '.' ? vs.namespace : e)))];
}

/**
 * IST0109: two VirtualServices for the mesh define the same host in a namespace that sees both.
 * Hosts visible everywhere conflict when their names are equal; a host visible to one namespace also
 * conflicts with any host visible everywhere that it matches (wildcards included).
 */
export const CONFLICTING_MESH_GATEWAY_HOSTS: _Rule = {
  id: 'IST0109',
  rule: 'virtualservice/conflicting-mesh-gateway-hosts',
  name: 'ConflictingMeshGatewayVirtualServiceHosts',
  level: AnalysisLevel.ERROR,
  cause: 'Several VirtualServices bound to the mesh gateway define the same host for the same namespaces.',
  why: 'Sidecars use only one VirtualService per host; which one wins is undefined, so routes silently disappear.',
  fix: 'Merge the VirtualServices for the host into one, or narrow their exportTo so no namespace sees both.',
  istioAnalyzer: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  check: (model) => {
    const byHost = new Map<string, _Obj[]>();
    for (const vs of _virtualServices(model).filter(_appliesToMesh)) {
      for (const scope of scopes(vs)) {
        for (const h of Array.isArray(vs.spec.hosts) ? vs.spec.hosts : []) {
          const key = `${scope}/${_qualifyHost(String(h), vs.namespace)}`;
          byHost.set(key, [...(byHost.get(key) ?? []), vs]);
        }
      }
    }
    const reported = new Set<_Obj>();
    const findings: _RawFinding[] = [];
    for (const [key, owners] of byHost) {
      const [scope, host] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      const visible = scope === '*' ? owners : [...owners, ...[...byHost].filter(([k]) => k.startsWith('*/') && _hostsMatch(host, k.slice(2)))
        .flatMap(([, vss]) => vss)];
      const distinct = [...new Set(visible)];
      if (distinct.length < 2) continue;
      const names = distinct.map(_fullName).sort().join(', ');
      for (const vs of distinct.filter((v) => !reported.has(v))) {
        reported.add(vs);
        findings.push({
          obj: vs,
          message: `VirtualServices ${names} are bound to the mesh gateway and all define host '${host}'`
            + `${scope === '*' ? '' : ` for namespace ${scope}`}; sidecars will use only one of them.`,
        });
      }
    }
    return findings;
  },
};
