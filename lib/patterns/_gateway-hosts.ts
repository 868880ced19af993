/**
 * Host matching as Istio does it for Gateways and the VirtualServices bound to them.
 *
 * @internal
 */

/**
 * Whether two hosts overlap, wildcards included: `*` overlaps every host, `*.example.com` overlaps
 * `api.example.com`, `*.api.example.com` and `*.example.com`; two plain names only when equal. The
 * same rule as Istio's `host.Name.Matches`.
 *
 * @internal
 */
export function _hostsOverlap(a: string, b: string): boolean {
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild && bWild) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return a.toLowerCase() === b.toLowerCase();
}

/** A Gateway server host split into its namespace part (if any) and its host. @internal */
export function _splitServerHost(serverHost: string): { namespace?: string; host: string } {
  const slash = serverHost.indexOf('/');
  return slash >= 0 ? { namespace: serverHost.slice(0, slash), host: serverHost.slice(slash + 1) } : { host: serverHost };
}

/**
 * Whether a Gateway server host (`[namespace/]host`) takes a VirtualService host from a
 * VirtualService in `routesNamespace`: the namespace part must be absent, `*`, `.` (the Gateway's
 * own namespace) or the VirtualService's namespace, and the hosts must overlap.
 *
 * @internal
 */
export function _serverServes(serverHost: string, vsHost: string,
  routesNamespace: string | undefined, gatewayNamespace: string | undefined): boolean {
  const { namespace, host } = _splitServerHost(serverHost);
  if (namespace !== undefined && namespace !== '*') {
    const wanted = namespace === '.' ? gatewayNamespace : namespace;
    if (wanted !== routesNamespace) return false;
  }
  return _hostsOverlap(host, vsHost);
}
