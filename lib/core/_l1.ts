/**
 * The generated L1 bindings, loaded on first use. `imports/networking.istio.io` alone is 1 MB of
 * JavaScript and took ~65 ms of `require('cdk8s-istio')`; an app that uses two Istio kinds should
 * not pay for all of them at start-up. Every L2 creates its L1 through one of these functions and
 * imports the generated types with `import type` only, so `require('cdk8s-istio')` loads no
 * generated binding. This is for start-up cost, not to break an import cycle: the
 * types come from ordinary `import type`, and each module is required once, by Node's cache.
 */
import type * as gatewayApi from '../../imports/gateway.networking.k8s.io';
import type * as networking from '../../imports/networking.istio.io';
import type * as security from '../../imports/security.istio.io';
import type * as telemetry from '../../imports/telemetry.istio.io';

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

/** `imports/security.istio.io`, required on first call. @internal */
export function _securityL1(): typeof security {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../imports/security.istio.io');
}

/** `imports/telemetry.istio.io`, required on first call. @internal */
export function _telemetryL1(): typeof telemetry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../imports/telemetry.istio.io');
}

