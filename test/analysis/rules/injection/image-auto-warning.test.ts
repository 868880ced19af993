import { codes, gatewayDeployment, ns, run, suppress } from './_fixtures';

describe('IST0146 ImageAutoWithoutInjectionWarning', () => {
  test('reports a gateway Deployment with image: auto that no webhook selects', () => {
    expect(codes('IST0146', [ns('gw'), gatewayDeployment('gw')])).toEqual(['IST0146 Deployment gw/gw']);
    expect(run('IST0146', [gatewayDeployment('gw')])[0].message).toContain('image: auto');
  });
  test('reports against declared webhooks', () => {
    const webhooks = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'inj' },
      webhooks: [{ name: 'namespace.sidecar-injector.istio.io', namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } } }],
    };
    expect(codes('IST0146', [webhooks, gatewayDeployment('gw', { 'istio': 'gw', 'sidecar.istio.io/inject': 'true' })])).toEqual(['IST0146 Deployment gw/gw']);
  });
  test('accepts an injected namespace or an opted-in template', () => {
    expect(codes('IST0146', [ns('gw', { 'istio-injection': 'enabled' }), gatewayDeployment('gw')])).toEqual([]);
    expect(codes('IST0146', [gatewayDeployment('other', { 'sidecar.istio.io/inject': 'true' })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0146', [gatewayDeployment('gw', undefined, suppress('IST0146'))])).toEqual([]);
  });
});
