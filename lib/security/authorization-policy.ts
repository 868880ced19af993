import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _checkRule, _matchesEverything, _renderRule } from './_authorization-rule';
import { AuthorizationRule } from './authorization-rule';
import type * as L1 from '../../imports/security.istio.io';
import { _snapshot } from '../core/_compact';
import { _declare } from '../core/_declarations';
import { _constructSubject, _didYouMean, _Problems, _requireProps } from '../core/_errors';
import { _securityL1 } from '../core/_l1';
import { _checkPolicyTarget, _renderPolicyTarget } from '../core/_policy-target';
import { _suppressRule } from '../core/_suppressions';
import { _checkNotSynthesized } from '../core/_synth';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { PolicyTargetRef, WorkloadSelector } from '../core/selector';

/**
 * What an AuthorizationPolicy does with the requests its rules match.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-Action
 */
export enum AuthorizationAction {
  /**
   * Allow the matched requests; once any ALLOW policy selects a workload, everything else is denied.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-Action
   */
  ALLOW = 'ALLOW',
  /**
   * Deny the matched requests; evaluated before ALLOW policies.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-Action
   */
  DENY = 'DENY',
  /**
   * Audit the matched requests (needs an audit plugin); does not change the decision.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-Action
   */
  AUDIT = 'AUDIT',
  /**
   * Delegate the decision on the matched requests to an extension provider (external authorization).
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-Action
   */
  CUSTOM = 'CUSTOM',
}

/** What an AuthorizationPolicy applies to: the props every way of creating one takes. */
export interface AuthorizationPolicyTargetProps extends MeshResourceProps {
  /**
   * The workloads the policy applies to, rendered as `selector.matchLabels`.
   *
   * @default - every workload of the namespace (of the mesh, in Istio's root namespace), unless targetRefs is set
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  readonly selector?: WorkloadSelector;

  /**
   * The resources the policy attaches to (a Gateway, a Service for a waypoint ...), instead of a selector.
   *
   * @default - none: the policy applies by selector or to the whole namespace
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  readonly targetRefs?: PolicyTargetRef[];
}

/** Props of an AuthorizationPolicy. */
export interface AuthorizationPolicyProps extends AuthorizationPolicyTargetProps {
  /**
   * What the policy does with the requests its rules match.
   *
   * @default - not rendered: Istio's default, ALLOW
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  readonly action?: AuthorizationAction;

  /**
   * The name of the extension provider (from `meshConfig.extensionProviders`) that decides; required
   * for, and only allowed with, the CUSTOM action.
   *
   * @default - no provider
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  readonly provider?: string;

  /**
   * The rules; a request matches the policy when it matches any rule. Add more with `addRule()`.
   * An ALLOW or DENY rule that matches every request is an error: use `AuthorizationPolicy.allowAll()`
   * or `AuthorizationPolicy.denyAll()` to say so.
   *
   * @default - no rules yet: add at least one with addRule() before synthesis
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  readonly rules?: AuthorizationRule[];
}

enum Intent {
  RULES = 'rules',
  ALLOW_NOTHING = 'allowNothing',
  ALLOW_ALL = 'allowAll',
  DENY_ALL = 'denyAll',
}

/**
 * An AuthorizationPolicy: access control on workloads in the mesh, by source identity, request
 * operation and conditions.
 *
 * Istio evaluates CUSTOM, then DENY, then ALLOW policies; once any ALLOW policy applies to a workload,
 * requests that match no ALLOW rule are denied. The named factories say the intents that are easy
 * to get wrong: `allowNothing()` (an empty spec: denies everything in scope), `denyAll()` and
 * `allowAll()`. A rule list that matches every request by accident is an error.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
 * @example
 * new AuthorizationPolicy(chart, 'payments-api-policy', {
 *   selector: WorkloadSelector.labels({ app: 'payments-api' }),
 *   action: AuthorizationAction.ALLOW,
 *   rules: [{
 *     from: [{ principals: [Identity.fromNames('frontend', 'frontend-sa')] }],
 *     to: [{ methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/payments/*'] }],
 *   }],
 * });
 */
export class AuthorizationPolicy extends MeshResource {
  /**
   * A policy with an empty spec (`{}`): it applies ALLOW with no rule, so it denies every request to
   * the workloads in scope. The base of a zero-trust namespace; allow traffic with other policies.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy
   */
  public static allowNothing(scope: Construct, id: string, props: AuthorizationPolicyTargetProps = {}): AuthorizationPolicy {
    const policy = new AuthorizationPolicy(scope, id, props);
    policy.intent = Intent.ALLOW_NOTHING;
    return policy;
  }

