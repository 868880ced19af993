import type * as k8s from '../../imports/networking.istio.io';

/**
 * Header manipulations for requests or responses.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers-HeaderOperations
 */
export interface HeaderOperations {
  /**
   * Overwrite these headers with the given values.
   *
   * @default - no header is overwritten
   */
  readonly set?: { [name: string]: string };

  /**
   * Append these values to the headers.
   *
   * @default - no header is appended
   */
  readonly add?: { [name: string]: string };

  /**
   * Remove these headers.
   *
   * @default - no header is removed
   */
  readonly remove?: string[];
}

/**
 * Header manipulations for a route or a destination: on the request sent upstream and on the
 * response sent back.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers
 */
export interface HeadersPolicy {
  /**
   * Manipulations of the request headers before forwarding to the destination.
   *
   * @default - request headers are left as they are
   */
  readonly request?: HeaderOperations;

  /**
   * Manipulations of the response headers before returning to the caller.
   *
   * @default - response headers are left as they are
   */
  readonly response?: HeaderOperations;
}

/** Renders a HeadersPolicy as Istio's `headers`. @internal */
export function _headersToIstio(headers: HeadersPolicy): k8s.VirtualServiceSpecHttpHeaders {
  const ops = (o?: HeaderOperations) => o === undefined ? undefined : {
    ...(o.set ? { set: { ...o.set } } : {}),
    ...(o.add ? { add: { ...o.add } } : {}),
    ...(o.remove ? { remove: [...o.remove] } : {}),
  };
  return {
    ...(headers.request ? { request: ops(headers.request) } : {}),
    ...(headers.response ? { response: ops(headers.response) } : {}),
  };
}
