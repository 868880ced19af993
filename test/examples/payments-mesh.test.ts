import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { PaymentsMesh, PaymentsNamespace } from '../../examples/payments-mesh/main';
import { SHARED_DIR } from '../support/crd-schema';

/** The Istio YAML blocks of the seed document, parsed. */
function seedObjects(): any[] {
  const text = fs.readFileSync(path.join(SHARED_DIR, 'seed', 'istio-service-mesh.md'), 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => YAML.parseAllDocuments(b).map((d) => d.toJS())).filter((o) => o?.apiVersion?.includes('istio.io/v1'));
}

function find(objects: any[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among: ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

describe('examples/payments-mesh', () => {
  const chart = new PaymentsMesh(Testing.app(), 'payments-mesh');
  const synthesized = Testing.synth(chart);
  const seed = seedObjects();

  test.each([
    ['DestinationRule', 'payments-api'],
    ['VirtualService', 'payments-api'],
    ['PeerAuthentication', 'default'],
    ['AuthorizationPolicy', 'payments-api-policy'],
  ])('its %s %s equals the seed YAML', (kind, name) => {
    expect(find(synthesized, kind, name)).toEqual(find(seed, kind, name));
  });

  test('labels both versions for their subsets and selects only on app in the Service', () => {
    const v1 = find(synthesized, 'Deployment', 'payments-api-v1');
    const v2 = find(synthesized, 'Deployment', 'payments-api-v2');
    expect(v1.spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v1' });
    expect(v2.spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v2' });
    expect(v1.spec.template.spec.serviceAccountName).toBe('payments-api');
    expect(find(synthesized, 'Service', 'payments-api').spec.selector).toEqual({ app: 'payments-api' });
  });

  test('labels the namespace for sidecar injection, without a namespace of its own', () => {
    const [ns] = Testing.synth(new PaymentsNamespace(Testing.app(), 'ns'));
    expect(ns.metadata).toEqual({ name: 'payments', labels: { 'istio-injection': 'enabled' } });
  });
});