  /**
   * A DENY policy with one empty rule (`action: DENY`, `rules: [{}]`): denies every request to the
   * workloads in scope, whatever ALLOW policies say.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy
   */
  public static denyAll(scope: Construct, id: string, props: AuthorizationPolicyTargetProps = {}): AuthorizationPolicy {
    const policy = new AuthorizationPolicy(scope, id, { ...props, action: AuthorizationAction.DENY });
    policy.intent = Intent.DENY_ALL;
    policy.rules.push({});
    return policy;
  }

  /**
   * An ALLOW policy with one empty rule (`action: ALLOW`, `rules: [{}]`): allows every request to the
   * workloads in scope (DENY and CUSTOM policies still apply). The only way to write such a rule.
   * The mesh analysis rule CI0004 (an ALLOW rule that allows everything) is suppressed on it, with
   * the reason recorded in the `cdk8s-istio.analysis/suppress` annotation.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy
   */
  public static allowAll(scope: Construct, id: string, props: AuthorizationPolicyTargetProps = {}): AuthorizationPolicy {
    const policy = new AuthorizationPolicy(scope, id, { ...props, action: AuthorizationAction.ALLOW });
    policy.intent = Intent.ALLOW_ALL;
    policy.rules.push({});
    // The mesh analysis reports an ALLOW rule that matches everything (CI0004); here it is the intent.
    _suppressRule(policy, 'CI0004', 'explicit AuthorizationPolicy.allowAll(): allowing every request is intended');
    return policy;
  }

  /**
   * The `security.istio.io/v1` AuthorizationPolicy this construct renders into.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  public readonly apiObject: ApiObject;

  private readonly subject: string;
  private readonly _action?: AuthorizationAction;
  private readonly provider?: string;
  private readonly selector?: WorkloadSelector;
  private readonly targetRefs?: PolicyTargetRef[];
  private readonly rules: AuthorizationRule[] = [];
  private intent = Intent.RULES;

  constructor(scope: Construct, id: string, props: AuthorizationPolicyProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('AuthorizationPolicy', scope, id);
    _requireProps(this.subject, props, {});
    this._action = props.action;
    this.provider = props.provider;
    this.selector = props.selector;
    this.targetRefs = props.targetRefs ? [...props.targetRefs] : undefined;

    const problems = new _Problems(this.subject);
    const actions = Object.values(AuthorizationAction) as string[];
    problems.check(props.action === undefined || actions.includes(props.action), 'action', `must be one of ${actions.join(', ')}`, props.action,
      `Use a member of AuthorizationAction.${_didYouMean(String(props.action), actions)}`);
    if (props.action === AuthorizationAction.CUSTOM) {
      problems.check(!!props.provider, 'provider', 'must name an extension provider for the CUSTOM action', props.provider,
        'Give the name of an extension provider from meshConfig.extensionProviders, such as provider: \'ext-authz\'.');
    } else {
      problems.check(props.provider === undefined, 'provider', `is only used with the CUSTOM action (action: ${props.action ?? 'ALLOW, the default'})`, props.provider,
        'Set action: AuthorizationAction.CUSTOM, or leave the provider out.');
    }
    _checkPolicyTarget(problems, props.selector, props.targetRefs);
    (props.rules ?? []).forEach((rule, i) => this.checkRule(problems, `rules[${i}]`, rule));
    problems.throwIfAny();
    this.rules.push(...(props.rules ?? []).map((r) => _snapshot(r)));
    (props.rules ?? []).forEach((rule) => declareSources(this, rule));

    this.apiObject = new (_securityL1().AuthorizationPolicy)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });

    this.node.addValidation({ validate: () => this.validatePolicy() });
  }

  /**
   * What the policy does with matched requests (ALLOW when not set).
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  public get action(): AuthorizationAction {
    return this._action ?? AuthorizationAction.ALLOW;
  }

  /**
   * Adds a rule: a request matches the policy when it matches any of its rules.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule
   * @example
   * policy.addRule({
   *   from: [{ principals: [Identity.fromNames('monitoring', 'prometheus')] }],
   *   to: [{ methods: [HttpMethod.GET], paths: ['/metrics'] }],
   * });
   */
  public addRule(rule: AuthorizationRule): void {
    _checkNotSynthesized(this, 'AuthorizationPolicy', 'addRule');
    _requireProps(this.subject, rule, {}, 'rule', 'Pass the rule: from (sources), to (operations) and when (conditions); {} matches every request.');
    const problems = new _Problems(this.subject);
    if (this.intent !== Intent.RULES) {
      problems.add(`rules[${this.rules.length}]`, `cannot be added to a policy made with AuthorizationPolicy.${this.intent}()`, rule,
        this.intent === Intent.ALLOW_NOTHING
          ? 'Keep the allow-nothing policy as it is and create a separate AuthorizationPolicy for the requests to allow.'
          : 'It already matches every request; create a separate AuthorizationPolicy for narrower rules.');
    }
    this.checkRule(problems, `rules[${this.rules.length}]`, rule);
    problems.throwIfAny();
    this.rules.push(_snapshot(rule));
    declareSources(this, rule);
  }

