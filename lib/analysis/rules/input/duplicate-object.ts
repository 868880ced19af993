import { AnalysisLevel } from '../../finding';
import { _Rule, _resourceName } from '../../rule';

/**
 * CI0010: two manifests with one identity (API group, kind, namespace, name). On a cluster they are one object, the
 * last applied; istioctl's file store keeps the last one read too. The model keeps the last; this rule says so.
 * Inside a cdk8s app the same thing is an error at synth (SynthAnalysis), naming both construct paths.
 */
export const DUPLICATE_OBJECT: _Rule = {
  id: 'CI0010',
  rule: 'input/duplicate-object',
  name: 'ObjectReplacedByLaterManifest',
  level: AnalysisLevel.INFO,
  cause: 'Two manifests have the same API group, kind, namespace and name; the later one replaces the earlier, which is not analysed.',
  why: 'On a cluster they are one object and the last one applied wins: alternatives of one object in several files (a sample\'s variants) '
    + 'are analysed as the cluster would see them after applying everything in order, not as several objects.',
  fix: 'Nothing, if the later manifest is meant to replace the earlier one; otherwise rename one of them, or analyse the alternatives separately.',
  check: (model) => model.replaced.map(({ obj, by }) => ({
    obj: by,
    message: `${_resourceName(by)}${by.source ? ` (${by.source})` : ''} replaces the manifest with the same identity`
      + `${obj.source ? ` in ${obj.source}` : ''}: the last one applied wins, and only it is analysed.`,
  })),
};
