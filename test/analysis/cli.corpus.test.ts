/** `cdk8s-istio analyze` on Istio's own YAML: the Bookinfo sample and an input of istioctl analyze's tests. */
import { _runCli } from '../../lib/analysis/cli';
import { corpusPath } from '../support/corpus';

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = _runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('cdk8s-istio analyze on Istio\'s YAML', () => {
  test('analyzes a folder of real YAML and reports each finding with code, level and resource', () => {
    const { code, out } = run('analyze', corpusPath('istio', 'samples', 'bookinfo'), '--fail-on', 'none');
    expect(code).toBe(0);
    expect(out).toMatch(/^Analyzed \d+ object\(s\) from \d+ file\(s\)\./);
    expect(out).toMatch(/\d+ error\(s\), \d+ warning\(s\), \d+ info\(s\), \d+ suppressed\n$/);
  });

  test('exits 1 on istioctl analyze\'s pod-sec-uid.yaml at --fail-on warning, 0 at the default', () => {
    const file = corpusPath('istio', 'analyzer', 'testdata', 'pod-sec-uid.yaml');
    expect(run('analyze', file, '--fail-on', 'warning').code).toBe(1);
    expect(run('analyze', file).code).toBe(0);
  });
});
