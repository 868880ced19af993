/**
 * The run-time effect of the library's safe defaults (CHANGELOG, Unreleased, Breaking changes), traced:
 * each pattern built as a user would, synthesized, and one request traced through the manifests;
 * beside it, the old (unsafe) setting and what the same request does then.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import {
  DataPlaneMode, IngressGateway, MeshAnalysis, MeshControlPlane, MeshService, Protocol, RetryOn,
  RoutingApi, TraceOutcome, TraceResult, ZeroTrustNamespace,
} from '../../../lib';

const HTTP_8080 = { ports: [{ number: 8080, protocol: Protocol.HTTP }] };

function steps(r: TraceResult, step: string) {
  return r.steps.filter((s) => s.step === step);
}

describe('mesh-wide STRICT mTLS is opt-in (MeshControlPlane)', () => {
  function mesh(meshWidePeerAuthentication?: boolean): any[] {
    const app = Testing.app();
    const system = new Chart(app, 'system', { namespace: 'istio-system' });
    new MeshControlPlane(system, 'mesh', { meshWidePeerAuthentication });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new MeshService(shop, 'cart', { image: 'registry.example.com/cart:1.0.0', ...HTTP_8080 });
    return [...Testing.synth(system), ...Testing.synth(shop)];
  }
  const CALL = { from: 'plain:legacy', url: 'http://cart.shop:8080/api/items' };

  test('with the defaults, a client without proxy reaches a meshed service of a namespace without its own PeerAuthentication', () => {
    const manifests = mesh();
    expect(manifests.filter((m) => m.kind === 'PeerAuthentication')).toEqual([]);
    const r = MeshAnalysis.trace(manifests, CALL);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    // Istio's own default (PERMISSIVE) decided, no object of the manifests.
    expect(steps(r, 'peer-authentication')).toEqual([expect.objectContaining({ decision: expect.stringContaining('PERMISSIVE') })]);
    expect(steps(r, 'peer-authentication')[0].by).toBeUndefined();
  });

  test('with meshWidePeerAuthentication: true, the same plaintext client is reset by istio-system/default', () => {
    const r = MeshAnalysis.trace(mesh(true), CALL);
    expect(r.outcome).toBe(TraceOutcome.RESET);
    expect(steps(r, 'peer-authentication').map((s) => s.by)).toContain('PeerAuthentication istio-system/default');
  });
});
