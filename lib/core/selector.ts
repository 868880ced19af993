import * as kplus from 'cdk8s-plus-28';
import { _fail } from './_errors';

/**
 * The pods an Istio policy or configuration applies to, by their labels.
 *
 * Renders as `selector.matchLabels` (security and telemetry kinds) or `workloadSelector.labels`
 * (networking kinds); the construct decides which.
 *
 * @see https://istio.io/latest/docs/reference/config/type/workload-selector/
 */
export class WorkloadSelector {
  /**
   * Selects the pods that carry all of these labels.
   *
   * @example WorkloadSelector.labels({ app: 'payments-api' })
   */
  public static labels(labels: { [key: string]: string }): WorkloadSelector {
    if (Object.keys(labels).length === 0) {
      _fail('WorkloadSelector.labels', 'labels', 'must hold at least one label', labels,
        'Give the labels of the pods to select, or leave the selector out to apply to the whole namespace.');
    }
    return new WorkloadSelector({ ...labels });
  }

  /**
   * Selects the pods of a cdk8s-plus workload (Deployment, StatefulSet, Pods ...) by the labels it
   * selects its pods with.
   */
  public static fromWorkload(workload: kplus.IPodSelector): WorkloadSelector {
    const config = workload.toPodSelectorConfig();
    const expressions = config.labelSelector._toKube().matchExpressions ?? [];
    if (expressions.length > 0) {
      _fail('WorkloadSelector.fromWorkload', 'workload', 'selects its pods with label expressions, which Istio selectors cannot express', expressions,
        'Select the workload with WorkloadSelector.labels() and plain labels.');
    }
    const labels = config.labelSelector._toKube().matchLabels ?? {};
    return WorkloadSelector.labels(labels);
  }

  private constructor(private readonly _labels: { [key: string]: string }) {}

  /** The labels a selected pod must carry. */
  public get matchLabels(): { [key: string]: string } {
    return { ...this._labels };
  }
}

/**
 * A Kubernetes resource an Istio policy attaches to (`targetRefs`), such as a Gateway API
 * Gateway or a Service; the alternative to a workload selector.
 *
 * @see https://istio.io/latest/docs/reference/config/type/workload-selector/#PolicyTargetReference
 */
export class PolicyTargetRef {
  /** A Kubernetes Service, by name. */
  public static service(name: string, namespace?: string): PolicyTargetRef {
    return new PolicyTargetRef('', 'Service', name, namespace);
  }

  /** A Gateway API Gateway, by name. */
  public static gateway(name: string, namespace?: string): PolicyTargetRef {
    return new PolicyTargetRef('gateway.networking.k8s.io', 'Gateway', name, namespace);
  }

  /** A Gateway API GatewayClass, by name. */
  public static gatewayClass(name: string): PolicyTargetRef {
    return new PolicyTargetRef('gateway.networking.k8s.io', 'GatewayClass', name);
  }

  /** A ServiceEntry, by name. */
  public static serviceEntry(name: string, namespace?: string): PolicyTargetRef {
    return new PolicyTargetRef('networking.istio.io', 'ServiceEntry', name, namespace);
  }

  /** Any kind, by group, kind and name. */
  public static of(group: string, kind: string, name: string, namespace?: string): PolicyTargetRef {
    return new PolicyTargetRef(group, kind, name, namespace);
  }

  private constructor(
    /** The API group of the target; `''` for the core group. */
    public readonly group: string,
    /** The kind of the target. */
    public readonly kind: string,
    /** The name of the target. */
    public readonly name: string,
    /** The namespace of the target. @default - the policy's own namespace */
    public readonly namespace?: string,
  ) {
    if (!name) _fail(`PolicyTargetRef.${kind}`, 'name', 'must not be empty', name, 'Give the name of the target resource.');
  }

  /** @internal */
  public _toIstio(): { group: string; kind: string; name: string; namespace?: string } {
    return { group: this.group, kind: this.kind, name: this.name, ...(this.namespace ? { namespace: this.namespace } : {}) };
  }
}
