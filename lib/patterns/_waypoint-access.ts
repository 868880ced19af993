import { Construct, IConstruct } from 'constructs';
import { Identity } from '../core/identity';
import { AuthorizationAction, AuthorizationPolicy } from '../security/authorization-policy';

/**
 * The ALLOW policy `allow-waypoints` of an ambient ZeroTrustNamespace with its allow-nothing policy:
 * it lets the namespace's waypoints reach its workloads, which ztunnel would otherwise deny, since it
 * sees the waypoint as the source of the traffic it relays
 * (https://istio.io/latest/docs/ambient/usage/l4-policy/).
 *
 * Each Waypoint announces itself through the namespace guard (lib/core/_intents.ts) when it is
 * created, so the policy is made with the first one, before validation starts, and is validated like
 * any other object. Its one rule lists the waypoints' principals in the order of the construct tree,
 * and it stays after the ALLOW policies the namespace makes later, as when it was made at synth.
 */
export class _WaypointAccess {
  // Tree positions of the admitted waypoints, in order: a construct's position never changes once it exists.
  private readonly positions: number[][] = [];
  // The principals of the admitted waypoints, in tree order: the policy's one rule is replaced with each.
  private readonly principals: Identity[] = [];
  private _policy?: AuthorizationPolicy;

  constructor(private readonly scope: Construct, private readonly namespace: string) {}

  /** The policy, once a waypoint of the namespace exists. */
  public get policy(): AuthorizationPolicy | undefined {
    return this._policy;
  }

  /** Lets a waypoint of the namespace through: creates the policy for the first, adds the others' principals. */
  public admit(waypoint: IConstruct, identity: Identity): void {
    const position = positionOf(waypoint);
    // Waypoints are mostly created in tree order: compare with the last one before searching.
    const last = this.positions[this.positions.length - 1];
    const at = last === undefined || !precedes(position, last) ? this.positions.length : this.positions.findIndex((p) => precedes(position, p));
    this.positions.splice(at, 0, position);
    this.principals.splice(at, 0, identity);
    if (!this._policy) {
      this._policy = new AuthorizationPolicy(this.scope, 'AllowWaypoints', {
        metadata: { name: 'allow-waypoints', namespace: this.namespace },
        action: AuthorizationAction.ALLOW,
        rules: [{ from: [{ principals: this.principals }] }],
      });
    } else {
      this._policy._replaceRule(0, { from: [{ principals: [...this.principals] }] });
    }
  }

  /** Keeps the policy after `policy` in the manifests (cdk8s writes a chart's objects in dependency order). */
  public follow(policy: AuthorizationPolicy): void {
    this._policy?.apiObject.node.addDependency(policy.apiObject);
  }
}

/** True when position `a` comes before `b` in the construct tree's pre-order (the order `findAll()` returns). */
function precedes(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return a.length < b.length;
}

/** The index of each of a construct's scopes among its parent's children, from the root down. */
function positionOf(c: IConstruct): number[] {
  return c.node.scopes.slice(1).map((s) => s.node.scope!.node.children.indexOf(s));
}
