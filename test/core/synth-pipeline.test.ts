import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * What a CI pipeline sees when the synth fails: `cdk8s synth` on examples/broken (an app whose mesh
 * analysis fails on purpose), into an output folder that holds the manifests of an earlier,
 * successful synth.
 */
describe('a failed synth in a pipeline', () => {
  const root = path.join(__dirname, '..', '..');
  const example = path.join(root, 'examples', 'broken');

  test('cdk8s synth exits non-zero and leaves no manifest, old or new, in the output folder', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-pipeline-'));
    fs.writeFileSync(path.join(out, 'shop.k8s.yaml'), 'kind: ConfigMap\n# from the last good synth\n');
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'cdk8s'),
      ['synth', '--no-check-upgrade', '--app', `${process.execPath} -r ts-node/register/transpile-only main.ts`, '--output', out],
      { cwd: example, encoding: 'utf-8' });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('Validation failed with the following errors');
    const left = fs.existsSync(out) ? fs.readdirSync(out) : [];
    expect(left.filter((f) => f.endsWith('.yaml'))).toEqual([]);
  }, 180_000);
});
