import { _gateways, _selector, _servers } from './_gateway-workloads';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** True when two server TLS settings use the same certificate: the same credentialName, or the same cert and key files. */
function sameCertificate(a: any, b: any): boolean {
  if (a.credentialName && b.credentialName) return a.credentialName === b.credentialName;
  if (a.credentialName || b.credentialName) return false;
  return Boolean(a.serverCertificate && a.serverCertificate === b.serverCertificate && a.privateKey && a.privateKey === b.privateKey);
}

/** IST0138: two Gateways serving the same workloads use the same certificate. */
export const GATEWAY_DUPLICATE_CERTIFICATE: _Rule = {
  id: 'IST0138',
  rule: 'gateway/duplicate-certificate',
  name: 'GatewayDuplicateCertificate',
  level: AnalysisLevel.WARNING,
  cause: 'A Gateway uses the same TLS certificate as another Gateway whose selector includes all of its labels.',
  why: 'Clients that reuse an HTTP/2 connection for every host the certificate covers reach the wrong server block and get 404s.',
  fix: 'Serve the hosts of one certificate from one Gateway server, or give each Gateway its own certificate.',
  istioAnalyzer: 'gateway.CertificateAnalyzer',
  check: (model) => {
    const gateways = _gateways(model);
    return gateways.flatMap((gw) => {
      const selector = _selector(gw);
      return gateways
        .filter((other) => other !== gw && Object.entries(selector).every(([k, v]) => _selector(other)[k] === v))
        .filter((other) => _servers(gw).some((s) => s.tls && _servers(other).some((o) => o.tls && sameCertificate(s.tls, o.tls))))
        .map((other) => ({
          obj: gw,
          message: `Gateways ${gw.namespace}/${gw.name} and ${other.namespace}/${other.name} serve the same workloads with the same certificate.`,
        }));
    });
  },
};
