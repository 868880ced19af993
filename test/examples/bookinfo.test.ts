import { Testing } from 'cdk8s';
import { BOOKINFO_TASKS, Bookinfo, BookinfoTask, selectedTasks } from '../../examples/bookinfo/main';
import { AnalysisLevel, MeshAnalysis } from '../../lib';
import { findObject } from '../support/seed';

const synthesized = new Map<BookinfoTask, any[]>(BOOKINFO_TASKS.map((task) => [task, Testing.synth(new Bookinfo(Testing.app(), 'bookinfo', { task }))]));

describe('examples/bookinfo', () => {
  test('request-timeouts: reviews v2 with a half-second timeout, ratings delayed by 2s for everyone', () => {
    const objects = synthesized.get(BookinfoTask.REQUEST_TIMEOUTS)!;
    // The values of istio.io's request-timeouts task (0.5s is rendered as 500ms, the same duration).
    expect(findObject(objects, 'VirtualService', 'reviews').spec).toEqual({
      hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }], timeout: '500ms' }],
    });
    expect(findObject(objects, 'VirtualService', 'ratings').spec).toEqual({
      hosts: ['ratings'],
      http: [{ fault: { delay: { fixedDelay: '2s', percentage: { value: 100 } } }, route: [{ destination: { host: 'ratings', subset: 'v1' } }] }],
    });
  });

  test('circuit-breaking: httpbin with a connection pool of one and outlier detection, as on istio.io', () => {
    const objects = synthesized.get(BookinfoTask.CIRCUIT_BREAKING)!;
    expect(findObject(objects, 'DestinationRule', 'httpbin').spec).toEqual({
      host: 'httpbin',
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } },
        outlierDetection: { consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: 100 },
      },
    });
    expect(findObject(objects, 'Service', 'httpbin').spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8080 }]);
  });

  test('deploys the workloads of bookinfo.yaml with the labels the subsets select', () => {
    const objects = synthesized.get(BookinfoTask.ALL_V1)!;
    const deployments = objects.filter((o) => o.kind === 'Deployment').map((d) => [d.metadata.name, d.spec.template.metadata.labels.version, d.spec.template.spec.serviceAccountName]);
    expect(deployments.sort()).toEqual([
      ['details-v1', 'v1', 'bookinfo-details'], ['productpage-v1', 'v1', 'bookinfo-productpage'], ['ratings-v1', 'v1', 'bookinfo-ratings'],
      ['reviews-v1', 'v1', 'bookinfo-reviews'], ['reviews-v2', 'v2', 'bookinfo-reviews'], ['reviews-v3', 'v3', 'bookinfo-reviews'],
    ]);
    expect(findObject(objects, 'Service', 'reviews').spec).toMatchObject({ selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] });
    expect(findObject(objects, 'Namespace', 'bookinfo').metadata).toEqual({ name: 'bookinfo', labels: { 'istio-injection': 'enabled' } });
  });

  test.each(BOOKINFO_TASKS)('task %s passes the mesh analysis with nothing but its recorded suppressions', (task) => {
    const report = MeshAnalysis.analyze(synthesized.get(task)!);
    expect(report.active.map((f) => `${f.level} ${f.code} ${f.resource}`)).toEqual([]);
    expect(report.findings.filter((f) => f.level === AnalysisLevel.ERROR).map((f) => f.suppressedReason)).not.toContain(undefined);
  });

  describe('BOOKINFO_TASK', () => {
    test('selects every task when unset or all', () => {
      expect(selectedTasks(undefined)).toEqual(BOOKINFO_TASKS);
      expect(selectedTasks('all')).toEqual(BOOKINFO_TASKS);
    });

    test('selects one task by its name', () => {
      expect(selectedTasks('ratings-delay')).toEqual([BookinfoTask.RATINGS_DELAY]);
    });

    test('rejects an unknown task, listing the known ones', () => {
      expect(() => selectedTasks('jason')).toThrow(/BOOKINFO_TASK must be one of all-v1, jason-v2, .* or all \(received: "jason"\)/);
    });
  });
});
