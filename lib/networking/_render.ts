import type { HeaderOperations, HeadersPolicy } from './destination';

/** Renders a HeadersPolicy as Istio's `headers`. */
export function _headersToIstio(headers: HeadersPolicy): any {
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

/** A copy of `o` without its undefined values. */
export function _compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