  /**
   * Replaces rule `index` with `rule`, checked as `addRule()` checks it: for a construct of this
   * library that owns the policy and widens one rule as the objects it lets through appear (the
   * waypoints of an ambient ZeroTrustNamespace).
   * @internal
   */
  public _replaceRule(index: number, rule: AuthorizationRule): void {
    _checkNotSynthesized(this, 'AuthorizationPolicy', 'addRule');
    const problems = new _Problems(this.subject);
    this.checkRule(problems, `rules[${index}]`, rule);
    problems.throwIfAny();
    this.rules[index] = _snapshot(rule);
    declareSources(this, rule);
  }

  /** @internal */
  public _toKube(): L1.AuthorizationPolicySpec {
    const target = _renderPolicyTarget(this.selector, this.targetRefs);
    if (this.intent === Intent.ALLOW_NOTHING) return target;
    return {
      ...target,
      ...(this._action ? { action: this._action as string as L1.AuthorizationPolicySpecAction } : {}),
      ...(this.provider ? { provider: { name: this.provider } } : {}),
      ...(this.rules.length > 0 ? { rules: this.rules.map(_renderRule) } : {}),
    };
  }

  private checkRule(problems: _Problems, prop: string, rule: AuthorizationRule): void {
    _checkRule(problems, prop, rule);
    if (_matchesEverything(rule)) {
      if (this.action === AuthorizationAction.ALLOW) {
        problems.add(prop, 'matches every request, so this ALLOW policy would allow everything', rule,
          'Narrow the rule with from, to or when; if allowing everything is intended, use AuthorizationPolicy.allowAll().');
      } else if (this.action === AuthorizationAction.DENY) {
        problems.add(prop, 'matches every request, so this DENY policy would deny everything', rule,
          'Narrow the rule with from, to or when; if denying everything is intended, use AuthorizationPolicy.denyAll().');
      }
    }
  }

  private validatePolicy(): string[] {
    if (this.intent !== Intent.RULES || this.rules.length > 0) return [];
    const problems = new _Problems(this.subject);
    if (this.action === AuthorizationAction.ALLOW) {
      problems.add('rules', 'is empty, so this ALLOW policy allows nothing and denies every request in scope', [],
        'Add rules with addRule(); if denying everything is intended, use AuthorizationPolicy.allowNothing().');
    } else {
      problems.add('rules', `is empty, so this ${this.action} policy matches no request and has no effect`, [],
        'Add rules with addRule(), or remove the policy.');
    }
    return problems.messages();
  }
}

/**
 * The namespaces and service accounts a rule's sources name through typed identities, recorded as what the app refers
 * to on purpose (they may live outside it): the mesh analysis then takes them as existing.
 */
function declareSources(scope: Construct, rule: AuthorizationRule): void {
  for (const source of rule.from ?? []) {
    const identities = [...(source.principals ?? []), ...(source.notPrincipals ?? []), ...(source.namespaces ?? []), ...(source.notNamespaces ?? [])];
    for (const identity of identities) {
      const namespace = identity.namespaceName;
      if (!namespace || namespace.includes('*')) continue;
      if (identity.serviceAccountName) _declare(scope, { serviceAccount: { namespace, name: identity.serviceAccountName } });
      else _declare(scope, { namespace });
    }
  }
}
