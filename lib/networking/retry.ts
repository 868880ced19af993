import { Duration } from 'cdk8s';
import { _didYouMean, _fail, _Problems } from '../core/_errors';

/**
 * The conditions on which Istio (Envoy) retries a request.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on
 */
export enum RetryCondition {
  /** Any 5xx response, or no response at all (disconnect, reset, timeout). */
  FIVE_XX = '5xx',
  /** 502, 503 or 504. */
  GATEWAY_ERROR = 'gateway-error',
  /** The upstream did not respond at all (disconnect, reset, read timeout). */
  RESET = 'reset',
  /** A reset before the request was sent upstream: safe to retry even for non-idempotent requests. */
  RESET_BEFORE_REQUEST = 'reset-before-request',
  /** The connection to the upstream failed (connect timeout ...). */
  CONNECT_FAILURE = 'connect-failure',
  /** The upstream answered with the `x-envoy-ratelimited` header. */
  ENVOY_RATELIMITED = 'envoy-ratelimited',
  /** A retriable 4xx response (currently 409). */
  RETRIABLE_4XX = 'retriable-4xx',
  /** The upstream reset the stream with REFUSED_STREAM. */
  REFUSED_STREAM = 'refused-stream',
  /** A response status listed among the retry's status codes. */
  RETRIABLE_STATUS_CODES = 'retriable-status-codes',
  /** A response carrying one of the retriable headers. */
  RETRIABLE_HEADERS = 'retriable-headers',
  /** A failure to connect over HTTP/3 after the request was sent. */
  HTTP3_POST_CONNECT_FAILURE = 'http3-post-connect-failure',
  /** gRPC status CANCELLED. */
  CANCELLED = 'cancelled',
  /** gRPC status DEADLINE_EXCEEDED. */
  DEADLINE_EXCEEDED = 'deadline-exceeded',
  /** gRPC status INTERNAL. */
  INTERNAL = 'internal',
  /** gRPC status RESOURCE_EXHAUSTED. */
  RESOURCE_EXHAUSTED = 'resource-exhausted',
  /** gRPC status UNAVAILABLE. */
  UNAVAILABLE = 'unavailable',
}

const KNOWN: readonly string[] = Object.values(RetryCondition);

/**
 * The `retryOn` of a retry policy: conditions and HTTP status codes, rendered comma-separated in
 * the order given.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
 */
export class RetryOn {
  /**
   * Retry on these conditions.
   *
   * @example RetryOn.of(RetryCondition.FIVE_XX, RetryCondition.RESET, RetryCondition.CONNECT_FAILURE)
   */
  public static of(...conditions: RetryCondition[]): RetryOn {
    if (conditions.length === 0) {
      _fail('RetryOn.of', 'conditions', 'must not be empty', conditions, 'Give at least one RetryCondition.');
    }
    return new RetryOn([...conditions]);
  }

  /** Retry on these HTTP response status codes. */
  public static statusCodes(...codes: number[]): RetryOn {
    return RetryOn.of(RetryCondition.RETRIABLE_STATUS_CODES).withStatusCodes(...codes);
  }

  /**
   * Reads Istio's comma-separated form (`5xx,reset,connect-failure,503`), failing at once on an
   * unknown condition.
   */
  public static parse(value: string): RetryOn {
    const problems = new _Problems('RetryOn.parse');
    const parts = value.split(',').map((p) => p.trim());
    parts.forEach((part, i) => {
      if (/^\d+$/.test(part)) {
        const code = Number(part);
        problems.check(code >= 100 && code <= 599, `value[${i}]`, 'must be an HTTP status code from 100 to 599', part, 'Use a status code such as 503.');
      } else if (!KNOWN.includes(part)) {
        problems.add(`value[${i}]`, 'is not a retry condition Istio knows', part,
          `Use one of ${KNOWN.join(', ')} or an HTTP status code.${_didYouMean(part, KNOWN)}`);
      }
    });
    problems.throwIfAny();
    return new RetryOn(parts);
  }

  private constructor(private readonly parts: string[]) {}

  /** A copy that also retries on these HTTP status codes. */
  public withStatusCodes(...codes: number[]): RetryOn {
    const problems = new _Problems('RetryOn.withStatusCodes');
    problems.check(codes.length > 0, 'codes', 'must not be empty', codes, 'Give at least one HTTP status code.');
    codes.forEach((code, i) => problems.check(Number.isInteger(code) && code >= 100 && code <= 599, `codes[${i}]`,
      'must be an HTTP status code from 100 to 599', code, 'Use a status code such as 503.'));
    problems.throwIfAny();
    return new RetryOn([...this.parts, ...codes.map(String)]);
  }

  /** The wire value: `5xx,reset,connect-failure`. */
  public get value(): string {
    return this.parts.join(',');
  }
}

/**
 * How a failed HTTP request is retried.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
 */
export interface RetryPolicy {
  /**
   * The number of retries for a request. 0 disables retries.
   *
   * @default - Istio's own default: 2
   */
  readonly attempts?: number;

  /**
   * The timeout of each attempt, initial one and retries.
   *
   * @default - the route's timeout
   */
  readonly perTryTimeout?: Duration;

  /**
   * The conditions to retry on.
   *
   * @default - Istio's own default: `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`
   */
  readonly retryOn?: RetryOn;

  /**
   * Retry in other localities than the one that failed.
   *
   * @default - Istio's own default: false
   */
  readonly retryRemoteLocalities?: boolean;

  /**
   * Avoid hosts already tried when retrying.
   *
   * @default - Istio's own default: true
   */
  readonly retryIgnorePreviousHosts?: boolean;

  /**
   * The base interval between retries (Envoy backs off exponentially from it).
   *
   * @default - Istio's own default: 25ms
   */
  readonly backoff?: Duration;
}
