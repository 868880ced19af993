import { _portNameFollowsConvention } from './port-name';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0150: an ExternalName Service port whose name does not give its protocol, or says TCP. */
export const EXTERNAL_NAME_INVALID_PORT_NAME: _Rule = {
  id: 'IST0150',
  rule: 'service/external-name-port-name',
  name: 'ExternalNameServiceTypeInvalidPortName',
  level: AnalysisLevel.WARNING,
  cause: 'An ExternalName Service has a port without a protocol name, or one named for TCP.',
  why: 'For ExternalName Services the proxy cannot sniff the protocol; TCP-named and unnamed ports may not be forwarded correctly.',
  fix: "Name each port of the ExternalName Service after its non-TCP protocol ('http', 'https', 'grpc', 'tls').",
  istioAnalyzer: 'service.PortNameAnalyzer',
  check: (model) => model.services
    .filter((svc) => svc.spec.type === 'ExternalName')
    .flatMap((svc) => (svc.spec.ports ?? [])
      .filter((port: any) => !_portNameFollowsConvention(port) || /^tcp(-|$)/i.test(port.name ?? ''))
      .map(() => ({ obj: svc, message: `Port name for ExternalName Service '${svc.name}' is invalid: the proxy may not forward its traffic.` }))),
};
