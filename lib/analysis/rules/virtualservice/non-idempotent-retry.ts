import { _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/**
 * The `retryOn` conditions under which Envoy resends a request the upstream may already have acted on:
 * it answered (5xx, 409, a listed status code) or the connection dropped after the request was sent
 * (`reset`). `connect-failure`, `refused-stream` and `reset-before-request` fire before the upstream
 * saw the request; the gRPC statuses are left out, as Istio's own default retries on two of them.
 */
const AFTER_RECEIPT = ['5xx', 'gateway-error', 'reset', 'retriable-4xx'];

/** The methods a retry after receipt may charge twice (RFC 9110 §9.2.2: not idempotent). */
const NON_IDEMPOTENT = ['POST', 'PATCH'];

/** The conditions of a retryOn value that retry after the upstream received the request. */
function unsafeConditions(retries: any): string[] {
  if (!retries || typeof retries !== 'object' || retries.attempts === 0 || typeof retries.retryOn !== 'string') return [];
  return retries.retryOn.split(',').map((c: string) => c.trim())
    .filter((c: string) => AFTER_RECEIPT.includes(c) || /^\d+$/.test(c));
}

/** The non-idempotent methods an HTTP route carries: all of them when a match (or the route) has no method condition. */
function methodsOf(route: any): string[] {
  const matches: any[] = Array.isArray(route?.match) && route.match.length > 0 ? route.match : [{}];
  const found = new Set<string>();
  for (const match of matches) {
    const method = match?.method;
    for (const m of NON_IDEMPOTENT) {
      if (!method) found.add(m);
      else if (method.exact !== undefined && method.exact === m) found.add(m);
      else if (method.prefix !== undefined && m.startsWith(method.prefix)) found.add(m);
      else if (method.regex !== undefined && fullMatch(method.regex, m)) found.add(m);
    }
  }
  return NON_IDEMPOTENT.filter((m) => found.has(m));
}

function fullMatch(regex: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test(value);
  } catch {
    return false;
  }
}

/**
 * CI0030: an HTTP route retries POST or PATCH requests after the upstream may have acted on them.
 * Istio's own default (no `retries` field) retries on `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`
 * with no status codes listed (pilot/pkg/networking/core/route/retry/retry.go, 1.30.3): none of those resends a request the service answered.
 */
export const NON_IDEMPOTENT_RETRY: _Rule = {
  id: 'CI0030',
  name: 'NonIdempotentRetry',
  rule: 'virtualservice/non-idempotent-retry',
  level: AnalysisLevel.WARNING,
  cause: "An HTTP route that carries POST or PATCH requests retries on '5xx', 'gateway-error', 'reset', 'retriable-4xx' or a status code.",
  why: 'Envoy resends the request after the service answered or the connection dropped mid-request: a POST that charged a card and then '
    + 'returned 503 charges it again, once per attempt.',
  fix: 'Leave retries out (Istio\'s default retries only failures before the request reached the service), retry on connect-failure, '
    + 'refused-stream or reset-before-request, or give the 5xx retries to a route that matches idempotent methods only '
    + '(GET, HEAD, PUT, DELETE, OPTIONS). If the service deduplicates retried requests, suppress the finding with that reason.',
  check: (model) => _virtualServices(model).flatMap((vs) => (Array.isArray(vs.spec.http) ? vs.spec.http : []).flatMap((route: any, i: number) => {
    const conditions = unsafeConditions(route?.retries);
    const methods = conditions.length > 0 ? methodsOf(route) : [];
    if (methods.length === 0) return [];
    const scope = Array.isArray(route?.match) && route.match.some((m: any) => m?.method) ? 'its method match admits them' : 'the route matches every method';
    return [{
      obj: vs,
      message: `VirtualService ${vs.namespace}/${vs.name} http[${i}]${route?.name ? ` '${route.name}'` : ''} retries on '${conditions.join(',')}' `
        + `for ${methods.join(' and ')} requests (${scope}): a request the service already acted on is sent again.`,
    }];
  })),
};
