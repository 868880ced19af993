import { _conflictMessage } from './_mtls-message';
import { _tlsConflicts } from '../../facts/_mtls';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/**
 * CI0002: a client forces Istio mTLS (ISTIO_MUTUAL) towards workloads whose PeerAuthentication turns
 * mTLS off (DISABLE), the trap of a half-done migration.
 */
export const MTLS_TO_DISABLED_SERVER: _Rule = {
  id: 'CI0002',
  rule: 'mesh/mtls-disabled-server',
  name: 'DestinationRuleIstioMutualToDisabledMtls',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule sets TLS mode ISTIO_MUTUAL (for the host, a port or a subset) towards workloads whose PeerAuthentication is DISABLE.',
  why: 'The client sidecar sends Istio mTLS while the server sidecar accepts only plaintext: requests fail, typically half-way through '
    + 'a migration where one side was switched and the other was not.',
  fix: 'Set the PeerAuthentication to PERMISSIVE or STRICT for those workloads, or remove tls from the DestinationRule (auto mTLS then '
    + 'sends plaintext to them).',
  check: (model) => _tlsConflicts(model, ['ISTIO_MUTUAL'], 'DISABLE').map((c) => ({
    obj: c.use.dr,
    message: _conflictMessage(c, 'the server accepts only plaintext, so these requests fail.'),
  })),
};
