import { _FIX, _WHY, _tlsFindings } from './_server-verification';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0129: TLS on one port that skips server certificate verification. */
export const NO_SERVER_CERT_VERIFICATION_PORT: _Rule = {
  id: 'IST0129',
  rule: 'destinationrule/ca-certificate-port',
  name: 'NoServerCertificateVerificationPortLevel',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule\'s TLS settings for one port set insecureSkipVerify: true (an empty caCertificates is fine: Istio 1.30 verifies against the OS trust store).',
  why: _WHY,
  fix: _FIX,
  istioAnalyzer: 'destinationrule.CaCertificateAnalyzer',
  check: (model) => _tlsFindings(model, true),
};
