import { _TlsConflict } from '../../facts/_mtls';
import { _workloadNames } from '../../facts/_workloads';
import { _resourceName } from '../../rule';

/** The message of an mTLS conflict: the DestinationRule, where it sets the mode, the PeerAuthentication and the workloads. @internal */
export function _conflictMessage(c: _TlsConflict, consequence: string): string {
  const { use, peer } = c;
  const port = use.servicePort.name ? `${use.servicePort.port} (${use.servicePort.name})` : `${use.servicePort.port}`;
  const policy = peer.policy ? _resourceName(peer.policy) : 'no PeerAuthentication';
  const scope = peer.portLevel ? ' on that port (portLevelMtls)' : '';
  return `DestinationRule ${use.dr.namespace}/${use.dr.name} sets TLS mode ${use.mode} (${use.where}) for Service ${use.service.namespace}/${use.service.name} `
    + `port ${port}, but ${policy} sets mTLS mode ${peer.mode}${scope} for ${_workloadNames(c.workloads)}: ${consequence}`;
}
