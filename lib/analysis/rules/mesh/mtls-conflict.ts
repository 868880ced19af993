import { _conflictMessage } from './_mtls-message';
import { _tlsConflicts } from '../../facts/_mtls';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/**
 * CI0001: a client sends plaintext (DISABLE) or its own TLS (SIMPLE) to workloads whose
 * PeerAuthentication accepts only Istio mTLS (STRICT). istioctl analyze has no analyzer for it.
 */
export const MTLS_CONFLICT: _Rule = {
  id: 'CI0001',
  rule: 'mesh/mtls-conflict',
  name: 'DestinationRuleTlsConflictsWithStrictMtls',
  level: AnalysisLevel.ERROR,
  cause: 'A DestinationRule sets TLS mode DISABLE or SIMPLE (for the host, a port or a subset) towards workloads whose PeerAuthentication is STRICT.',
  why: 'The client sidecar sends plaintext or non-Istio TLS while the server sidecar accepts only Istio mTLS: every request fails '
    + '(connection reset, 503 upstream connect error).',
  fix: 'Set the DestinationRule\'s tls.mode to ISTIO_MUTUAL (or remove tls and let auto mTLS choose), '
    + 'or relax the PeerAuthentication to PERMISSIVE for that workload or port while clients migrate.',
  check: (model) => _tlsConflicts(model, ['DISABLE', 'SIMPLE'], 'STRICT').map((c) => ({
    obj: c.use.dr,
    message: _conflictMessage(c, 'the server accepts only Istio mTLS, so these requests fail.'),
  })),
};
