/**
 * Plain Kubernetes manifests, as a Helm chart or hand-written YAML would give them, synthesized by
 * cdk8s and checked by the MeshAnalysisPlugin named in cdk8s.yaml.
 */
import { ApiObject, App, Chart } from 'cdk8s';

const app = new App();
const chart = new Chart(app, 'legacy', { namespace: 'shop' });

new ApiObject(chart, 'deployment', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'catalog' },
  spec: {
    selector: { matchLabels: { app: 'catalog' } },
    template: {
      metadata: { labels: { app: 'catalog', version: 'v1' } },
      spec: { containers: [{ name: 'catalog', image: 'registry.example.com/catalog:2.1.0', ports: [{ containerPort: 8080 }] }] },
    },
  },
});

// 'web' does not tell Istio the protocol: the plugin logs IST0118 (an info, below failOn).
new ApiObject(chart, 'service', {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'catalog' },
  spec: { selector: { app: 'catalog' }, ports: [{ name: 'web', port: 80, targetPort: 8080 }] },
});

app.synth();
