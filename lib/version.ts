/** The Istio release whose CRDs generated this package's bindings and whose behaviour its constructs follow. */
export const ISTIO_VERSION = '1.30.3';

/** The Gateway API release (standard channel) that Istio 1.30.3 pins, whose CRDs generated the Gateway API bindings. */
export const GATEWAY_API_VERSION = '1.5.1';
