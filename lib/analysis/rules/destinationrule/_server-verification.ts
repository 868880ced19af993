/**
 * What IST0128 and IST0129 share: DestinationRule TLS settings that skip verifying the server's certificate,
 * for the whole host or for one port.
 */
import { _MeshModel } from '../../model';
import { _RawFinding } from '../../rule';

/**
 * True when the TLS settings skip verifying the server. Istio 1.30 verifies a SIMPLE or MUTUAL upstream even without
 * `caCertificates`: with VERIFY_CERTIFICATE_AT_CLIENT (on by default, pilot/pkg/features/pilot.go) an empty
 * `caCertificates` becomes `system`, the OS trust store (pilot/pkg/networking/core/cluster.go). Only
 * `insecureSkipVerify: true` really turns verification off. istioctl's CaCertificateAnalyzer still flags every empty
 * `caCertificates`, a false alarm on every TLS origination to a public host; we flag what skips verification.
 */
function skipsVerification(tls: any): boolean {
  return tls.insecureSkipVerify === true;
}

/** The findings of IST0128 (`portLevel` false: the whole host) or IST0129 (each port's settings). @internal */
export function _tlsFindings(model: _MeshModel, portLevel: boolean): _RawFinding[] {
  return model.istio('DestinationRule').flatMap((dr) => {
    const policy = dr.spec.trafficPolicy ?? {};
    const settings = portLevel ? (Array.isArray(policy.portLevelSettings) ? policy.portLevelSettings : []) : [policy];
    return settings
      .filter((s: any) => s?.tls && typeof s.tls === 'object' && skipsVerification(s.tls))
      .map((s: any) => ({
        obj: dr,
        message: `DestinationRule ${dr.name} in namespace ${dr.namespace} sets insecureSkipVerify with TLS mode ${s.tls.mode ?? 'DISABLE'} for host ${dr.spec.host}`
          + `${portLevel ? ` at port ${s.port?.number}` : ''}: the server's certificate is not verified.`,
      }));
  });
}

/** Why skipping verification matters, for both rules. @internal */
export const _WHY = 'With insecureSkipVerify the client checks neither the CA signature nor the SAN of the server\'s certificate: '
  + 'traffic is encrypted but open to a man in the middle. (Without caCertificates Istio 1.30 verifies against the OS trust store.)';
/** The fix, for both rules. @internal */
export const _FIX = 'Remove insecureSkipVerify; set caCertificates (or credentialName on a gateway DestinationRule) for a private CA. '
  + 'If skipping verification is intended (a test server), suppress the rule with the reason.';
