import { _mirrorDestinations, _routeDestinations, _where } from './_hosts';
import { _serviceKey, _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _istioWithListItems } from '../../model';
import { _Rule, _hostRef } from '../../rule';

/** IST0101: a VirtualService routes or mirrors to a subset that no DestinationRule for that host defines. */
export const SUBSET_NOT_FOUND: _Rule = {
  id: 'IST0101',
  rule: 'virtualservice/subset-not-found',
  name: 'ReferencedResourceNotFound',
  level: AnalysisLevel.ERROR,
  cause: 'A VirtualService route or mirror names a subset that no DestinationRule for its host defines.',
  why: 'A subset without a DestinationRule has no endpoints: the route returns 503 (no healthy upstream).',
  fix: 'Define the subset (name and pod labels) in a DestinationRule for the same host, or fix the subset name.',
  istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer',
  check: (model) => {
    const defined = new Set(_istioWithListItems(model, 'DestinationRule').flatMap((dr) =>
      (Array.isArray(dr.spec.subsets) ? dr.spec.subsets : []).map((s: any) => `${_serviceKey(String(dr.spec.host ?? ''), dr.namespace)}+${s?.name}`)));
    return _virtualServices(model).flatMap((vs) => [..._routeDestinations(vs), ..._mirrorDestinations(vs)]
      .filter((d) => d.destination.subset && !defined.has(`${_serviceKey(String(d.destination.host ?? ''), vs.namespace)}+${d.destination.subset}`))
      .map((d) => ({
        obj: vs,
        ref: _hostRef(String(d.destination.host ?? ''), vs.namespace),
        message: `VirtualService ${vs.namespace}/${vs.name} ${_where(d)}: subset '${d.destination.subset}' of host '${d.destination.host}' `
          + 'is not defined by any DestinationRule.',
      })));
  },
};
