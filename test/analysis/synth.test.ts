import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { AnalysisLevel, MeshAnalysis, SUPPRESS_ANNOTATION, SynthAnalysis } from '../../lib/analysis';
import { AuthorizationPolicy } from '../../lib/security';

function appWith(build: (chart: Chart) => void): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'mesh', { namespace: 'payments' });
  build(chart);
  return { app, chart };
}

const uid1337 = (chart: Chart) => new ApiObject(chart, 'api', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: { template: { metadata: { labels: { app: 'api' } }, spec: { securityContext: { runAsUser: 1337 }, containers: [{ name: 'api', image: 'x' }] } } },
} as any);

const badPortName = (chart: Chart) => new ApiObject(chart, 'svc', {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ name: 'web', port: 80 }] },
} as any);

describe('SynthAnalysis', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  test('prints warnings and infos without failing the synth', () => {
    const { app } = appWith((c) => {
      uid1337(c);
      badPortName(c);
    });
    SynthAnalysis.attach(app);
    expect(() => app.synthYaml()).not.toThrow();
    const printed = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toContain('cdk8s-istio mesh analysis:');
    expect(printed).toContain('warning IST0144 Deployment payments/api (mesh/api)');
    expect(printed).toContain('info IST0118 Service payments/api (mesh/svc)');
  });

  test('fails the synth at the configured level, listing each finding with its construct path and fix', () => {
    const { app } = appWith(uid1337);
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING });
    expect(() => app.synthYaml()).toThrow(/Validation failed.*\n.*warning IST0144 Deployment payments\/api \(mesh\/api\): .*Fix: Run the application as another user ID/);
  });

  test('prints nothing when asked not to', () => {
    const { app } = appWith(badPortName);
    SynthAnalysis.attach(app, { printFindings: false });
    app.synthYaml();
    expect(stderr).not.toHaveBeenCalled();
  });

  test('writes the same YAML as an app without it, rendering each object once, and restores toJson() after the synth', () => {
    const build = (c: Chart) => {
      uid1337(c);
      badPortName(c);
    };
    const plain = appWith(build).app.synthYaml();
    const { app, chart } = appWith(build);
    SynthAnalysis.attach(app);
    const objects = chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    const renders = objects.map((o) => jest.spyOn(o, 'toJson'));
    expect(app.synthYaml()).toEqual(plain);
    expect(renders.map((r) => r.mock.calls.length)).toEqual([1, 1]);
    renders.forEach((r) => r.mockRestore());
    expect(objects.every((o) => !Object.prototype.hasOwnProperty.call(o, 'toJson'))).toBe(true);
  });

  test('attaches once; a second call replaces the options', () => {
    const { app } = appWith(uid1337);
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING });
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.ERROR });
    expect(SynthAnalysis.isAttached(app)).toBe(true);
    expect(app.node.validate()).toEqual([]);
  });

  test('suppresses a rule on every object under a construct, recording the reason on the manifest', () => {
    const { app, chart } = appWith(uid1337);
    SynthAnalysis.suppress(chart, 'IST0144', 'this image must run as 1337, no sidecar');
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING });
    expect(() => app.synthYaml()).not.toThrow();
    const [deployment] = Testing.synth(chart);
    expect(JSON.parse(deployment.metadata.annotations[SUPPRESS_ANNOTATION])).toEqual([{ id: 'IST0144', reason: 'this image must run as 1337, no sidecar' }]);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('suppressed warning IST0144');
  });

  test('rejects a suppression without a real reason', () => {
    const { chart } = appWith(uid1337);
    expect(() => SynthAnalysis.suppress(chart, 'IST0144', 'because')).toThrow("'reason' must say why in at least 10 characters (received: \"because\")");
    expect(() => SynthAnalysis.suppress(chart, 'uid', 'a long enough reason')).toThrow("'id' must be a rule id such as IST0118");
    expect(() => SynthAnalysis.suppress(chart, 'application-uid', 'a long enough reason')).toThrow("Did you mean 'deployment/application-uid'?");
    expect(() => SynthAnalysis.suppress(chart, 'IST9999', 'a long enough reason')).toThrow('(received: "IST9999")');
  });

  test('a second suppression on an object adds to the first; suppressing the same id again replaces its reason', () => {
    const { chart } = appWith(uid1337);
    SynthAnalysis.suppress(chart, 'IST0144', 'this image must run as 1337, no sidecar');
    SynthAnalysis.suppress(chart, 'CI0004', 'every request to this workload is allowed');
    SynthAnalysis.suppress(chart, 'IST0144', 'the vendor image runs as 1337 and cannot change');
    const [deployment] = Testing.synth(chart);
    expect(JSON.parse(deployment.metadata.annotations[SUPPRESS_ANNOTATION])).toEqual([
      { id: 'CI0004', reason: 'every request to this workload is allowed' },
      { id: 'IST0144', reason: 'the vendor image runs as 1337 and cannot change' },
    ]);
  });

  test('the suppression AuthorizationPolicy.allowAll() writes names a rule of the analysis', () => {
    const { chart } = appWith(() => undefined);
    AuthorizationPolicy.allowAll(chart, 'open', { metadata: { name: 'open', namespace: 'shop' } });
    const policy = Testing.synth(chart).find((m) => m.kind === 'AuthorizationPolicy');
    const [entry] = JSON.parse(policy.metadata.annotations[SUPPRESS_ANNOTATION]);
    expect(MeshAnalysis.rules().filter((r) => r.id === entry.id).map((r) => r.rule)).toEqual(['mesh/allow-all-rule']);
  });

  test('suppresses by rule name as well as by id', () => {
    const { app, chart } = appWith(uid1337);
    SynthAnalysis.suppress(chart, 'deployment/application-uid', 'this image must run as 1337, no sidecar');
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING });
    expect(() => app.synthYaml()).not.toThrow();
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('suppressed warning IST0144');
  });
});


