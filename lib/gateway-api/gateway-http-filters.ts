import type { BackendRef } from './route-refs';

/**
 * Header changes of an HTTPRoute filter (`RequestHeaderModifier`, `ResponseHeaderModifier`).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpheaderfilter
 */
export interface GatewayHeaderModifier {
  /**
   * Headers to set, replacing any value.
   *
   * @default - none
   */
  readonly set?: { [name: string]: string };

  /**
   * Headers to add to any existing value.
   *
   * @default - none
   */
  readonly add?: { [name: string]: string };

  /**
   * Headers to remove.
   *
   * @default - none
   */
  readonly remove?: string[];
}

/**
 * Copies of requests sent to another backend, their responses discarded (`RequestMirror` filter).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestmirrorfilter
 */
export interface GatewayRequestMirror {
  /** The backend the copies go to. */
  readonly backend: BackendRef;

  /**
   * The percentage of requests copied, 0 to 100.
   *
   * @default - every request
   */
  readonly percent?: number;
}

/**
 * The scheme a `RequestRedirect` filter sends clients to. The member carries the wire value.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestredirectfilter
 */
export enum GatewayRedirectScheme {
  /** Plain HTTP. */
  HTTP = 'http',
  /** HTTPS: without a `port`, the redirect goes to 443. */
  HTTPS = 'https',
}

/**
 * A redirect answered by the gateway instead of forwarding the request (`RequestRedirect` filter);
 * the fields left out keep the request's own.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestredirectfilter
 */
export interface GatewayRequestRedirect {
  /**
   * The scheme of the `Location`.
   *
   * @default - the request's scheme
   */
  readonly scheme?: GatewayRedirectScheme;

  /**
   * The host name of the `Location`.
   *
   * @default - the request's host
   */
  readonly hostname?: string;

  /**
   * The port of the `Location`.
   *
   * @default - the well-known port of `scheme` when it is given (80, 443), else the listener's port
   */
  readonly port?: number;

  /**
   * The status code of the answer: 301, 302, 303, 307 or 308.
   *
   * @default 302
   */
  readonly statusCode?: number;
}

/**
 * Changes to the request before it is forwarded (`URLRewrite` filter).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpurlrewritefilter
 */
export interface GatewayUrlRewrite {
  /**
   * The host name (`Host` header) to send.
   *
   * @default - the request's host
   */
  readonly hostname?: string;

  /**
   * A path replacing the whole request path (`ReplaceFullPath`). Exclusive with `replacePrefixMatch`.
   *
   * @default - the path is kept
   */
  readonly replaceFullPath?: string;

  /**
   * A path replacing the prefix the rule matched (`ReplacePrefixMatch`); the rule must have one
   * match, a `PathPrefix`. Exclusive with `replaceFullPath`.
   *
   * @default - the path is kept
   */
  readonly replacePrefixMatch?: string;
}

