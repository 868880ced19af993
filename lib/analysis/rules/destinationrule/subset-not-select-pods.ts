import { _Destination, _destinationRules } from './_hosts';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _selects, _Workload } from '../../model';
import { _Rule, _hostRef } from '../../rule';

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

/**
 * The label sets of the endpoints behind a destination, each a test of a subset's labels, or undefined when they
 * cannot be known from manifests (a Service without selector has hand-made Endpoints).
 *
 * Better than istioctl, which matches a subset against every pod of the cluster: Istio builds a subset from the
 * endpoints of the host's own service (pilot/pkg/model/service.go, `ServiceInstance` per endpoint), so
 * - a Service's subset is matched only against the pods that Service selects, in its namespace (bookinfo's
 *   `details` subset v2 selects nothing, although `reviews-v2` carries `version: v2`);
 * - a ServiceEntry's subset is matched against its `endpoints[].labels`, or, with a `workloadSelector`, the pods and
 *   WorkloadEntries of its namespace that the selector picks (a WorkloadEntry is a workload too).
 */
function endpointTests(model: _MeshModel, dest: _Destination): ((subset: Record<string, string>) => boolean) | undefined {
  const obj = dest.obj;
  if (obj.kind === 'Service') {
    const selector = obj.spec.selector;
    if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return undefined;
    const pods = model.workloadsSelectedBy(obj.namespace, selector);
    return (subset) => pods.some((w) => subsetSelects(model, subset, w));
  }
  const workloadSelector = obj.spec.workloadSelector?.labels;
  if (workloadSelector && typeof workloadSelector === 'object') {
    const pods = model.workloadsSelectedBy(obj.namespace, workloadSelector);
    const entries = model.istio('WorkloadEntry')
      .filter((we) => we.namespace === obj.namespace && _selects(workloadSelector, labelsOf(we.spec.labels)));
    return (subset) => pods.some((w) => subsetSelects(model, subset, w)) || entries.some((we) => _selects(subset, labelsOf(we.spec.labels)));
  }
  const endpoints: any[] = Array.isArray(obj.spec.endpoints) ? obj.spec.endpoints : [];
  // Without endpoints, a ServiceEntry's only endpoint is its host (DNS), which carries no labels.
  return (subset) => (endpoints.length === 0 ? Object.keys(subset).length === 0 : endpoints.some((e) => _selects(subset, labelsOf(e?.labels))));
}

function labelsOf(labels: unknown): Record<string, string> {
  return labels && typeof labels === 'object' ? labels as Record<string, string> : {};
}

/** IST0173: a DestinationRule subset whose labels select no pod. */
export const SUBSET_NOT_SELECT_PODS: _Rule = {
  id: 'IST0173',
  rule: 'destinationrule/subset-not-select-pods',
  name: 'DestinationRuleSubsetNotSelectPods',
  level: AnalysisLevel.ERROR,
  cause: 'A subset of a DestinationRule has labels that no endpoint of its host carries: no Pod or pod template the host\'s Service selects, '
    + 'no WorkloadEntry or endpoint of its ServiceEntry.',
  why: 'Traffic routed to that subset finds no endpoint and fails with 503 UH (no healthy upstream).',
  fix: 'Correct the subset labels, or label the workload\'s pod template (for example version: v2) to match them.',
  istioAnalyzer: 'destinationrule.PodNotSelectedAnalyzer',
  check: (model) => _destinationRules(model)
    .filter(({ dr, dest }) => dest && Array.isArray(dr.spec.subsets))
    .flatMap(({ dr: rule, dest }) => {
      const selects = endpointTests(model, dest!);
      return selects ? (rule.spec.subsets as any[]).filter((subset) => !selects(labelsOf(subset?.labels))).map((subset) => ({ subset, rule })) : [];
    })
    .map(({ subset, rule }) => ({
      obj: rule,
      ref: _hostRef(String(rule.spec.host ?? ''), rule.namespace),
      message: `Subset ${subset?.name} of DestinationRule ${rule.name} selects no endpoint of host ${rule.spec.host}: `
      + 'requests routed to it fail with 503 UH.',
    })),
};
