import { _meshedDeploymentsWithServices, _svcName } from './_service-association';
import { AnalysisLevel } from '../../finding';
import { _RawFinding, _Rule } from '../../rule';

/** IST0137: a Deployment whose Services send different ports to one targetPort. */
export const DEPLOYMENT_CONFLICTING_PORTS: _Rule = {
  id: 'IST0137',
  rule: 'deployment/conflicting-ports',
  name: 'DeploymentConflictingPorts',
  level: AnalysisLevel.WARNING,
  cause: 'Several Services select the same meshed Deployment and map different service ports to the same targetPort.',
  why: 'The sidecar builds one inbound listener per target port with the settings of one service port: the other Service\'s traffic gets the wrong protocol or routing.',
  fix: 'Give the Services the same port for that targetPort, or point them at different targetPorts.',
  istioAnalyzer: 'deployment.ServiceAssociationAnalyzer',
  check: (model) => _meshedDeploymentsWithServices(model).flatMap(({ deployment, services }) => {
    const byTarget = new Map<string, Map<number, string>>();
    for (const svc of services) {
      for (const p of Array.isArray(svc.spec.ports) ? svc.spec.ports : []) {
        const target = p?.targetPort === undefined || p.targetPort === 0 || p.targetPort === '' ? String(p?.port) : String(p.targetPort);
        const ports = byTarget.get(target) ?? new Map<number, string>();
        ports.set(p?.port, _svcName(svc));
        byTarget.set(target, ports);
      }
    }
    const findings: _RawFinding[] = [];
    for (const [target, ports] of byTarget) {
      if (ports.size < 2) continue;
      const names = [...ports.values()].sort();
      const numbers = [...ports.keys()].sort((a, b) => a - b);
      findings.push({
        obj: deployment,
        message: `Deployment ${deployment.name} is selected by Services [${names.join(', ')}] that send ports [${numbers.join(', ')}] to the same targetPort ${target}.`,
      });
    }
    return findings;
  }),
};
