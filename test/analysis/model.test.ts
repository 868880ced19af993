import { _MeshModel, _Obj } from '../../lib/analysis/model';

const deployment = (name: string, namespace: string, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name, image: 'x' }] } } },
});
const service = (name: string, namespace: string, selector?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ...(selector ? { selector } : {}), ports: [{ port: 80 }] },
});
const peerAuthentication = (name: string, namespace: string, matchLabels?: Record<string, string>) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name, namespace },
  spec: { ...(matchLabels ? { selector: { matchLabels } } : {}), mtls: { mode: 'STRICT' } },
});
const names = (objs: { name: string }[]) => objs.map((o) => o.name);
const paSelector = (o: _Obj) => o.spec.selector?.matchLabels;

describe('_MeshModel', () => {
  const model = new _MeshModel([
    deployment('api-v2', 'payments', { app: 'api', version: 'v2' }),
    deployment('web', 'payments', { app: 'web' }),
    deployment('api-v1', 'payments', { app: 'api', version: 'v1' }),
    deployment('api-other', 'other', { app: 'api', version: 'v1' }),
    service('api', 'payments', { app: 'api' }),
    service('headless', 'payments'),
    service('api-v1', 'payments', { app: 'api', version: 'v1' }),
    service('api', 'other', { app: 'api' }),
    peerAuthentication('v1-only', 'payments', { version: 'v1' }),
    peerAuthentication('namespace', 'payments'),
    peerAuthentication('api', 'payments', { app: 'api' }),
    peerAuthentication('mesh', 'istio-system'),
  ]);
  const workload = (name: string) => model.workloads.find((w) => w.obj.name === name)!;

  test('finds the workloads a selector selects in one namespace, in manifest order', () => {
    expect(names(model.workloadsSelectedBy('payments', { app: 'api' }).map((w) => w.obj))).toEqual(['api-v2', 'api-v1']);
    expect(names(model.workloadsSelectedBy('payments', { app: 'api', version: 'v1' }).map((w) => w.obj))).toEqual(['api-v1']);
    expect(names(model.workloadsSelectedBy('payments', { app: 'nothing' }).map((w) => w.obj))).toEqual([]);
  });

  test('an empty selector selects every workload of the namespace', () => {
    expect(names(model.workloadsSelectedBy('payments', {}).map((w) => w.obj))).toEqual(['api-v2', 'web', 'api-v1']);
    expect(names(model.workloadsSelectedBy('payments', undefined).map((w) => w.obj))).toEqual(['api-v2', 'web', 'api-v1']);
    expect(model.workloadsSelectedBy('nowhere', {})).toEqual([]);
  });

  test('finds the Services that select a workload in its namespace, never one without selector', () => {
    expect(names(model.servicesOf(workload('api-v1')))).toEqual(['api', 'api-v1']);
    expect(names(model.servicesOf(workload('api-v2')))).toEqual(['api']);
    expect(model.servicesOf(workload('api-other')).map((s) => s.namespace)).toEqual(['other']);
    expect(model.servicesOf(workload('web'))).toEqual([]);
  });

  test('finds the objects whose selector selects the labels, unselective ones included, in manifest order across namespaces', () => {
    const policies = model.istio('PeerAuthentication');
    expect(names(model.selecting(policies, paSelector, ['payments'], workload('api-v1').labels))).toEqual(['v1-only', 'namespace', 'api']);
    expect(names(model.selecting(policies, paSelector, ['payments', 'istio-system'], workload('web').labels))).toEqual(['namespace', 'mesh']);
    expect(names(model.selecting(policies, paSelector, ['istio-system', 'payments'], workload('api-v2').labels))).toEqual(['namespace', 'api', 'mesh']);
  });

  test('answers the same question with the same array', () => {
    expect(model.istio('PeerAuthentication')).toBe(model.istio('PeerAuthentication'));
    expect(model.services).toBe(model.services);
  });
});
