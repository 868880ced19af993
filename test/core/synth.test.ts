import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import {
  AuthorizationPolicy, CanaryRelease, CanaryVersion, Destination, HttpMatch, MeshPeer, MeshService, Protocol,
  VirtualService, ZeroTrustNamespace,
} from '../../lib';
import { errorOf } from '../patterns/_util';

const HTTP_8080 = { number: 8080, protocol: Protocol.HTTP };

function tempApp(): { app: App; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-synth-'));
  return { app: new App({ outdir }), outdir };
}

describe('changes after app.synth()', () => {
  test('MeshService.splitTraffic and addVersion throw once the app has synthesized, naming the construct and the call', () => {
    const { app } = tempApp();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const api = new MeshService(chart, 'payments-api', { image: 'payments:1', ports: [HTTP_8080] });
    api.addVersion('v2', 'payments:2');
    api.splitTraffic({ v1: 90, v2: 10 });
    app.synth();
    expect(errorOf(() => api.splitTraffic({ v1: 0, v2: 100 }))).toBe(
      "MeshService 'shop/payments-api': 'splitTraffic()' must be called before app.synth() (received: a call after app.synth()). "
      + 'The manifests are already written without this change: make every change before calling app.synth().');
    expect(errorOf(() => api.addVersion('v3', 'payments:3'))).toContain("'addVersion()' must be called before app.synth()");
  });

  test('a CanaryRelease promoted after synth throws instead of shipping the old weights', () => {
    const { app } = tempApp();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const release = new CanaryRelease(chart, 'payments', {
      stable: CanaryVersion.fromImage('v1', 'payments:1'), canary: CanaryVersion.fromImage('v2', 'payments:2'), ports: [HTTP_8080], currentStep: 0,
    });
    app.synth();
    expect(errorOf(() => release.meshService.splitTraffic({ v1: 50, v2: 50 }))).toContain("MeshService 'shop/payments/MeshService': 'splitTraffic()'");
  });

  test('the L2s and patterns refuse changes after synthYaml() too', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const vs = new VirtualService(chart, 'vs', { hosts: ['reviews'] });
    vs.addHttpRoute({ route: [Destination.to('reviews')] });
    const policy = AuthorizationPolicy.denyAll(chart, 'deny-all');
    const ns = new ZeroTrustNamespace(chart, 'ns', { name: 'payments' });
    app.synthYaml();
    expect(errorOf(() => vs.addHost('ratings'))).toContain("VirtualService 'c/vs': 'addHost()' must be called before app.synth()");
    expect(errorOf(() => vs.addHttpRoute({ route: [Destination.to('reviews')] }))).toContain("'addHttpRoute()'");
    expect(errorOf(() => policy.addRule({}))).toContain("AuthorizationPolicy 'c/deny-all': 'addRule()'");
    expect(errorOf(() => ns.allow({ from: [MeshPeer.namespace('shop')] }))).toContain("ZeroTrustNamespace 'c/ns': 'allow()'");
  });

  test('a route a VirtualService returned refuses changes after synth too', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const vs = new VirtualService(chart, 'vs', { hosts: ['reviews'] });
    const route = vs.addHttpRoute({ route: [Destination.to('reviews', { weight: 90 })] });
    route.addDestination(Destination.to('ratings', { weight: 10 }));
    app.synthYaml();
    expect(errorOf(() => route.addDestination(Destination.to('details')))).toBe(
      "VirtualService 'c/vs': 'http[0].addDestination()' must be called before app.synth() (received: a call after app.synth()). "
      + 'The manifests are already written without this change: make every change before calling app.synth().');
    expect(errorOf(() => route.addMatch(HttpMatch.prefix('/v2')))).toContain("'http[0].addMatch()' must be called before app.synth()");
  });

  test('rendering a chart (Testing.synth, chart.toJson) does not freeze it: only the App\'s synth does', () => {
    const chart = Testing.chart();
    const vs = new VirtualService(chart, 'vs', { hosts: ['reviews'], http: [{ route: [Destination.to('reviews')] }] });
    Testing.synth(chart);
    vs.addHost('ratings');
    expect(Testing.synth(chart)[0].spec.hosts).toEqual(['reviews', 'ratings']);
  });

  test('a synth that fails leaves the app open to changes', () => {
    const { app } = tempApp();
    const chart = new Chart(app, 'c');
    const vs = new VirtualService(chart, 'vs', { hosts: ['reviews'] });
    let ready = false;
    chart.node.addValidation({ validate: () => (ready ? [] : ['not yet']) });
    expect(() => app.synth()).toThrow('not yet');
    vs.addHost('ratings');
    ready = true;
    expect(() => app.synth()).not.toThrow();
  });
});

describe('output of an earlier synth', () => {
  /** Dates every file of the folder back an hour: the output of an earlier run of the program. */
  function fromEarlierRun(dir: string): void {
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), hourAgo, hourAgo);
  }

  function appWith(outdir: string, valid: boolean, charts: string[] = ['shop']): App {
    const app = new App({ outdir });
    for (const name of charts) {
      // One namespace per chart: two VirtualServices for one host in one namespace conflict (IST0109).
      const chart = new Chart(app, name, { namespace: name });
      new VirtualService(chart, 'vs', { hosts: ['reviews'], http: [{ route: [Destination.to('reviews')] }] });
      if (!valid) chart.node.addValidation({ validate: () => ['a problem'] });
    }
    return app;
  }

  test('a synth that fails validation leaves none of the manifests the previous one wrote, and writes none', () => {
    const { outdir } = tempApp();
    appWith(outdir, true).synth();
    expect(fs.readdirSync(outdir)).toEqual(['shop.k8s.yaml']);
    fs.writeFileSync(path.join(outdir, 'notes.txt'), 'the user\'s own file');
    fromEarlierRun(outdir);
    expect(() => appWith(outdir, false).synth()).toThrow('a problem');
    expect(fs.readdirSync(outdir)).toEqual(['notes.txt']);
  });

  test('a chart removed from the app leaves no file behind', () => {
    const { outdir } = tempApp();
    appWith(outdir, true, ['shop', 'billing']).synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['billing.k8s.yaml', 'shop.k8s.yaml']);
    fromEarlierRun(outdir);
    appWith(outdir, true, ['shop']).synth();
    expect(fs.readdirSync(outdir)).toEqual(['shop.k8s.yaml']);
  });

  test('two Apps of one program sharing the folder keep each other\'s files', () => {
    const { outdir } = tempApp();
    appWith(outdir, true, ['staging']).synth();
    appWith(outdir, true, ['production']).synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['production.k8s.yaml', 'staging.k8s.yaml']);
  });

  test('files of another extension are the user\'s and stay', () => {
    const { outdir } = tempApp();
    fs.writeFileSync(path.join(outdir, 'old.yaml'), 'kind: ConfigMap');
    fromEarlierRun(outdir);
    const app = new App({ outdir, outputFileExtension: '.yaml' });
    new VirtualService(new Chart(app, 'c'), 'vs', { hosts: ['reviews'] }).node.addValidation({ validate: () => ['a problem'] });
    expect(() => app.synth()).toThrow('a problem');
    expect(fs.readdirSync(outdir)).toEqual(['old.yaml']);
  });
});
