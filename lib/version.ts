/** The Istio release whose CRDs generated this package's bindings and whose behaviour its constructs follow. */
export const ISTIO_VERSION = '1.30.3';

/** The Gateway API release (standard channel) that Istio 1.30.3 pins, whose CRDs generated the Gateway API bindings. */
export const GATEWAY_API_VERSION = '1.5.1';

/**
 * The versions this package is built against, for languages that jsii reaches (module-level
 * constants are TypeScript-only).
 */
export class Versions {
  /** The Istio release: `1.30.3`. */
  public static readonly ISTIO = ISTIO_VERSION;

  /** The Gateway API release: `1.5.1`. */
  public static readonly GATEWAY_API = GATEWAY_API_VERSION;

  private constructor() {}
}