describe('SynthAnalysis inside Chart.toJson', () => {
  test('runs once, although cdk8s validates the whole App inside each Chart.toJson()', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { app, chart } = appWith(uid1337);
    new Chart(app, 'second');
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING });
    expect(() => Testing.synth(chart)).toThrow(/warning IST0144 Deployment payments\/api/);
    stderr.mockRestore();
  });
});

describe('SynthAnalysis cost', () => {
  let analyze: jest.SpyInstance;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    // The synth builds one model for the rules and the intents' traces, and runs the rules over it with _analyzeModel.
    analyze = jest.spyOn(MeshAnalysis, '_analyzeModel');
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    analyze.mockRestore();
    stderr.mockRestore();
  });

  test('analyzes once per app.synth(), although cdk8s validates the App again for each chart', () => {
    const { app } = appWith(badPortName);
    new Chart(app, 'second');
    SynthAnalysis.attach(app);
    app.synth();
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('').match(/info IST0118/g)).toHaveLength(1);
  });

  test('analyzes again when the manifests changed since the last validation', () => {
    const { app, chart } = appWith(badPortName);
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING });
    expect(() => chart.toJson()).not.toThrow();
    uid1337(chart);
    expect(() => chart.toJson()).toThrow(/warning IST0144 Deployment payments\/api/);
    expect(analyze).toHaveBeenCalledTimes(2);
  });

  test('analyzes again in app.synth() what changed after an earlier Chart.toJson()', () => {
    const { app, chart } = appWith(badPortName);
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING });
    chart.toJson();
    uid1337(chart);
    expect(() => app.synth()).toThrow(/warning IST0144 Deployment payments\/api/);
  });

  test('analyzes afresh in a later synth', async () => {
    const { app } = appWith(badPortName);
    SynthAnalysis.attach(app);
    app.synth();
    await Promise.resolve();
    app.synth();
    expect(analyze).toHaveBeenCalledTimes(2);
  });
});

describe('SynthAnalysis: object identity', () => {
  test('two constructs emitting one kind, namespace and name fail the synth, naming both construct paths', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'shop' });
    const b = new Chart(app, 'b', { namespace: 'shop' });
    const svc = (chart: Chart, id: string) => new ApiObject(chart, id, {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews' }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 80 }] },
    } as any);
    svc(a, 'first');
    svc(b, 'second');
    SynthAnalysis.attach(app);
    expect(() => app.synthYaml()).toThrow(/error CI0010 Service shop\/reviews: two constructs emit the same Service 'reviews' in namespace 'shop': 'a\/first' and 'b\/second'/);
    stderr.mockRestore();
  });

  test('the same name in another namespace or API group is another object', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'gw1', { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'shop' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } } as any);
    new ApiObject(chart, 'cm1', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gw', namespace: 'shop' } } as any);
    new ApiObject(chart, 'cm2', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gw', namespace: 'other' } } as any);
    SynthAnalysis.attach(app);
    expect(() => app.synthYaml()).not.toThrow();
  });
});
