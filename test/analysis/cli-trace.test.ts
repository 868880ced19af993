import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { shop } from './trace/shop';
import { _runCli } from '../../lib/analysis/cli';

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = _runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The shop mesh as a folder of YAML: one file per namespace's objects. */
function shopFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-cli-'));
  const objects = shop();
  fs.writeFileSync(path.join(dir, 'web.yaml'), objects.filter((o) => o.metadata.namespace === 'web' || o.metadata.name === 'web').map((o) => JSON.stringify(o)).join('\n---\n'));
  fs.writeFileSync(path.join(dir, 'shop.yaml'), objects.filter((o) => o.metadata.namespace === 'shop' || o.metadata.name === 'shop').map((o) => JSON.stringify(o)).join('\n---\n'));
  return dir;
}

const DIR = shopFolder();

describe('cdk8s-istio trace', () => {
  test('prints the JSON contract: outcome, status, backends with subset and weight, steps with step, decision and by', () => {
    const { code, out } = run('trace', DIR, '--from', 'pod:web/frontend', '--url', 'http://cart.shop/items', '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['outcome', 'status', 'backends', 'steps']);
    expect(json).toMatchObject({ outcome: 'delivered', status: null, backends: [{ host: 'cart.shop.svc.cluster.local', subset: null, weight: 100 }] });
    for (const s of json.steps) expect(Object.keys(s)).toEqual(['step', 'decision', 'by']);
    expect(json.steps.find((s: any) => s.step === 'authz').by).toBe('AuthorizationPolicy shop/cart-from-frontend');
  });

  test('prints one line per step, then the outcome, and exits 0 whatever the outcome', () => {
    const { code, out } = run('trace', DIR, '--from', 'plain:web', '--url', 'http://cart.shop/items');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('outcome: reset');
    expect(lines.some((l) => /^peer-authentication\s+.*STRICT.*\[PeerAuthentication shop\/default\]$/.test(l))).toBe(true);
  });

  test('--method and --header reach the policies; --expect exits 1 on a mismatch', () => {
    const denied = run('trace', DIR, '--from', 'pod:shop/cart', '--url', 'http://cart.shop/', '--method', 'POST', '--header', 'x-user=jason', '--expect', 'denied');
    expect(denied.code).toBe(0);
    expect(denied.out).toContain('outcome: denied (403)');
    const mismatch = run('trace', DIR, '--from', 'pod:web/frontend', '--url', 'http://cart.shop/', '--expect', 'denied');
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toContain('expected denied, got delivered');
  });

  test('--mesh-config sets the outbound traffic policy', () => {
    const mesh = path.join(DIR, '..', `mesh-${path.basename(DIR)}.yaml`);
    fs.writeFileSync(mesh, 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n');
    const { out } = run('trace', DIR, '--from', 'pod:web/frontend', '--url', 'http://api.example.com/', '--mesh-config', mesh, '--format', 'json');
    expect(JSON.parse(out)).toMatchObject({ outcome: 'blackholed', status: 502, backends: [] });
  });

  test.each([
    [['--from', 'pod:web/frontend'], '--url URL is required'],
    [['--url', 'http://cart.shop/'], '--from SOURCE is required'],
    [['--from', 'web/frontend', '--url', 'http://cart.shop/'], "'from' must start with pod:, plain: or gateway: (received: \"web/frontend\")"],
    [['--from', 'pod:web', '--url', 'http://cart.shop/'], 'must name <namespace>/<serviceaccount> after pod:'],
    [['--from', 'pod:web/frontend', '--url', 'cart.shop/items'], "'url' is not an http or https URL (received: \"cart.shop/items\")"],
    [['--from', 'pod:web/frontend', '--url', 'http://cart.shop/', '--expect', 'ok'], '--expect must be one of delivered, denied'],
    [['--from', 'pod:web/frontend', '--url', 'http://cart.shop/', '--header', 'x-user'], '--header must be NAME=VALUE'],
    [['--from', 'pod:web/frontend', '--url', 'http://cart.shop/', '--format', 'xml'], '--format must be text or json'],
  ])('exits 2 on bad arguments %j', (args, message) => {
    const { code, err } = run('trace', DIR, ...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('Usage: cdk8s-istio trace');
  });

  test('exits 2 on a missing file and without files', () => {
    expect(run('trace', '/no/such/dir', '--from', 'plain:web', '--url', 'http://x/').code).toBe(2);
    expect(run('trace', '--from', 'plain:web', '--url', 'http://x/').err).toContain('give at least one file or folder');
  });

  test('--help shows the SOURCE forms and exits 0', () => {
    const { code, out } = run('trace', '--help');
    expect(code).toBe(0);
    expect(out).toContain('gateway:<namespace>/<serviceaccount>?<labels>');
  });
});
