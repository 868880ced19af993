import { AnalysisLevel } from '../../finding';
import { _MeshModel } from '../../model';
import { _Rule } from '../../rule';

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

function tlsFindings(model: _MeshModel, portLevel: boolean) {
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

const WHY = 'With insecureSkipVerify the client checks neither the CA signature nor the SAN of the server\'s certificate: '
  + 'traffic is encrypted but open to a man in the middle. (Without caCertificates Istio 1.30 verifies against the OS trust store.)';
const FIX = 'Remove insecureSkipVerify; set caCertificates (or credentialName on a gateway DestinationRule) for a private CA. '
  + 'If skipping verification is intended (a test server), suppress the rule with the reason.';

/** IST0128: TLS for the whole host that skips server certificate verification. */
export const NO_SERVER_CERT_VERIFICATION_DESTINATION: _Rule = {
  id: 'IST0128',
  rule: 'destinationrule/ca-certificate',
  name: 'NoServerCertificateVerificationDestinationLevel',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule\'s TLS settings for the whole host set insecureSkipVerify: true (an empty caCertificates is fine: Istio 1.30 verifies against the OS trust store).',
  why: WHY,
  fix: FIX,
  istioAnalyzer: 'destinationrule.CaCertificateAnalyzer',
  check: (model) => tlsFindings(model, false),
};

/** IST0129: TLS on one port that skips server certificate verification. */
export const NO_SERVER_CERT_VERIFICATION_PORT: _Rule = {
  id: 'IST0129',
  rule: 'destinationrule/ca-certificate-port',
  name: 'NoServerCertificateVerificationPortLevel',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule\'s TLS settings for one port set insecureSkipVerify: true (an empty caCertificates is fine: Istio 1.30 verifies against the OS trust store).',
  why: WHY,
  fix: FIX,
  istioAnalyzer: 'destinationrule.CaCertificateAnalyzer',
  check: (model) => tlsFindings(model, true),
};
