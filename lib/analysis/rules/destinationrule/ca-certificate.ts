import { AnalysisLevel } from '../../finding';
import { _MeshModel, _Obj } from '../../model';
import { _Rule } from '../../rule';

const VERIFYING_MODES = ['SIMPLE', 'MUTUAL'];

/** True when the TLS settings verify the server: a CA, or a credentialName usable by a selected gateway. */
function verifiesServer(tls: any, dr: _Obj): boolean {
  if (tls.caCertificates || tls.insecureSkipVerify) return true;
  // A credentialName holds the CA too, but only gateways (selected by workloadSelector) read it.
  return Boolean(tls.credentialName && dr.spec.workloadSelector);
}

function tlsFindings(model: _MeshModel, portLevel: boolean) {
  return model.istio('DestinationRule').flatMap((dr) => {
    const policy = dr.spec.trafficPolicy ?? {};
    const settings = portLevel ? (policy.portLevelSettings ?? []) : [policy];
    return settings
      .filter((s: any) => s?.tls && VERIFYING_MODES.includes(s.tls.mode) && !verifiesServer(s.tls, dr))
      .map((s: any) => ({
        obj: dr,
        message: `DestinationRule ${dr.name} in namespace ${dr.namespace} has TLS mode ${s.tls.mode} but no caCertificates to verify the server for host ${dr.spec.host}`
          + (portLevel ? ` at port ${s.port?.number}.` : '.'),
      }));
  });
}

const WHY = 'Without a CA the client does not verify the server\'s certificate: traffic is encrypted but open to a man in the middle.';
const FIX = 'Set caCertificates (or credentialName on a gateway DestinationRule with a workloadSelector).';

/** IST0128: SIMPLE or MUTUAL TLS at destination level without a CA to verify the server. */
export const NO_SERVER_CERT_VERIFICATION_DESTINATION: _Rule = {
  id: 'IST0128',
  rule: 'destinationrule/ca-certificate',
  name: 'NoServerCertificateVerificationDestinationLevel',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule sets TLS mode SIMPLE or MUTUAL for the whole host without caCertificates.',
  why: WHY,
  fix: FIX,
  istioAnalyzer: 'destinationrule.CaCertificateAnalyzer',
  check: (model) => tlsFindings(model, false),
};

/** IST0129: SIMPLE or MUTUAL TLS at port level without a CA to verify the server. */
export const NO_SERVER_CERT_VERIFICATION_PORT: _Rule = {
  id: 'IST0129',
  rule: 'destinationrule/ca-certificate-port',
  name: 'NoServerCertificateVerificationPortLevel',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule sets TLS mode SIMPLE or MUTUAL on a port without caCertificates.',
  why: WHY,
  fix: FIX,
  istioAnalyzer: 'destinationrule.CaCertificateAnalyzer',
  check: (model) => tlsFindings(model, true),
};
