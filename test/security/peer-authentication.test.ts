import { App, Chart, Testing } from 'cdk8s';
import { MtlsMode, PeerAuthentication, WorkloadSelector } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'payments' });
}

function find(c: Chart, name: string): any {
  const found = Testing.synth(c).find((o) => o.kind === 'PeerAuthentication' && o.metadata.name === name);
  if (!found) throw new Error(`no PeerAuthentication ${name}`);
  return found;
}

const selector = WorkloadSelector.labels({ app: 'payments-api' });

describe('PeerAuthentication', () => {
  test('creates one security.istio.io/v1 PeerAuthentication as its Resource child', () => {
    const c = chart();
    const pa = new PeerAuthentication(c, 'default', { metadata: { name: 'default' } });
    const manifests = Testing.synth(c);
    expect(manifests).toHaveLength(1);
    expect(manifests[0].apiVersion).toBe('security.istio.io/v1');
    expect(manifests[0].kind).toBe('PeerAuthentication');
    expect(pa.apiObject.node.id).toBe('Resource');
    expect(pa.name).toBe('default');
    expect(pa.namespace).toBe('payments');
  });

  test('defaults to STRICT mTLS for the whole namespace', () => {
    const c = chart();
    const pa = new PeerAuthentication(c, 'default', { metadata: { name: 'default' } });
    expect(pa.mtlsMode).toBe(MtlsMode.STRICT);
    expect(find(c, 'default').spec).toEqual({ mtls: { mode: 'STRICT' } });
  });

  test.each([MtlsMode.PERMISSIVE, MtlsMode.DISABLE, MtlsMode.UNSET])('renders mtlsMode %s', (mode) => {
    const c = chart();
    new PeerAuthentication(c, 'default', { metadata: { name: 'default' }, mtlsMode: mode });
    expect(find(c, 'default').spec.mtls).toEqual({ mode });
  });

  test('renders the selector as selector.matchLabels', () => {
    const c = chart();
    new PeerAuthentication(c, 'api', { metadata: { name: 'api' }, selector });
    expect(find(c, 'api').spec.selector).toEqual({ matchLabels: { app: 'payments-api' } });
  });

  test('renders port-level mTLS from props and from addPortMtls() after construction, by port', () => {
    const c = chart();
    const pa = new PeerAuthentication(c, 'api', {
      metadata: { name: 'api' }, selector, portMtls: [{ port: 8080, mode: MtlsMode.PERMISSIVE }],
    });
    pa.addPortMtls(80, MtlsMode.DISABLE);
    expect(find(c, 'api').spec).toEqual({
      selector: { matchLabels: { app: 'payments-api' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { 80: { mode: 'DISABLE' }, 8080: { mode: 'PERMISSIVE' } },
    });
  });

  test('fails on port-level mTLS without a selector, as Istio does', () => {
    const pa = new PeerAuthentication(chart(), 'default');
    expect(() => pa.addPortMtls(80, MtlsMode.DISABLE)).toThrow(
      "PeerAuthentication 'test/default': 'addPortMtls(80)' needs a workload selector: Istio rejects portLevelMtls without one "
      + '(portLevelMtls requires selector) (received: 80). Add selector: WorkloadSelector.labels({ app: ... })');
    expect(() => new PeerAuthentication(chart(), 'p', { portMtls: [{ port: 80, mode: MtlsMode.DISABLE }] }))
      .toThrow("'portMtls[0]' needs a workload selector");
  });

  test.each([0, 65536, 80.5])('fails on port %p', (port) => {
    expect(() => new PeerAuthentication(chart(), 'p', { selector, portMtls: [{ port, mode: MtlsMode.DISABLE }] }))
      .toThrow(`'portMtls[0].port' must be a port number from 1 to 65535 (received: ${port})`);
  });

  test('fails on a port given twice', () => {
    const pa = new PeerAuthentication(chart(), 'p', { selector, portMtls: [{ port: 80, mode: MtlsMode.DISABLE }] });
    expect(() => pa.addPortMtls(80, MtlsMode.STRICT)).toThrow("'addPortMtls(80).port' already has a mode (DISABLE) (received: 80). Set each port once.");
  });

  test('fails on a mode that does not exist, with "Did you mean"', () => {
    expect(() => new PeerAuthentication(chart(), 'p', { mtlsMode: 'STRICKT' as MtlsMode }))
      .toThrow("'mtlsMode' must be one of UNSET, DISABLE, PERMISSIVE, STRICT (received: \"STRICKT\"). Use a member of MtlsMode. Did you mean 'STRICT'?");
  });

  test('reports every problem of the constructor at once', () => {
    expect(() => new PeerAuthentication(chart(), 'p', { mtlsMode: 'X' as MtlsMode, portMtls: [{ port: 0, mode: MtlsMode.DISABLE }] }))
      .toThrow("PeerAuthentication 'test/p' has 3 problems:");
  });

  test('synthesizes in an app', () => {
    const app = new App({ outdir: Testing.app().outdir });
    new PeerAuthentication(new Chart(app, 'c', { namespace: 'x' }), 'default');
    expect(() => app.synth()).not.toThrow();
  });
});
