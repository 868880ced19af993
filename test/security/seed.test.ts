import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as YAML from 'yaml';
import { AuthorizationAction, AuthorizationPolicy, HttpMethod, Identity, PeerAuthentication, WorkloadSelector } from '../../lib';
import { SHARED_DIR } from '../support/crd-schema';

/** The security.istio.io objects of the seed document, parsed from its YAML blocks. */
function seedObjects(): any[] {
  const text = fs.readFileSync(path.join(SHARED_DIR, 'seed', 'istio-service-mesh.md'), 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => YAML.parseAllDocuments(b).map((d) => d.toJS())).filter((o) => o?.apiVersion === 'security.istio.io/v1');
}

function find(objects: any[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among: ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

describe('the seed\'s security objects', () => {
  const seed = seedObjects();

  test('its PeerAuthentication default (STRICT in payments) is one line', () => {
    const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    new PeerAuthentication(chart, 'default', { metadata: { name: 'default' } });
    expect(find(Testing.synth(chart), 'PeerAuthentication', 'default')).toEqual(find(seed, 'PeerAuthentication', 'default'));
  });

  test('its AuthorizationPolicy payments-api-policy is built from identities', () => {
    const app = Testing.app();
    const frontend = new kplus.ServiceAccount(new Chart(app, 'frontend', { namespace: 'frontend' }), 'sa', { metadata: { name: 'frontend-sa' } });
    const chart = new Chart(app, 'payments', { namespace: 'payments' });

    const policy = new AuthorizationPolicy(chart, 'payments-api-policy', {
      metadata: { name: 'payments-api-policy' },
      selector: WorkloadSelector.labels({ app: 'payments-api' }),
      action: AuthorizationAction.ALLOW,
    });
    policy.addRule({
      from: [{ principals: [Identity.fromServiceAccount(frontend)] }],
      to: [{ methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/payments/*'] }],
    });
    policy.addRule({
      from: [{ principals: [Identity.fromNames('monitoring', 'prometheus')] }],
      to: [{ methods: [HttpMethod.GET], paths: ['/metrics'] }],
    });

    expect(find(Testing.synth(chart), 'AuthorizationPolicy', 'payments-api-policy')).toEqual(find(seed, 'AuthorizationPolicy', 'payments-api-policy'));
    expect(policy.node.validate()).toEqual([]);
  });
});
