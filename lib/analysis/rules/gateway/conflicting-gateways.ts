import { _gateways, _gatewayWorkloads, _selector, _servers } from './_gateway-workloads';
import { _labelsText } from '../../facts/_labels';
import { AnalysisLevel } from '../../finding';
import { _Obj, _Workload, _selects } from '../../model';
import { _Rule, _RawFinding } from '../../rule';

/** True when every label of `a` is in `b` with the same value. */
function subset(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.entries(a).every(([k, v]) => b[k] === v);
}

/** True when two Gateways configure the same proxies: equal selectors, or nested ones that pick a common workload. */
function sameProxies(a: _Obj, b: _Obj, workloads: _Workload[]): boolean {
  const sa = _selector(a);
  const sb = _selector(b);
  if (_labelsText(sa) === _labelsText(sb)) return true;
  if (!subset(sa, sb) && !subset(sb, sa)) return false;
  return workloads.some((w) => _selects(sa, w.labels) && _selects(sb, w.labels));
}

const portOf = (server: any): number => Number(server?.port?.number ?? 0);
const hostsOf = (server: any): string[] => (Array.isArray(server?.hosts) ? server.hosts.map(String) : []);

/** IST0145: two Gateways for the same proxies declare the same host on the same port (and bind). */
export const CONFLICTING_GATEWAYS: _Rule = {
  id: 'IST0145',
  rule: 'gateway/conflicting-gateways',
  name: 'ConflictingGateways',
  level: AnalysisLevel.ERROR,
  cause: 'Two Gateways selecting the same gateway workload declare a server with the same port, host and bind address.',
  why: 'The proxy can open one listener per port and host; one of the servers is dropped and its routes (and TLS settings) never apply.',
  fix: 'Merge the servers into one Gateway, or give them different hosts or ports.',
  istioAnalyzer: 'gateway.ConflictingGatewayAnalyzer',
  check: (model) => {
    const gateways = _gateways(model);
    const workloads = _gatewayWorkloads(model);
    return gateways.flatMap((gw) => {
      const peers = gateways.filter((other) => other !== gw && sameProxies(gw, other, workloads));
      return _servers(gw).flatMap((server): _RawFinding[] => {
        const bind = server.bind ?? '';
        const hosts = hostsOf(server);
        const conflicting = peers.filter((other) => _servers(other).some((s) => portOf(s) === portOf(server) && (s.bind ?? '') === bind
          && hostsOf(s).some((h) => hosts.includes(h))));
        if (conflicting.length === 0) return [];
        return [{
          obj: gw,
          message: `Gateway ${gw.namespace}/${gw.name} conflicts with ${conflicting.map((g) => `${g.namespace}/${g.name}`).sort().join(', ')}: `
            + `same workload (selector '${_labelsText(_selector(gw))}'), port ${portOf(server)} and hosts ${hosts.join(', ')}.`,
        }];
      });
    });
  },
};
