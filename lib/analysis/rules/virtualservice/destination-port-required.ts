import { _destinationProblems } from './_destination-checks';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0112: a VirtualService destination names no port, but its service exposes several. */
export const DESTINATION_PORT_SELECTOR_REQUIRED: _Rule = {
  id: 'IST0112',
  rule: 'virtualservice/destination-port-required',
  name: 'VirtualServiceDestinationPortSelectorRequired',
  level: AnalysisLevel.ERROR,
  cause: 'A VirtualService destination names no port, and the Service or ServiceEntry it routes to exposes more than one.',
  why: 'Istio cannot tell which port the route is for; the route may apply to the wrong port or be rejected.',
  fix: 'Set destination.port.number to the port the route is for.',
  istioAnalyzer: 'virtualservice.DestinationHostAnalyzer',
  check: (model) => _destinationProblems(model).filter((p) => p.code === 'IST0112').map(({ obj, message }) => ({ obj, message })),
};
