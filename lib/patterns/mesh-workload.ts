import { IConstruct } from 'constructs';
import { Identity } from '../core/identity';
import { WorkloadSelector } from '../core/selector';

/**
 * A workload in the mesh, as other patterns and policies refer to it: who its pods are (their
 * SPIFFE identity), where they run and how to select them. `MeshService` implements it.
 *
 * @see https://istio.io/latest/docs/concepts/security/#istio-identity
 */
export interface IMeshWorkload extends IConstruct {
  /**
   * The identity the workload's pods present in mTLS: the principal of their service account.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly identity: Identity;

  /**
   * The namespace the workload's pods run in.
   *
   * @see https://istio.io/latest/docs/reference/config/type/workload-selector/
   */
  readonly namespace: string;

  /**
   * Selects every pod of the workload, whatever its version (`app: <name>`).
   *
   * @see https://istio.io/latest/docs/reference/config/type/workload-selector/
   */
  readonly selector: WorkloadSelector;
}
