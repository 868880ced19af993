/**
 * The generated L1 bindings, loaded on first use. `imports/networking.istio.io` alone is 1 MB of
 * JavaScript and took ~65 ms of `require('cdk8s-istio')`; an app that uses two Istio kinds should
 * not pay for all of them at start-up. This is for start-up cost, not to break an import cycle: the
 * types come from ordinary `import type`, and each module is required once, by Node's cache.
 */
import type * as gatewayApi from '../../imports/gateway.networking.k8s.io';
import type * as networking from '../../imports/networking.istio.io';

/** `imports/networking.istio.io`, required on first call. @internal */
export function _networkingL1(): typeof networking {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../imports/networking.istio.io');
}


/** `imports/gateway.networking.k8s.io` (750 KB), required on first call, for the same reason. @internal */
export function _gatewayApiL1(): typeof gatewayApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../imports/gateway.networking.k8s.io');
}
