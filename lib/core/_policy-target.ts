import { _Problems } from './_errors';
import { PolicyTargetRef, WorkloadSelector } from './selector';

/** What a security or telemetry policy applies to, as its spec renders it. */
export interface _PolicyTargetSpec {
  selector?: { matchLabels: { [key: string]: string } };
  targetRefs?: Array<{ group: string; kind: string; name: string; namespace?: string }>;
}

/**
 * Checks `selector` and `targetRefs` of a security or telemetry policy the way Istio's CEL rules do
 * (only one of the two; at most 16 targetRefs; no cross-namespace reference), recording problems.
 */
export function _checkPolicyTarget(problems: _Problems, selector: WorkloadSelector | undefined, targetRefs: PolicyTargetRef[] | undefined): void {
  problems.check(!(selector && targetRefs && targetRefs.length > 0), 'selector',
    'cannot be set together with \'targetRefs\': Istio accepts only one of the two', selector?.matchLabels,
    'Use \'selector\' for sidecar workloads, or \'targetRefs\' for a Gateway, Service or waypoint; not both.');
  if (!targetRefs) return;
  problems.check(targetRefs.length <= 16, 'targetRefs', 'must hold at most 16 references, as Istio requires', targetRefs.length,
    'Split the policy into several policies.');
  targetRefs.forEach((ref, i) => {
    problems.check(!ref.namespace, `targetRefs[${i}].namespace`, 'must be empty: Istio does not support cross-namespace references here',
      ref.namespace, 'Create the policy in the namespace of its target, and leave the namespace out.');
  });
}

/** Renders `selector.matchLabels` or `targetRefs`, whichever was given. */
export function _renderPolicyTarget(selector: WorkloadSelector | undefined, targetRefs: PolicyTargetRef[] | undefined): _PolicyTargetSpec {
  return {
    ...(selector ? { selector: { matchLabels: selector.matchLabels } } : {}),
    ...(targetRefs && targetRefs.length > 0 ? { targetRefs: targetRefs.map((ref) => ref._toIstio()) } : {}),
  };
}
