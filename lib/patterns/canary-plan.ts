/**
 * What a step of a canary release does to the service's traffic.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/#routing-versions
 */
export enum CanaryAction {
  /** The canary gets no traffic: before the first step, or after a rollback. */
  HOLD = 'hold',
  /** The canary gets a share of the traffic, the stable version the rest. */
  SHIFT = 'shift',
  /** The canary gets all the traffic. */
  PROMOTE = 'promote',
  /** Traffic goes back to the stable version. */
  ROLLBACK = 'rollback',
}

/**
 * One of the two versions of a canary release, as the PromQL helpers of CanaryRelease measure it.
 *
 * @see https://istio.io/latest/docs/reference/config/metrics/
 */
export enum CanaryTrack {
  /** The version serving traffic before the release. */
  STABLE = 'stable',
  /** The version being released. */
  CANARY = 'canary',
}

/**
 * One step of a canary plan: the weights it sets, and the value a pipeline writes to get there.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
 */
export interface CanaryPlanStep {
  /** The index of the step in `steps`; -1 for the rollback. */
  readonly index: number;
  /** The percentage of requests the canary gets, 0 to 100. */
  readonly canaryWeight: number;
  /** The percentage of requests the stable version gets: 100 - canaryWeight. */
  readonly stableWeight: number;
  /** What the step does. */
  readonly action: CanaryAction;
  /** Whether the release is at this step now. */
  readonly current: boolean;
  /** The prop and value a pipeline sets to reach the step, such as `currentStep: 2` or `canaryWeight: 0`. */
  readonly set: string;
  /** What changes in the synthesized manifests, compared with the step before (or the current state, for the rollback). */
  readonly changes: string[];
}

/**
 * The PromQL a pipeline evaluates between steps, from Istio's standard metrics.
 *
 * @see https://istio.io/latest/docs/reference/config/metrics/
 */
export interface CanaryGateQueries {
  /** The canary's share of requests answered with a 5xx status. */
  readonly canaryErrorRate: string;
  /** The stable version's share of requests answered with a 5xx status. */
  readonly stableErrorRate: string;
  /** The canary's 99th percentile request duration, in milliseconds. */
  readonly canaryP99LatencyMs: string;
  /** The stable version's 99th percentile request duration, in milliseconds. */
  readonly stableP99LatencyMs: string;
}

/**
 * A canary release as data a pipeline can print or act on (`JSON.stringify(release.plan())`): the
 * versions, every step with its weights and changes, how to roll back, and the gate queries.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/#routing-versions
 */
export interface CanaryPlan {
  /** The name of the Service, DestinationRule and VirtualService. */
  readonly service: string;
  /** Their namespace. */
  readonly namespace: string;
  /** The stable version's `version` label and subset. */
  readonly stableVersion: string;
  /** The canary's `version` label and subset. */
  readonly canaryVersion: string;
  /** The canary's current weight, 0 to 100. */
  readonly canaryWeight: number;
  /** The stable version's current weight: 100 - canaryWeight. */
  readonly stableWeight: number;
  /**
   * The index of the current step in `steps`.
   *
   * @default - not at a step: the weight was given explicitly, or no step was started
   */
  readonly currentStep?: number;
  /** The steps, in order; the last one (100) promotes the canary. */
  readonly steps: CanaryPlanStep[];
  /** The step that rolls back: the canary's weight set to 0. */
  readonly rollback: CanaryPlanStep;
  /** The PromQL to check before the next step. */
  readonly gates: CanaryGateQueries;
}
