import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { _runCli } from '../../lib/analysis/cli';

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

/** A Pod running as the sidecar's UID 1337: a warning (IST0144), as in istioctl analyze's pod-sec-uid.yaml. */
const POD_AS_PROXY_UID = [
  'apiVersion: v1', 'kind: Pod', 'metadata: {name: pod-sec-uid, labels: {app: helloworld, version: v2}}',
  'spec: {securityContext: {runAsUser: 1337}, containers: [{name: helloworld, image: helloworld-v2, ports: [{containerPort: 5000}]}]}',
].join('\n');

describe('cdk8s-istio analyze', () => {
  test('exits 1 when a finding reaches --fail-on, 0 when none does', () => {
    const file = tempYaml(POD_AS_PROXY_UID);
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
    expect(missing.err).toContain('/no/such/file.yaml: no such file or folder');
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
    // Three small files of routing, in a folder of their own.
    const NETWORKING = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-progress-'));
    const subsets = '{subsets: [{name: v1, labels: {version: v1}}]}';
    fs.writeFileSync(path.join(NETWORKING, 'destination-rule-all.yaml'), ['reviews', 'ratings'].map((host) =>
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${host}}\nspec: {host: ${host}, ${subsets.slice(1, -1)}}\n`).join('---\n'));
    fs.writeFileSync(path.join(NETWORKING, 'virtual-service-all-v1.yaml'), ['reviews', 'ratings'].map((host) =>
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${host}}\nspec: {hosts: [${host}], http: [{route: [{destination: {host: ${host}, subset: v1}}]}]}\n`).join('---\n'));
    fs.writeFileSync(path.join(NETWORKING, 'bookinfo-gateway.yaml'),
      'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: bookinfo-gateway}\nspec: {selector: {istio: ingressgateway}, servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["*"]}]}\n');
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

  describe('input as Kubernetes reads it', () => {
    const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  selector: {app: ${name}}\n  ports:\n  - name: http\n    port: 80\n`;
    function folder(files: Record<string, string | Buffer>): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-input-'));
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      return dir;
    }

    test("reads an unquoted '.' as the string \".\" (YAML 1.2 core schema), so exportTo: [.] is valid", () => {
      const file = tempYaml([
        'apiVersion: networking.istio.io/v1', 'kind: ServiceEntry', 'metadata: {name: ext, namespace: shop}',
        'spec:', '  hosts: [api.example.com]', '  exportTo: [.]', '  location: MESH_EXTERNAL', '  resolution: DNS',
        '  ports: [{number: 443, name: https, protocol: TLS}]',
      ].join('\n'));
      const { code, out } = run('analyze', file, '--format', 'json');
      expect(code).toBe(0);
      expect(JSON.parse(out).findings.filter((f: any) => f.code === 'IST0106')).toEqual([]);
    });

    test('malformed YAML: exit 2 naming file and line, while the good files are still analysed and reported', () => {
      const dir = folder({ 'a-good.yaml': svc('good'), 'b-bad.yaml': `${svc('before')}---\nkind: [unclosed\n` });
      const { code, out, err } = run('analyze', dir, '--format', 'json');
      expect(code).toBe(2);
      expect(err).toMatch(new RegExp('b-bad\\.yaml:1[0-9]: malformed YAML'));
      expect(JSON.parse(out).objects).toBe(2);
    });

    test('a binary file: exit 2 naming it', () => {
      const dir = folder({ 'a.yaml': svc('good'), 'blob.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]) });
      const { code, err, out } = run('analyze', dir);
      expect(code).toBe(2);
      expect(err).toContain('blob.yaml: binary file, not YAML or JSON');
      expect(out).toContain('Analyzed 1 object(s)');
    });

    test('a document without kind or apiVersion: exit 2 naming file and line', () => {
      const file = tempYaml(`${svc('ok')}---\n# a comment\nmetadata:\n  name: orphan\n`);
      const { code, err } = run('analyze', file);
      expect(code).toBe(2);
      expect(err).toContain(`${file}:13: not a Kubernetes object: no apiVersion or kind`);
    });

    test('an empty folder, or files without any object: exit 2', () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-input-'));
      expect(run('analyze', empty)).toMatchObject({ code: 2, err: expect.stringContaining(`${empty}: folder holds no *.yaml, *.yml or *.json file`) });
      const comments = folder({ 'a.yaml': '# nothing here\n---\n', 'b.json': '[]' });
      const r = run('analyze', comments);
      expect(r.code).toBe(2);
      expect(r.err).toContain('b.json:1: not a Kubernetes object: the document is a list');
      const onlyComments = folder({ 'a.yaml': '# nothing here\n---\n' });
      expect(run('analyze', onlyComments)).toMatchObject({ code: 2, err: expect.stringContaining('no Kubernetes object in the input') });
    });

    test('malformed JSON: exit 2 naming the line', () => {
      const dir = folder({ 'a.json': '{\n  "apiVersion": "v1",\n  "kind": \n}\n', 'b.yaml': svc('fine') });
      const { code, err, out } = run('analyze', dir);
      expect(code).toBe(2);
      expect(err).toMatch(/a\.json(:\d+)?: malformed JSON/);
      expect(out).toContain('Analyzed 1 object(s)');
    });

    test('refuses an alias bomb, naming the file', () => {
      const bomb = [
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol, namespace: shop}', 'data:',
        '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        '  f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      ].join('\n');
      const file = tempYaml(bomb);
      const { code, err } = run('analyze', file);
      expect(code).toBe(2);
      expect(err).toContain(`${file}:1: refused: the document expands more than 100 aliases`);
    });

    test('a folder linked into itself is read once', () => {
      const dir = folder({ 'a.yaml': svc('once') });
      fs.symlinkSync(dir, path.join(dir, 'loop'));
      const { out } = run('analyze', dir, '--format', 'json', '--fail-on', 'none');
      expect(JSON.parse(out).objects).toBe(1);
    });

    test('--mesh-config errors name the file, without a stack trace', () => {
      const svcFile = tempYaml(svc('api'));
      const missing = run('analyze', svcFile, '--mesh-config', '/no/such/mesh.yaml');
      expect(missing).toMatchObject({ code: 2, err: 'cdk8s-istio: --mesh-config /no/such/mesh.yaml: no such file\n' });
      const broken = tempYaml('rootNamespace: [x\n');
      const r = run('analyze', svcFile, '--mesh-config', broken);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^cdk8s-istio: --mesh-config ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: malformed YAML`));
      expect(r.err).not.toMatch(/\n\s+at /);
      const scalar = tempYaml('just a string\n');
      expect(run('analyze', svcFile, '--mesh-config', scalar).err).toContain('the mesh config must be a mapping of MeshConfig fields');
      const cm = tempYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata: {}\n');
      expect(run('analyze', svcFile, '--mesh-config', cm).err).toContain(`${cm}:1: the ConfigMap has no data.mesh`);
    });
  });

  describe('--external', () => {
    const gateway = tempYaml([
      'apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata: {name: gw, namespace: shop}',
      'spec: {selector: {istio: ingress}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}',
      '---', 'apiVersion: networking.istio.io/v1', 'kind: VirtualService', 'metadata: {name: vs, namespace: shop}',
      'spec: {hosts: [api.example.com], gateways: [gw], http: [{route: [{destination: {host: payments.billing.svc.cluster.local}}]}]}',
    ].join('\n'));

    test('takes what the file declares as existing', () => {
      expect(run('analyze', gateway).code).toBe(1);
      const external = tempYaml('namespaces: [billing]\nworkloads:\n- labels: {istio: ingress}\n  namespace: istio-ingress\n');
      const { code, out } = run('analyze', gateway, '--external', external, '--format', 'json');
      expect(JSON.parse(out).findings.filter((f: any) => f.code === 'IST0101')).toEqual([]);
      expect(code).toBe(0);
    });

    test('errors name the file, without a stack trace', () => {
      const bad = tempYaml('namespace: [billing]\n');
      expect(run('analyze', gateway, '--external', bad)).toMatchObject({ code: 2, err: `cdk8s-istio: --external ${bad}:1: unknown field 'namespace': use namespaces, hosts, serviceAccounts, workloads\n` });
      const sa = tempYaml('serviceAccounts: [prometheus]\n');
      expect(run('analyze', gateway, '--external', sa).err).toContain("'serviceAccounts' entries must be '<namespace>/<name>' (received: \"prometheus\")");
      expect(run('analyze', gateway, '--external', '/no/such.yaml').err).toBe('cdk8s-istio: --external /no/such.yaml: no such file\n');
    });
  });
});
