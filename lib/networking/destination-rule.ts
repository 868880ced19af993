import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _TrafficPolicyChecker, _TrafficPolicyRenderer } from './_traffic-policy';
import { TrafficPolicy } from './traffic-policy';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _snapshot } from '../core/_compact';
import { _constructSubject, _Problems, _requireProps } from '../core/_errors';
import { _hostProblem, _namespaceOf } from '../core/_host';
import { _networkingL1 } from '../core/_l1';
import { _isLabelValue } from '../core/_names';
import { _checkNotSynthesized } from '../core/_synth';
import { ServiceHost } from '../core/host';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { WorkloadSelector } from '../core/selector';

/**
 * A named group of the host's endpoints, selected by labels (usually a `version`), which routes
 * can target.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
 */
export interface Subset {
  /** The name routes refer to it by. */
  readonly name: string;

  /**
   * The labels an endpoint must carry to belong to the subset.
   *
   * @default - every endpoint of the host
   */
  readonly labels?: { [key: string]: string };

  /**
   * Traffic settings for this subset; they replace the DestinationRule's for the fields they set.
   *
   * @default - the DestinationRule's traffic policy
   */
  readonly trafficPolicy?: TrafficPolicy;
}

/** Props of a DestinationRule. */
export interface DestinationRuleProps extends MeshResourceProps {
  /**
   * The host the rule applies to: a Service name (short or FQDN) or a ServiceEntry host.
   * Give exactly one of `host` and `service`.
   *
   * @default - the host of `service`
   */
  readonly host?: string;

  /**
   * A cdk8s-plus Service the rule applies to: its name, or its FQDN from another namespace.
   * Give exactly one of `host` and `service`.
   *
   * @default - `host`
   */
  readonly service?: kplus.Service;

  /**
   * The subsets of the host.
   *
   * @default - none; add with `addSubset()`
   */
  readonly subsets?: Subset[];

  /**
   * Load balancing, connection limits, outlier detection and TLS for the host.
   *
   * @default - Istio's defaults
   */
  readonly trafficPolicy?: TrafficPolicy;

  /**
   * The namespaces the rule is visible to: `.`, `*` or names.
   *
   * @default - Istio's own default: every namespace
   */
  readonly exportTo?: string[];

  /**
   * The workloads (clients) the rule applies to, in its own namespace.
   *
   * @default - every workload that calls the host
   */
  readonly workloadSelector?: WorkloadSelector;
}

/**
 * An Istio DestinationRule: what happens to traffic for a host after routing (subsets, load
 * balancing, connection pool, outlier detection, TLS). Emits `networking.istio.io/v1`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
 *
 * @example
 * new DestinationRule(chart, 'payments-api', {
 *   host: 'payments-api',
 *   subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
 * });
 */
export class DestinationRule extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.DestinationRule;

  private readonly subject: string;
  private readonly host: ServiceHost;
  private readonly subsets: Subset[] = [];
  private readonly trafficPolicy?: TrafficPolicy;
  private readonly exportTo?: string[];
  private readonly workloadSelector?: WorkloadSelector;

  public constructor(scope: Construct, id: string, props: DestinationRuleProps) {
    super(scope, id);
    this.subject = _constructSubject('DestinationRule', scope, id);
    _requireProps(this.subject, props, {}, 'props', 'Pass an object with \'host\' (a host name) or \'service\' (a cdk8s-plus Service).');
    const problems = new _Problems(this.subject);
    if ((props.host === undefined) === (props.service === undefined)) {
      problems.add('host', 'must be given, or else \'service\', but not both', { host: props.host, service: props.service?.name },
        'Give the host name in host, or the cdk8s-plus Service in service.');
    }
    if (props.host !== undefined) {
      const problem = _hostProblem(props.host);
      if (problem) problems.add('host', problem, props.host, 'Use a short name (`reviews`), an FQDN, `*.example.com` or `*`.');
    }
    if (props.trafficPolicy) new _TrafficPolicyChecker(this.subject, problems).trafficPolicy(props.trafficPolicy, 'trafficPolicy');
    const subsets = props.subsets ?? [];
    subsets.forEach((s, i) => this.checkSubset(s, `subsets[${i}]`, problems));
    const names = subsets.map((s) => s.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) {
        problems.add(`subsets[${i}].name`, 'must be unique', n, 'Give each subset its own name.');
      }
    });
    problems.throwIfAny();

    this.host = props.service ? ServiceHost.fromService(props.service) : ServiceHost.name(props.host!);
    this.trafficPolicy = _snapshot(props.trafficPolicy);
    this.subsets.push(...subsets.map((s) => _snapshot(s)));
    this.exportTo = props.exportTo ? [...props.exportTo] : undefined;
    this.workloadSelector = props.workloadSelector;

    this.apiObject = new (_networkingL1().DestinationRule)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
  }

  /** The names of the subsets defined so far. */
  public get subsetNames(): string[] {
    return this.subsets.map((s) => s.name);
  }

  /**
   * Adds a subset. Fails at once when a subset of the same name exists.
   */
  public addSubset(subset: Subset): void {
    _checkNotSynthesized(this, 'DestinationRule', 'addSubset');
    _requireProps(this.subject, subset, { name: 'Give the subset a name, such as \'v1\'.' }, 'subset');
    const problems = new _Problems(this.subject);
    const prop = `subsets[${this.subsets.length}]`;
    this.checkSubset(subset, prop, problems);
    if (this.subsetNames.includes(subset.name)) {
      problems.add(`${prop}.name`, 'must be unique', subset.name, `Give the subset another name than ${this.subsetNames.map((n) => `'${n}'`).join(', ')}.`);
    }
    problems.throwIfAny();
    this.subsets.push(_snapshot(subset));
  }

  private checkSubset(subset: Subset, prop: string, problems: _Problems): void {
    // A label value, as MeshService names subsets after version labels. istiod's validateSubsetName is
    // stricter (labels.IsDNS1123Label: no '.' or '_'; istio/istio 1.30.3 pkg/config/validation/validation.go).
    problems.check(subset.name !== '' && _isLabelValue(subset.name), `${prop}.name`, 'must be a name of at most 63 letters, digits, `-`, `_` and `.`', subset.name,
      'Name the subset after its version, such as \'v1\'.');
    if (subset.trafficPolicy) new _TrafficPolicyChecker(this.subject, problems).trafficPolicy(subset.trafficPolicy, `${prop}.trafficPolicy`);
  }

  /** @internal */
  public _toKube(): k8s.DestinationRuleSpec {
    const namespace = _namespaceOf(this, this.apiObject.metadata.namespace);
    const renderer = new _TrafficPolicyRenderer(this.subject);
    return _compact({
      host: this.host._render(namespace),
      trafficPolicy: this.trafficPolicy ? renderer.trafficPolicy(this.trafficPolicy, 'trafficPolicy') : undefined,
      subsets: this.subsets.length > 0 ? this.subsets.map((subset, i) => _compact({
        name: subset.name,
        labels: subset.labels ? { ...subset.labels } : undefined,
        trafficPolicy: subset.trafficPolicy ? renderer.trafficPolicy(subset.trafficPolicy, `subsets[${i}].trafficPolicy`) : undefined,
      })) : undefined,
      exportTo: this.exportTo,
      workloadSelector: this.workloadSelector ? { matchLabels: this.workloadSelector.matchLabels } : undefined,
    });
  }
}
