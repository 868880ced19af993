import * as kplus from 'cdk8s-plus-28';
import { MeshVersionOptions } from './mesh-version-options';
import { MeshLabels } from '../core/labels';

/** How a CanaryRelease gets the pods of one of its versions. */
export enum CanaryVersionSource {
  /** A Deployment is created from an image. */
  IMAGE = 'IMAGE',
  /** An existing Deployment is adopted. */
  DEPLOYMENT = 'DEPLOYMENT',
  /** A version the MeshService already runs. */
  EXISTING = 'EXISTING',
}

/**
 * The stable or the canary version of a CanaryRelease: its `version` label (and DestinationRule subset
 * name) and where its pods come from.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
 * @example
 * CanaryVersion.fromImage('v2', 'registry.example.com/payments-api:1.5.0', { replicas: 1 })
 */
export class CanaryVersion {
  /**
   * A version run from an image: a Deployment `<name>-<version>` whose pods carry `version: <version>`.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public static fromImage(version: string, image: string, options: MeshVersionOptions = {}): CanaryVersion {
    return new CanaryVersion(CanaryVersionSource.IMAGE, version, image, undefined, options);
  }

  /**
   * An existing Deployment, adopted as the stable version of a CanaryRelease that creates its own
   * service: its pods get the `app` and `version` labels.
   *
   * @param version the `version` label; defaults to the Deployment's `version` pod label, else `v1`
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  public static fromDeployment(deployment: kplus.Deployment, version?: string): CanaryVersion {
    const resolved = version ?? deployment.podMetadata.getLabel(MeshLabels.VERSION) ?? 'v1';
    return new CanaryVersion(CanaryVersionSource.DEPLOYMENT, resolved, undefined, deployment, {});
  }

  /**
   * A version the CanaryRelease's `meshService` already runs (its first version, or one added with
   * `addVersion()`).
   *
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  public static existing(version: string): CanaryVersion {
    return new CanaryVersion(CanaryVersionSource.EXISTING, version, undefined, undefined, {});
  }

  private constructor(
    /** Where the version's pods come from. */
    public readonly source: CanaryVersionSource,
    /** The `version` label of the pods; the DestinationRule subset is named after it (lower case, `.` and `_` as `-`). */
    public readonly version: string,
    /** The container image, for a version run from an image. */
    public readonly image: string | undefined,
    /** The adopted Deployment, for `fromDeployment()`. */
    public readonly deployment: kplus.Deployment | undefined,
    /** Replicas, resources and the rest of the version's pods, for a version run from an image. */
    public readonly options: MeshVersionOptions,
  ) {}
}
