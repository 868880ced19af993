import { _gatewayRefs } from './_hosts';
import { _qualifyHost } from '../../../core/_host';
import { _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _Rule, _RawFinding } from '../../rule';

/**
 * IST0140: a gateway VirtualService routes to a host without a subset, while another VirtualService
 * for that host splits it by subset. Gateway traffic goes straight to the host, so that split never applies to it.
 */
export const INGRESS_ROUTE_RULES_NOT_AFFECTED: _Rule = {
  id: 'IST0140',
  rule: 'virtualservice/ingress-subset-no-effect',
  name: 'IngressRouteRulesNotAffected',
  level: AnalysisLevel.WARNING,
  cause: 'A VirtualService bound to a gateway routes to a host without a subset, while another VirtualService routes that host by subset.',
  why: 'The gateway applies only its own VirtualService: requests entering through it bypass the other VirtualService\'s subset routing '
    + '(canary splits, version pinning).',
  fix: 'Give the gateway route the same subsets (and weights) as the mesh VirtualService, or bind that VirtualService to the gateway too.',
  istioAnalyzer: 'virtualservice.DestinationHostAnalyzer',
  check: (model) => {
    const all = _virtualServices(model);
    // VirtualServices that route one of their own hosts by subset, and those hosts, as FQDNs: a short name is
    // read in the namespace of the VirtualService that writes it, so `web` in shop and `web.shop.svc.cluster.local` meet.
    const subsetRouted = all.map((vs) => {
      const own = new Set<string>((vs.spec.hosts ?? []).map((h: any) => _qualifyHost(String(h), vs.namespace)));
      return {
        vs,
        hosts: new Set<string>((vs.spec.http ?? []).flatMap((rule: any) => (rule?.route ?? [])
          .map((r: any) => r?.destination)
          .filter((d: any) => d?.subset && d?.host && own.has(_qualifyHost(String(d.host), vs.namespace)))
          .map((d: any) => _qualifyHost(String(d.host), vs.namespace)))),
      };
    }).filter((e) => e.hosts.size > 0);
    return all.filter((vs) => _gatewayRefs(vs).length > 0).flatMap((vs) => (vs.spec.http ?? []).flatMap((rule: any, r: number) =>
      (rule?.route ?? []).flatMap((route: any, i: number): _RawFinding[] => {
        const d = route?.destination;
        if (!d?.host || d.subset) return [];
        return subsetRouted.filter((e) => e.hosts.has(_qualifyHost(String(d.host), vs.namespace))).map((e) => ({
          obj: vs,
          message: `VirtualService ${vs.namespace}/${vs.name} http[${r}].route[${i}] sends gateway traffic to '${d.host}' without a subset, `
            + `so the subsets of VirtualService ${e.vs.namespace}/${e.vs.name} have no effect on it.`,
        }));
      })));
  },
};
