import { Chart, Testing } from 'cdk8s';
import { seedPaymentsApi } from './_util';
import { AnalysisLevel, MeshAnalysis, MeshService, Protocol, ZeroTrustNamespace } from '../../lib';
import { findObject, seedObjects } from '../support/seed';

/** The seed's payments namespace: a ZeroTrustNamespace, and the payments-api as a MeshService with its two ALLOW rules. */
function paymentsNamespace(): any[] {
  const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  new ZeroTrustNamespace(chart, 'namespace');
  seedPaymentsApi(chart);
  return Testing.synth(chart);
}

describe('ZeroTrustNamespace (seed)', () => {
  const synthesized = paymentsNamespace();
  const seed = seedObjects();

  test.each([
    ['PeerAuthentication', 'default'],
    ['AuthorizationPolicy', 'payments-api-policy'],
  ])('with a MeshService, reproduces the seed\'s %s %s exactly', (kind, name) => {
    expect(findObject(synthesized, kind, name)).toEqual(findObject(seed, kind, name));
  });

  test('denies everything else with the allow-nothing policy', () => {
    expect(findObject(synthesized, 'AuthorizationPolicy', 'allow-nothing')).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'allow-nothing', namespace: 'payments' },
      spec: {},
    });
  });

  test('labels the namespace istio-injection: enabled, as the seed\'s kubectl label does', () => {
    expect(findObject(synthesized, 'Namespace', 'payments').metadata).toEqual({ name: 'payments', labels: { 'istio-injection': 'enabled' } });
  });

  test('annotates the payments-api pods, so applying the label also restarts them (the seed\'s rollout restart)', () => {
    for (const name of ['payments-api-v1', 'payments-api-v2']) {
      expect(findObject(synthesized, 'Deployment', name).spec.template.metadata.annotations).toEqual({ 'cdk8s-istio/injection': 'enabled' });
    }
  });

  test('passes the mesh analysis without an error; the one warning is CI0030 on the seed\'s 5xx retries of POSTs', () => {
    const report = MeshAnalysis.analyze(synthesized);
    expect(report.ofLevel(AnalysisLevel.ERROR)).toEqual([]);
    // The principals name service accounts of frontend and monitoring, namespaces this app does not
    // declare, so CI0003 leaves them alone; the allow rules reach payments-api, so CI0005 is quiet.
    expect(report.active.map((f) => `${f.level} ${f.code} ${f.kind} ${f.name}`)).toEqual(['warning CI0030 VirtualService payments-api']);
  });

  test('draws the analysis warning CI0005 for a service no ALLOW rule reaches behind the allow-nothing policy', () => {
    const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    new ZeroTrustNamespace(chart, 'namespace');
    new MeshService(chart, 'ledger', { image: 'registry.example.com/ledger:1.0.0', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
    const findings = MeshAnalysis.analyze(Testing.synth(chart)).active;
    expect(findings.map((f) => `${f.level} ${f.code} ${f.kind} ${f.name}`)).toEqual(['warning CI0005 Deployment ledger-v1']);
  });
});
