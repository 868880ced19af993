/** examples/bookinfo against Istio's samples/bookinfo/networking/, the YAML istio.io's task pages apply. */
import * as fs from 'fs';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { BOOKINFO_TASKS, Bookinfo, BookinfoTask } from '../../examples/bookinfo/main';
import { SUPPRESS_ANNOTATION } from '../../lib/analysis/suppression';
import { corpusPath } from '../support/corpus';
import { findObject } from '../support/seed';

/** The Istio objects of one file of Istio's samples/bookinfo/networking/, the YAML istio.io's task pages apply. */
function sampleFile(file: string): any[] {
  const text = fs.readFileSync(corpusPath('istio', 'samples', 'bookinfo', 'networking', file), 'utf8');
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

describe('examples/bookinfo reproduces Istio\'s samples', () => {
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

});
