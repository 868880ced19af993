import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { errorOf } from './_util';
import { Identity, IngressGateway, MeshPeer, MeshService, Protocol, ZeroTrustNamespace } from '../../lib';

describe('MeshPeer', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const web = new MeshService(new Chart(app, 'web', { namespace: 'web' }), 'frontend', { image: 'web:1', ports: [{ number: 80, protocol: Protocol.HTTP }] });
  const ingress = new IngressGateway(chart, 'public', { namespace: 'istio-system', httpServers: [{ hosts: ['shop.example.com'] }] });

  test('names services, gateways, identities and service accounts by principal, namespaces by namespace', () => {
    expect(MeshPeer.service(web).sourceIdentity.asPrincipal).toBe('cluster.local/ns/web/sa/frontend');
    expect(MeshPeer.gateway(ingress).sourceIdentity.asPrincipal).toBe('cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account');
    expect(MeshPeer.identity(Identity.fromNames('a', 'b')).sourceIdentity.asPrincipal).toBe('cluster.local/ns/a/sa/b');
    const sa = new kplus.ServiceAccount(chart, 'jobs', { metadata: { name: 'jobs' } });
    expect(MeshPeer.serviceAccount(sa, { trustDomain: 'corp.example' }).sourceIdentity.asPrincipal).toBe('corp.example/ns/shop/sa/jobs');
    expect(MeshPeer.anyAuthenticated().sourceIdentity.asPrincipal).toBe('*');
    const ns = MeshPeer.namespace('team-*');
    expect([ns.isNamespace, ns.sourceIdentity.asNamespace, MeshPeer.service(web).isNamespace]).toEqual([true, 'team-*', false]);
  });

  test('reads as the construct it was made from, else as its identity', () => {
    expect(`${MeshPeer.service(web)}`).toBe('web/frontend');
    expect(`${MeshPeer.namespace('monitoring')}`).toBe('namespace monitoring');
    expect(`${MeshPeer.identity(Identity.fromNames('a', 'b'))}`).toBe('cluster.local/ns/a/sa/b');
  });

  test('from plain JavaScript, each factory fails on what it cannot name, with the call site', () => {
    expect(errorOf(() => MeshPeer.identity('cluster.local/ns/a/sa/b' as any))).toContain('MeshPeer.identity: \'identity\' must be an Identity (received: "cluster.local/ns/a/sa/b")');
    expect(errorOf(() => MeshPeer.service(Identity.fromNames('a', 'b') as any))).toContain('MeshPeer.service: \'service\' must be a MeshService or another IMeshWorkload');
    expect(errorOf(() => MeshPeer.gateway(undefined as any))).toContain('MeshPeer.gateway: \'gateway\' must be an IngressGateway or another IMeshGateway');
    expect(errorOf(() => MeshPeer.serviceAccount('jobs' as any))).toContain('MeshPeer.serviceAccount: \'serviceAccount\' must be a cdk8s-plus ServiceAccount');
    const message = errorOf(() => MeshPeer.namespace('*team*'));
    expect(message).toContain('MeshPeer.namespace: \'namespace\' must be a namespace name');
    expect(message).toContain('(MeshPeer.namespace was called at test/patterns/mesh-peer.test.ts:');
  });

  // Istio matches `source.namespaces` by exact name, `prefix*` or `*suffix` (AuthorizationPolicy reference, istio.io).
  test.each(['shop', 'team-*', '*-prod', 'a', '*', 'x'.repeat(63)])('MeshPeer.namespace takes %s', (ns) => {
    expect(MeshPeer.namespace(ns).sourceIdentity.asNamespace).toBe(ns);
  });

  test.each(['shop-', '-shop', 'Shop', 'x'.repeat(64), '*team*', '**', 'te*am', ''])('MeshPeer.namespace fails on %s', (ns) => {
    expect(errorOf(() => MeshPeer.namespace(ns))).toContain('\'namespace\' must be a namespace name (a DNS label');
  });

  test('ZeroTrustNamespace.allow() fails on a single peer where a list belongs', () => {
    const ns = new ZeroTrustNamespace(new Chart(Testing.app(), 'c', { namespace: 'shop' }), 'ns');
    expect(errorOf(() => ns.allow({ from: MeshPeer.namespace('web') as any })))
      .toContain('ZeroTrustNamespace \'c/ns\': \'allow(0).from\' must be a list of MeshPeer');
  });
});
