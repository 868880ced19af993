import { _meshedDeploymentsWithServices, _svcName } from './_service-association';
import { AnalysisLevel } from '../../finding';
import { _RawFinding, _Rule } from '../../rule';

/** IST0116: a Deployment whose Services use one port number with different protocols. */
export const DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES: _Rule = {
  id: 'IST0116',
  rule: 'deployment/multiple-services',
  name: 'DeploymentAssociatedToMultipleServices',
  level: AnalysisLevel.WARNING,
  cause: 'Several Services select the same meshed Deployment and use the same port number with different protocols (TCP, UDP, SCTP).',
  why: 'The sidecar keys its inbound listeners by port: one port cannot carry two protocols, so one of the Services does not work.',
  fix: 'Use a different port number per protocol, or one protocol per port across the Services that select the Deployment.',
  istioAnalyzer: 'deployment.ServiceAssociationAnalyzer',
  check: (model) => _meshedDeploymentsWithServices(model).flatMap(({ deployment, services }) => {
    const byPort = new Map<number, Map<string, string[]>>();
    for (const svc of services) {
      for (const p of Array.isArray(svc.spec.ports) ? svc.spec.ports : []) {
        const protocols = byPort.get(p?.port) ?? new Map<string, string[]>();
        const protocol = p?.protocol || 'TCP';
        protocols.set(protocol, [...(protocols.get(protocol) ?? []), _svcName(svc)]);
        byPort.set(p?.port, protocols);
      }
    }
    const findings: _RawFinding[] = [];
    for (const [port, protocols] of byPort) {
      if (protocols.size < 2) continue;
      const names = [...protocols.values()].flat().sort();
      findings.push({
        obj: deployment,
        message: `Deployment ${deployment.name} is selected by Services [${names.join(', ')}] that use port ${port} with different protocols (${[...protocols.keys()].join(', ')}).`,
      });
    }
    return findings;
  }),
};
