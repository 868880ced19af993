import { _FIX, _WHY, _tlsFindings } from './_server-verification';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0128: TLS for the whole host that skips server certificate verification. */
export const NO_SERVER_CERT_VERIFICATION_DESTINATION: _Rule = {
  id: 'IST0128',
  rule: 'destinationrule/ca-certificate',
  name: 'NoServerCertificateVerificationDestinationLevel',
  level: AnalysisLevel.WARNING,
  cause: 'A DestinationRule\'s TLS settings for the whole host set insecureSkipVerify: true (an empty caCertificates is fine: Istio 1.30 verifies against the OS trust store).',
  why: _WHY,
  fix: _FIX,
  istioAnalyzer: 'destinationrule.CaCertificateAnalyzer',
  check: (model) => _tlsFindings(model, false),
};
