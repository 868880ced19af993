import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** The UID the Istio sidecar runs as; application containers must not use it. */
const PROXY_UID = 1337;

/** IST0144: a pod or container that runs as UID 1337, the sidecar's. */
export const INVALID_APPLICATION_UID: _Rule = {
  id: 'IST0144',
  rule: 'deployment/application-uid',
  name: 'InvalidApplicationUID',
  level: AnalysisLevel.WARNING,
  cause: 'A pod or one of its application containers runs as user ID 1337.',
  why: 'UID 1337 is reserved for the sidecar proxy: traffic from an application with that UID bypasses the proxy\'s capture rules.',
  fix: 'Run the application as another user ID (securityContext.runAsUser).',
  istioAnalyzer: 'deployment.ApplicationUIDAnalyzer',
  check: (model) => model.workloads
    .filter((w) => w.podSpec?.securityContext?.runAsUser === PROXY_UID
      || (w.podSpec?.containers ?? []).some((c: any) => c?.name !== 'istio-proxy' && c?.securityContext?.runAsUser === PROXY_UID))
    .map((w) => ({ obj: w.obj, message: 'User ID (UID) 1337 is reserved for the sidecar proxy.' })),
};
