import { _didYouMean, _Problems } from './_errors';

/**
 * The protocol names Istio's `protocol.Parse` knows, upper-cased: it compares them case-insensitively
 * (istio/istio 1.30.3 `pkg/config/protocol/instance.go`), and both Gateway and ServiceEntry
 * validation reject any other name (`pkg/config/validation/agent/validation.go`).
 * The enum `Protocol` holds the common ones; `HTTP_PROXY`, `REDIS` and `MYSQL` are accepted from
 * JavaScript too, as Istio accepts them.
 */
const ISTIO_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'GRPC', 'GRPC-WEB', 'HTTP', 'HTTP_PROXY', 'HTTP2', 'HTTPS', 'TLS', 'MONGO', 'REDIS', 'MYSQL'];

/**
 * The protocol a port's `protocol` names, upper-cased (`tcp` -> `TCP`), or undefined when Istio
 * does not know it. @internal
 */
export function _parseProtocol(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return ISTIO_PROTOCOLS.includes(upper) ? upper : undefined;
}

/**
 * Records a problem unless `value` is a protocol Istio accepts, in any letter case. The one check
 * for the `protocol` of Gateway, ServiceEntry and Sidecar ports. @internal
 */
export function _checkProtocol(problems: _Problems, prop: string, value: unknown): void {
  if (_parseProtocol(value) !== undefined) return;
  const hint = typeof value === 'string' ? _didYouMean(value, ISTIO_PROTOCOLS) : '';
  problems.add(prop, `must be a protocol Istio knows (${ISTIO_PROTOCOLS.join(', ')}; any letter case)`, value,
    `Use a Protocol member, such as Protocol.HTTP or Protocol.TCP.${hint}`);
}

/**
 * The protocols Istio routes as HTTP (HTTP routes, retries, timeouts and faults apply): `IsHTTP()` of
 * istio/istio 1.30.3 `pkg/config/protocol/instance.go` (HTTP, HTTP2, GRPC, GRPC-WEB; HTTP_PROXY is
 * HTTP too). @internal
 */
export const _HTTP_PROTOCOLS: readonly string[] = ['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB', 'HTTP_PROXY'];

/** True when Istio routes `protocol` (any letter case) as HTTP. @internal */
export function _isHttpProtocol(protocol: unknown): boolean {
  const parsed = _parseProtocol(protocol);
  return parsed !== undefined && _HTTP_PROTOCOLS.includes(parsed);
}

/**
 * The protocol prefix of a Service port name as Istio reads it, lower-cased: `grpc-web` first, else
 * up to the first `-` (`ConvertProtocol` of istio/istio 1.30.3 `pkg/config/kube/conversion.go`).
 * Whether it names a protocol is `_portNameProtocol`'s answer. @internal
 */
export function _portNamePrefix(name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const dash = lower.indexOf('-');
  return dash >= 0 ? lower.slice(0, dash) : lower;
}

/**
 * The protocol a Service port name declares, as Istio reads it (`<protocol>[-<suffix>]`, `grpc-web`
 * first), upper-cased, or undefined when the prefix names no protocol Istio knows. @internal
 */
export function _portNameProtocol(name: string): string | undefined {
  return _parseProtocol(_portNamePrefix(name));
}
