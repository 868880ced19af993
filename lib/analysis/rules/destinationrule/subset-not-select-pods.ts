import { _destinationRules } from './_hosts';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _selects, _Workload } from '../../model';
import { _Rule } from '../../rule';

/** Labels Istio adds to every endpoint from its node and cluster; a pod template cannot know their values. */
const TOPOLOGY_LABELS = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone', 'kubernetes.io/hostname',
  'topology.istio.io/cluster', 'topology.istio.io/network'];

/** A workload's labels as Istio sees its endpoints: a Pod's labels plus the locality and hostname of its Node. */
function endpointLabels(model: _MeshModel, w: _Workload): Record<string, string> {
  const nodeName = w.podSpec?.nodeName;
  if (!nodeName) return w.labels;
  const node = model.ofKind('Node', '').find((n) => n.name === nodeName);
  const extra: Record<string, string> = { 'kubernetes.io/hostname': nodeName };
  for (const key of TOPOLOGY_LABELS.slice(0, 3)) {
    const value = node?.labels[key];
    if (value) extra[key] = value;
  }
  return { ...w.labels, ...extra };
}

function subsetSelects(model: _MeshModel, selector: Record<string, string>, w: _Workload): boolean {
  // A template's node is unknown until it is scheduled: topology labels are taken as satisfiable.
  const wanted = w.isPod ? selector : Object.fromEntries(Object.entries(selector).filter(([k]) => !TOPOLOGY_LABELS.includes(k)));
  return _selects(wanted, endpointLabels(model, w));
}

/** IST0173: a DestinationRule subset whose labels select no pod. */
export const SUBSET_NOT_SELECT_PODS: _Rule = {
  id: 'IST0173',
  rule: 'destinationrule/subset-not-select-pods',
  name: 'DestinationRuleSubsetNotSelectPods',
  level: AnalysisLevel.ERROR,
  cause: 'A subset of a DestinationRule has labels that no Pod or pod template carries.',
  why: 'Traffic routed to that subset finds no endpoint and fails with 503 UH (no healthy upstream).',
  fix: 'Correct the subset labels, or label the workload\'s pod template (for example version: v2) to match them.',
  istioAnalyzer: 'destinationrule.PodNotSelectedAnalyzer',
  check: (model) => _destinationRules(model)
    .filter(({ dr, dest }) => dest && Array.isArray(dr.spec.subsets))
    .flatMap(({ dr: rule, dest }) => (rule.spec.subsets as any[])
      .filter((subset) => {
        const selector = { ...dest!.workloadLabels, ...(subset?.labels ?? {}) };
        return !model.workloads.some((w) => subsetSelects(model, selector, w));
      })
      .map((subset) => ({ obj: rule, message: `Subset ${subset?.name} of DestinationRule ${rule.name} selects no pods: requests routed to it fail with 503 UH.` }))),
};

