/**
 * The seed's payments mesh (../../../shared/seed/istio-service-mesh.md), written with the
 * cdk8s-istio patterns: a zero-trust `payments` namespace (sidecar injection, STRICT mTLS,
 * deny by default), payments-api v1 and v2 behind one Service with a 90/10 split and the seed's
 * retries, and the two ALLOW rules of `payments-api-policy`.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { HttpMethod, Identity, MeshService, Protocol, SynthAnalysis, ZeroTrustNamespace } from '../../lib';

export class PaymentsMesh extends Chart {
  /** The namespace: injection label, PeerAuthentication STRICT, allow-nothing, default Sidecar. */
  public readonly namespaceGuard: ZeroTrustNamespace;

  /** payments-api: ServiceAccount, Deployments v1 and v2, Service, DestinationRule, VirtualService, policy. */
  public readonly api: MeshService;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'payments', ...props });

    this.namespaceGuard = new ZeroTrustNamespace(this, 'namespace');

    this.api = new MeshService(this, 'payments-api', {
      image: 'registry.example.com/payments-api:1.4.2',
      ports: [{ number: 8080, protocol: Protocol.HTTP }],
      replicas: 2,
    });
    this.api.addVersion('v2', 'registry.example.com/payments-api:1.5.0', { replicas: 2 });
    this.api.splitTraffic({ v1: 90, v2: 10 });

    // Everything not allowed here is denied (allow-nothing): the frontend and Prometheus, by identity.
    this.api.allowFrom(Identity.fromNames('frontend', 'frontend-sa'), { methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/payments/*'] });
    this.api.allowFrom(Identity.fromNames('monitoring', 'prometheus'), { methods: [HttpMethod.GET], paths: ['/metrics'] });
  }
}

if (require.main === module) {
  const app = new App();
  // Run the mesh analysis on every synth: errors fail it, warnings are printed.
  SynthAnalysis.attach(app);
  new PaymentsMesh(app, 'payments-mesh');
  app.synth();
}
