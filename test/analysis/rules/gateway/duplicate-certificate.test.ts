import { findings, gateway, messages, server, suppress, suppressed } from './_fixtures';
import { GATEWAY_DUPLICATE_CERTIFICATE as RULE } from '../../../../lib/analysis/rules/gateway/duplicate-certificate';

const ingress = { istio: 'ingressgateway' };
const internal = { istio: 'ingressgateway', type: 'internal' };
const https = (name: string, selector: Record<string, string>, tls: any, annotations?: Record<string, string>) =>
  gateway(name, selector, [server(443, [`${name}.example.com`], { mode: 'SIMPLE', ...tls })], 'istio-system', annotations);

describe('IST0138 GatewayDuplicateCertificate', () => {
  test('reports two Gateways for the same workloads with the same credentialName', () => {
    const manifests = [https('a', ingress, { credentialName: 'wildcard' }), https('b', ingress, { credentialName: 'wildcard' })];
    expect(findings(RULE, manifests).sort()).toEqual(['IST0138 Gateway istio-system/a', 'IST0138 Gateway istio-system/b']);
    expect(messages(RULE, manifests)[0]).toContain('Gateways istio-system/a and istio-system/b');
  });

  test('reports the same certificate and key files', () => {
    const files = { serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' };
    expect(findings(RULE, [https('a', ingress, files), https('b', ingress, files)]).sort())
      .toEqual(['IST0138 Gateway istio-system/a', 'IST0138 Gateway istio-system/b']);
  });

  test('reports only the Gateway whose selector is within the other one', () => {
    expect(findings(RULE, [https('a', ingress, { credentialName: 'wildcard' }), https('b', internal, { credentialName: 'wildcard' })]))
      .toEqual(['IST0138 Gateway istio-system/a']);
  });

  test('accepts different certificates and unrelated workloads', () => {
    expect(findings(RULE, [https('a', ingress, { credentialName: 'a-cert' }), https('b', ingress, { credentialName: 'b-cert' })])).toEqual([]);
    expect(findings(RULE, [https('a', { app: 'x' }, { credentialName: 'c' }), https('b', { app: 'y' }, { credentialName: 'c' })])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [https('a', ingress, { credentialName: 'w' }, suppress('IST0138')), https('b', ingress, { credentialName: 'w' })];
    expect(findings(RULE, manifests)).toEqual(['IST0138 Gateway istio-system/b']);
    expect(suppressed(RULE, manifests)).toEqual(['IST0138 Gateway istio-system/a']);
  });
});
