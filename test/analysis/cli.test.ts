import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { _runCli } from '../../lib/analysis/cli';
import { SHARED_DIR } from '../support/crd-schema';

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = _runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function tempYaml(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
  const file = path.join(dir, 'in.yaml');
  fs.writeFileSync(file, text);
  return file;
}

const TESTDATA = path.join(SHARED_DIR, 'istio', 'analyzer', 'testdata');
const BOOKINFO = path.join(SHARED_DIR, 'istio', 'samples', 'bookinfo');

describe('cdk8s-istio analyze', () => {
  test('analyzes a folder of real YAML and reports each finding with code, level and resource', () => {
    const { code, out } = run('analyze', BOOKINFO, '--fail-on', 'none');
    expect(code).toBe(0);
    expect(out).toMatch(/^Analyzed \d+ object\(s\) from \d+ file\(s\)\./);
    expect(out).toMatch(/\d+ error\(s\), \d+ warning\(s\), \d+ info\(s\), \d+ suppressed\n$/);
  });

  test('exits 1 when a finding reaches --fail-on, 0 when none does', () => {
    const file = path.join(TESTDATA, 'pod-sec-uid.yaml');
    expect(run('analyze', file, '--fail-on', 'warning').code).toBe(1);
    expect(run('analyze', file).code).toBe(0);
    expect(run('analyze', file, '--fail-on', 'none').code).toBe(0);
  });

  test('prints JSON findings with code, level, kind, namespace, name and message', () => {
    const file = tempYaml([
      'apiVersion: v1', 'kind: Service', 'metadata: {name: api, namespace: shop}', 'spec: {selector: {app: api}, ports: [{name: web, port: 80}]}',
    ].join('\n'));
    const { code, out } = run('analyze', file, '--format', 'json', '--fail-on', 'info');
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(json.objects).toBe(1);
    expect(json.findings).toEqual([expect.objectContaining({ code: 'IST0118', level: 'info', kind: 'Service', namespace: 'shop', name: 'api', source: file })]);
    expect(json.findings[0].message).toContain("Port name 'web'");
  });

  test('reports schema errors in hand-written Istio YAML as errors', () => {
    const file = tempYaml([
      'apiVersion: networking.istio.io/v1', 'kind: VirtualService', 'metadata: {name: r, namespace: shop}',
      'spec: {hosts: [r], http: [{route: [{destination: {host: r}, weight: "90"}]}]}',
    ].join('\n'));
    const { code, out } = run('analyze', file);
    expect(code).toBe(1);
    expect(out).toContain('error IST0106 VirtualService shop/r');
  });

  test('reads the mesh config from an istio ConfigMap', () => {
    const mesh = tempYaml(['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: istio, namespace: istio-system}', 'data:', '  mesh: |', '    rootNamespace: mesh-root'].join('\n'));
    const svc = tempYaml(['apiVersion: v1', 'kind: Service', 'metadata: {name: api, namespace: mesh-root}', 'spec: {ports: [{name: web, port: 80}]}'].join('\n'));
    expect(run('analyze', svc, '--fail-on', 'info').code).toBe(1);
    expect(run('analyze', svc, '--fail-on', 'info', '--mesh-config', mesh).code).toBe(0);
  });

  test('skips disabled rules', () => {
    const svc = tempYaml(['apiVersion: v1', 'kind: Service', 'metadata: {name: api}', 'spec: {ports: [{name: web, port: 80}]}'].join('\n'));
    expect(run('analyze', svc, '--fail-on', 'info', '--disable', 'IST0118').code).toBe(0);
  });

  test('exits 2 with the usage on bad arguments or unreadable input', () => {
    expect(run('analyze').code).toBe(2);
    expect(run('analyze', 'x.yaml', '--format', 'xml').err).toContain('--format must be text or json (received: xml)');
    expect(run('analyze', '--bogus').err).toContain('unknown option --bogus');
    const missing = run('analyze', '/no/such/file.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file or folder: /no/such/file.yaml');
  });

  test('attributes each object to its own file when it reads several', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
    const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  ports:\n  - name: web\n    port: 80\n`;
    fs.writeFileSync(path.join(dir, 'a.yaml'), `${svc('first')}---\n${svc('second')}`);
    fs.writeFileSync(path.join(dir, 'b.yaml'), '# only a comment\n');
    fs.writeFileSync(path.join(dir, 'c.yaml'), `%YAML 1.1\n---\n${svc('third')}`);
    const { out } = run('analyze', dir, '--format', 'json', '--fail-on', 'none');
    const sources = Object.fromEntries(JSON.parse(out).findings.map((f: any) => [f.name, path.basename(f.source)]));
    expect(sources).toEqual({ first: 'a.yaml', second: 'a.yaml', third: 'c.yaml' });
    expect(JSON.parse(out).objects).toBe(3);
  });

  test('a broken file among several does not take the objects of the next', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
    fs.writeFileSync(path.join(dir, 'a-broken.yaml'), 'kind: [unclosed\n');
    fs.writeFileSync(path.join(dir, 'b-good.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ok\n  namespace: shop\nspec:\n  ports:\n  - name: web\n    port: 80\n');
    const { out } = run('analyze', dir, '--format', 'json', '--fail-on', 'none');
    const finding = JSON.parse(out).findings.find((f: any) => f.name === 'ok');
    expect(path.basename(finding.source)).toBe('b-good.yaml');
  });

  test('lists the rules', () => {
    const { code, out } = run('--list-rules');
    expect(code).toBe(0);
    expect(out).toContain('IST0106 crd/schema-validation error SchemaValidationError');
  });

  test('lists the rules as JSON with each rule name and the istioctl analyzer it mirrors', () => {
    const { code, out } = run('--list-rules', '--format', 'json');
    expect(code).toBe(0);
    const rules = JSON.parse(out);
    expect(rules).toContainEqual(expect.objectContaining({ id: 'IST0101', rule: 'sidecar/selector-not-found', istioAnalyzer: 'sidecar.SelectorAnalyzer' }));
    expect(rules.find((r: any) => r.id === 'CI0004').istioAnalyzer).toBeUndefined();
  });

  test('disables one rule of a shared code by its rule name', () => {
    const file = tempYaml([
      'apiVersion: networking.istio.io/v1', 'kind: Sidecar', 'metadata: {name: sc, namespace: shop}', 'spec: {workloadSelector: {labels: {app: nope}}}',
    ].join('\n'));
    expect(run('analyze', file).code).toBe(1);
    expect(run('analyze', file, '--disable', 'sidecar/selector-not-found').code).toBe(0);
    expect(run('analyze', file, '--disable', 'telemetry/selector-not-found').code).toBe(1);
  });

  describe('progress', () => {
    // Three small files of Bookinfo's routing, copied to a folder of their own.
    const NETWORKING = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-progress-'));
    for (const file of ['destination-rule-all.yaml', 'virtual-service-all-v1.yaml', 'bookinfo-gateway.yaml']) {
      fs.copyFileSync(path.join(BOOKINFO, 'networking', file), path.join(NETWORKING, file));
    }
    const fileCount = 3;
    function runOn(options: { errIsTty?: boolean; env?: { [name: string]: string } }, ...argv: string[]) {
      const err: string[] = [];
      let out = '';
      const code = _runCli(['analyze', NETWORKING, '--fail-on', 'none', ...argv], { out: (t) => (out += t), err: (t) => err.push(t), ...options });
      return { code, out, err };
    }

    test('shows reading and analyzing lines on a terminal, then erases them', () => {
      const { code, out, err } = runOn({ errIsTty: true, env: {} });
      expect(code).toBe(0);
      const lines = err.map((t) => t.replace('\r\x1b[K', ''));
      expect(lines[0]).toBe(`reading ${fileCount} files...`);
      const objects = Number(/^Analyzed (\d+) object/.exec(out)![1]);
      expect(lines[lines.length - 2]).toBe(`analyzing ${objects} objects...`);
      expect(err[err.length - 1]).toBe('\r\x1b[K');
      expect(err.every((t) => t.startsWith('\r\x1b[K'))).toBe(true);
    });

    test('is quiet when standard error is not a terminal', () => {
      expect(runOn({ errIsTty: false, env: {} }).err).toEqual([]);
      expect(runOn({}).err).toEqual([]);
    });

    test('is quiet when CI is set', () => {
      expect(runOn({ errIsTty: true, env: { CI: 'true' } }).err).toEqual([]);
      expect(runOn({ errIsTty: true, env: { CI: '1' } }).err).toEqual([]);
    });

    test('shows progress when CI is set to false', () => {
      expect(runOn({ errIsTty: true, env: { CI: 'false' } }).err.length).toBeGreaterThan(0);
    });

    test('is quiet with --quiet', () => {
      expect(runOn({ errIsTty: true, env: {} }, '--quiet').err).toEqual([]);
    });

    test('erases the progress line before reporting unreadable input', () => {
      const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-')), 'bad.json');
      fs.writeFileSync(bad, '{ "kind": ');
      const err: string[] = [];
      const code = _runCli(['analyze', bad], { out: () => undefined, err: (t) => err.push(t), errIsTty: true, env: {} });
      expect(code).toBe(2);
      expect(err.slice(-2)).toEqual(['\r\x1b[K', expect.stringContaining('cdk8s-istio: cannot read input:')]);
    });
  });
});
