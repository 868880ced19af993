import { _destinationProblems } from './_destination-checks';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0101: a VirtualService routes or mirrors to a host, or host:port, that no Service or ServiceEntry provides. */
export const DESTINATION_HOST_NOT_FOUND: _Rule = {
  id: 'IST0101',
  rule: 'virtualservice/destination-host-not-found',
  name: 'ReferencedResourceNotFound',
  level: AnalysisLevel.ERROR,
  cause: 'A VirtualService route or mirror names a host (or host and port) that no Service or ServiceEntry visible to it provides.',
  why: 'Traffic routed to an unknown host or port has no cluster to go to: requests fail with 503 (no healthy upstream) or are dropped.',
  fix: 'Fix the host (short names resolve in the VirtualService\'s namespace), add the Service or ServiceEntry, export it to this namespace, '
    + 'or use a port the service exposes.',
  istioAnalyzer: 'virtualservice.DestinationHostAnalyzer',
  check: (model) => _destinationProblems(model).filter((p) => p.code === 'IST0101').map(({ obj, message, ref }) => ({ obj, message, ref })),
};
