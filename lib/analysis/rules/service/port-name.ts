import { _portNameProtocol } from '../../../core/_protocol';
import { AnalysisLevel } from '../../finding';
import { _SYSTEM_NAMESPACES } from '../../model';
import { _Rule } from '../../rule';

/** True when the port name follows `<protocol>[-<suffix>]`, or `appProtocol` states the protocol. @internal */
export function _portNameFollowsConvention(port: any): boolean {
  if (port?.appProtocol) return true;
  return _portNameProtocol(String(port?.name ?? '')) !== undefined;
}

/** IST0118: a Service port whose name does not tell Istio its protocol. */
export const PORT_NAME_NOT_UNDER_CONVENTION: _Rule = {
  id: 'IST0118',
  rule: 'service/port-name',
  name: 'PortNameIsNotUnderNamingConvention',
  level: AnalysisLevel.INFO,
  cause: "A Service port is neither named '<protocol>[-<suffix>]' nor given an appProtocol.",
  why: 'Istio picks the protocol from the port name or appProtocol; otherwise it sniffs or treats the traffic as TCP, and HTTP routing, retries and metrics do not apply.',
  fix: "Name the port after its protocol ('http-web', 'grpc', 'tcp-db') or set appProtocol.",
  istioAnalyzer: 'service.PortNameAnalyzer',
  check: (model) => model.services
    .filter((svc) => !_SYSTEM_NAMESPACES.includes(svc.namespace) && svc.namespace !== model.rootNamespace && svc.spec.type !== 'ExternalName')
    .flatMap((svc) => (svc.spec.ports ?? [])
      .filter((port: any) => !_portNameFollowsConvention(port))
      .map((port: any) => ({
        obj: svc,
        message: `Port name '${port.name ?? ''}' (port: ${port.port}, targetPort: ${port.targetPort ?? port.port}) does not follow Istio's '<protocol>[-<suffix>]' naming convention.`,
      }))),
};
