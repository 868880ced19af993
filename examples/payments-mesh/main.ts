/**
 * The seed's payments mesh (../../../shared/seed/istio-service-mesh.md): a `payments` namespace with
 * sidecar injection, payments-api v1 and v2 behind one Service, a 90/10 split with retries,
 * STRICT mTLS and an L7 authorization policy, written with cdk8s-plus-28 workloads and the
 * Istio 1.30.3 bindings of cdk8s-istio.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { networking_istio_io as networking, security_istio_io as security, SynthAnalysis } from '../../lib';

const APP = 'payments-api';

/** The namespace, cluster-scoped, so in a chart of its own without a default namespace. */
export class PaymentsNamespace extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Automatic sidecar injection for every pod created in the namespace.
    new kplus.Namespace(this, 'namespace', {
      metadata: { name: 'payments', labels: { 'istio-injection': 'enabled' } },
    });
  }
}

export class PaymentsMesh extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'payments', ...props });

    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', { metadata: { name: APP } });

    for (const version of ['v1', 'v2']) {
      new kplus.Deployment(this, `deployment-${version}`, {
        metadata: { name: `${APP}-${version}` },
        replicas: 2,
        serviceAccount,
        podMetadata: { labels: { app: APP, version } },
        containers: [{
          name: APP,
          image: `registry.example.com/payments-api:${version === 'v1' ? '1.4.2' : '1.5.0'}`,
          ports: [{ number: 8080, name: 'http' }],
          securityContext: { user: 1000, group: 1000 },
        }],
      });
    }

    // The Service selects `app` only, so that both versions sit behind it.
    new kplus.Service(this, 'service', {
      metadata: { name: APP, labels: { app: APP } },
      selector: kplus.Pods.select(this, 'payments-pods', { labels: { app: APP } }),
      ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
    });

    new networking.DestinationRule(this, 'destination-rule', {
      metadata: { name: APP },
      spec: {
        host: APP,
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          { name: 'v2', labels: { version: 'v2' } },
        ],
      },
    });

    new networking.VirtualService(this, 'virtual-service', {
      metadata: { name: APP },
      spec: {
        hosts: [APP],
        http: [{
          route: [
            { destination: { host: APP, subset: 'v1' }, weight: 90 },
            { destination: { host: APP, subset: 'v2' }, weight: 10 },
          ],
          retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset,connect-failure' },
        }],
      },
    });

    new security.PeerAuthentication(this, 'peer-authentication', {
      metadata: { name: 'default' },
      spec: { mtls: { mode: security.PeerAuthenticationSpecMtlsMode.STRICT } },
    });

    new security.AuthorizationPolicy(this, 'authorization-policy', {
      metadata: { name: 'payments-api-policy' },
      spec: {
        selector: { matchLabels: { app: APP } },
        action: security.AuthorizationPolicySpecAction.ALLOW,
        rules: [
          {
            from: [{ source: { principals: ['cluster.local/ns/frontend/sa/frontend-sa'] } }],
            to: [{ operation: { methods: ['GET', 'POST'], paths: ['/api/payments/*'] } }],
          },
          {
            from: [{ source: { principals: ['cluster.local/ns/monitoring/sa/prometheus'] } }],
            to: [{ operation: { methods: ['GET'], paths: ['/metrics'] } }],
          },
        ],
      },
    });
  }
}

if (require.main === module) {
  const app = new App();
  // Run the mesh analysis on every synth: errors fail it, warnings are printed.
  SynthAnalysis.attach(app);
  const namespace = new PaymentsNamespace(app, 'payments-namespace');
  new PaymentsMesh(app, 'payments-mesh').addDependency(namespace);
  app.synth();
}
