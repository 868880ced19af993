/**
 * A shop with the five Istio mistakes that Istio's docs and the seed warn about most, written the
 * way people write them. `cdk8s synth` fails: the mesh analysis (attached with failOn: info) reports
 * exactly one finding per mistake. Each mistake says which construct let it through and which
 * construct would have refused it.
 */
import * as path from 'path';
import { ApiObject, App, Chart, ChartProps, Include, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  AnalysisLevel, ClientTls, Destination, DestinationRule, MeshService, Protocol, SynthAnalysis, VirtualService, ZeroTrustNamespace,
} from '../../lib';

/** What the analysis reports for each mistake: rule id and resource, in report order. */
export const EXPECTED_FINDINGS = [
  // 4. The ALLOW policy that allows everything.
  'error CI0004 AuthorizationPolicy shop/catalog-readers',
  // 5. STRICT mTLS on the server, DISABLE in the client's DestinationRule.
  'error CI0001 DestinationRule shop/inventory',
  // 2. The VirtualService's host matches no Service.
  'error IST0101 VirtualService shop/catalogue',
  // 3. A subset no DestinationRule defines.
  'error IST0101 VirtualService shop/reviews',
  // 1. The namespace without injection.
  'info IST0102 Namespace legacy',
  // 4. again, as the traffic it lets through: a caller the zero-trust namespace lists nowhere is not denied.
  'error TRAFFIC unlisted intent',
];

/** A plain workload: a Deployment and, when it serves, a Service with an Istio-named port. */
function workload(scope: Construct, name: string, version: string, options: { serve?: boolean; namespace?: string } = {}): void {
  const labels = { app: name, version };
  const deployment = new kplus.Deployment(scope, `${name}-${version}`, {
    metadata: { name: `${name}-${version}`, namespace: options.namespace },
    select: false,
    podMetadata: { labels },
    containers: [{ name, image: `registry.example.com/${name}:1.0.0`, ports: [{ number: 8080 }] }],
  });
  deployment.select(kplus.LabelSelector.of({ labels }));
  if (options.serve ?? true) {
    const service = new kplus.Service(scope, `${name}-service`, { metadata: { name, namespace: options.namespace }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    service.selectLabel('app', name);
  }
}

/** The shop, with its five mistakes. */
export class BrokenShop extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'shop', ...props });

    // The shop namespace itself is right: injection, STRICT mTLS, allow-nothing.
    new ZeroTrustNamespace(this, 'shop');
    new MeshService(this, 'catalog', { image: 'registry.example.com/catalog:2.1.0', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
    workload(this, 'inventory', 'v1');
    workload(this, 'reviews', 'v1');

    // 1. Namespace not injected: a batch namespace created by hand, with no istio-injection label.
    //    Its pods run without a sidecar: no mTLS, no policy, no telemetry. (ZeroTrustNamespace always
    //    labels its namespace; kplus.Namespace says nothing about injection.)
    const legacy = new kplus.Namespace(this, 'legacy', { metadata: { name: 'legacy' } });
    ApiObject.of(legacy).addJsonPatch(JsonPatch.remove('/metadata/namespace')); // cluster-scoped: not in the chart's namespace
    workload(this, 'batch-worker', 'v1', { serve: false, namespace: 'legacy' });

    // 2. VirtualService host matching no Service: 'catalogue' for the Service 'catalog'. Requests to
    //    the route's destination fail with 503. The L2 accepts any host name (it may be a ServiceEntry
    //    host or another team's Service); MeshService cannot make this mistake, its VirtualService
    //    takes the host of the Service it creates.
    new VirtualService(this, 'catalogue', {
      metadata: { name: 'catalogue' },
      hosts: ['catalogue'],
      http: [{ route: [Destination.to('catalogue')] }],
    });

    // 3. A subset with no DestinationRule: reviews is routed to its subset v2, but no DestinationRule
    //    for reviews defines it, so the route fails with 503 NR. MeshService and
    //    CanaryRelease create the DestinationRule with every subset they route to.
    new VirtualService(this, 'reviews', {
      metadata: { name: 'reviews' },
      hosts: ['reviews'],
      http: [{ route: [Destination.to('reviews', { subset: 'v2' })] }],
    });

    // 4. An ALLOW AuthorizationPolicy that allows everything by accident, from YAML kept in the
    //    repository. The AuthorizationPolicy L2 refuses such a rule at construction ("matches every
    //    request, so this ALLOW policy would allow everything"): only YAML from elsewhere can bring it in.
    new Include(this, 'legacy-policy', { url: path.join(__dirname, 'legacy-policy.yaml') });

    // 5. STRICT mTLS with a DISABLE DestinationRule: the namespace's PeerAuthentication accepts only
    //    Istio mTLS, and this DestinationRule (left from a plaintext migration) makes clients send
    //    plaintext to inventory: every request is reset. Each construct is valid on its own; only
    //    the analysis sees both.
    new DestinationRule(this, 'inventory-plaintext', {
      metadata: { name: 'inventory' },
      host: 'inventory',
      trafficPolicy: { tls: ClientTls.disable() },
    });
  }
}

/** The app as `cdk8s synth` runs it: the analysis fails the synth on any finding, infos included. */
export function brokenApp(outdir?: string): App {
  const app = new App({ outdir });
  SynthAnalysis.attach(app, { failOn: AnalysisLevel.INFO });
  new BrokenShop(app, 'shop');
  return app;
}

if (require.main === module) {
  brokenApp().synth();
}
