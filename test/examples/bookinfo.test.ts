import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { BOOKINFO_TASKS, Bookinfo, BookinfoTask, selectedTasks } from '../../examples/bookinfo/main';
import { AnalysisLevel, MeshAnalysis } from '../../lib';
import { SUPPRESS_ANNOTATION } from '../../lib/analysis/suppression';
import { SHARED_DIR } from '../support/crd-schema';
import { findObject } from '../support/seed';

/** The Istio objects of one file of Istio's samples/bookinfo/networking/, the YAML istio.io's task pages apply. */
function sampleFile(file: string): any[] {
  const text = fs.readFileSync(path.join(SHARED_DIR, 'istio', 'samples', 'bookinfo', 'networking', file), 'utf8');
  return YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o);
}

/**
 * A synthesized object as Istio's sample writes it: the samples name no namespace (they go to
 * `default`), and carry no analysis suppressions, which the example records on the gateway objects.
 */
function asSample(obj: any): any {
  const { namespace, annotations, ...metadata } = obj.metadata;
  const rest = Object.fromEntries(Object.entries(annotations ?? {}).filter(([k]) => k !== SUPPRESS_ANNOTATION));
  return { ...obj, metadata: Object.keys(rest).length > 0 ? { ...metadata, annotations: rest } : metadata };
}

const ISTIO_KINDS = ['Gateway', 'VirtualService', 'DestinationRule'];
const synthesized = new Map<BookinfoTask, any[]>(BOOKINFO_TASKS.map((task) => [task, Testing.synth(new Bookinfo(Testing.app(), 'bookinfo', { task }))]));
const istioObjects = (task: BookinfoTask) => synthesized.get(task)!.filter((o) => ISTIO_KINDS.includes(o.kind));

/**
 * Each task is virtual-service-all-v1.yaml with the VirtualServices of its task file applied over
 * it, as istio.io's pages do, plus destination-rule-all.yaml and bookinfo-gateway.yaml.
 */
const TASK_FILES: Array<[BookinfoTask, string[]]> = [
  [BookinfoTask.ALL_V1, ['virtual-service-all-v1.yaml']],
  [BookinfoTask.JASON_V2, ['virtual-service-all-v1.yaml', 'virtual-service-reviews-test-v2.yaml']],
  [BookinfoTask.REVIEWS_50_V3, ['virtual-service-all-v1.yaml', 'virtual-service-reviews-50-v3.yaml']],
  [BookinfoTask.REVIEWS_V3, ['virtual-service-all-v1.yaml', 'virtual-service-reviews-v3.yaml']],
  [BookinfoTask.RATINGS_DELAY, ['virtual-service-all-v1.yaml', 'virtual-service-reviews-test-v2.yaml', 'virtual-service-ratings-test-delay.yaml']],
  [BookinfoTask.RATINGS_ABORT, ['virtual-service-all-v1.yaml', 'virtual-service-reviews-test-v2.yaml', 'virtual-service-ratings-test-abort.yaml']],
];

/** The objects `kubectl apply -f` of the files in order leaves: later objects of the same kind and name replace earlier ones. */
function applied(files: string[]): any[] {
  const byKey = new Map<string, any>();
  for (const obj of ['bookinfo-gateway.yaml', 'destination-rule-all.yaml', ...files].flatMap(sampleFile)) {
    byKey.set(`${obj.kind}/${obj.metadata.name}`, obj);
  }
  return [...byKey.values()];
}

describe('examples/bookinfo', () => {
  describe.each(TASK_FILES)('task %s', (task, files) => {
    test.each(applied(files).map((o) => [o.kind, o.metadata.name, o]))('its %s %s equals Istio\'s sample', (kind, name, expected) => {
      expect(asSample(findObject(synthesized.get(task)!, kind, name))).toEqual(expected);
    });

    test('has no routing object beyond the sample files', () => {
      const names = (objs: any[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();
      expect(names(istioObjects(task))).toEqual(names(applied(files)));
    });
  });

  test.each([
    ['bookinfo-gateway.yaml', BookinfoTask.ALL_V1],
    ['destination-rule-all.yaml', BookinfoTask.REVIEWS_50_V3],
    ['virtual-service-reviews-test-v2.yaml', BookinfoTask.JASON_V2],
    ['virtual-service-reviews-50-v3.yaml', BookinfoTask.REVIEWS_50_V3],
    ['virtual-service-ratings-test-delay.yaml', BookinfoTask.RATINGS_DELAY],
    ['virtual-service-ratings-test-abort.yaml', BookinfoTask.RATINGS_ABORT],
  ])('reproduces every object of %s (in task %s)', (file, task) => {
    for (const expected of sampleFile(file)) {
      expect(asSample(findObject(synthesized.get(task)!, expected.kind, expected.metadata.name))).toEqual(expected);
    }
  });

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
