import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { _Problems } from './_errors';

const LABEL = '[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(\\.${LABEL})*\\.?$`);

/** What a host may be: Istio's rules differ by field. */
export interface _HostRules {
  /** `*` alone, meaning every host. */
  readonly allowStar?: boolean;
  /** `*.example.com`. */
  readonly allowWildcard?: boolean;
}

/**
 * The problem with a host name, or undefined when it is valid: a short name (`reviews`), an FQDN
 * (`reviews.bookinfo.svc.cluster.local`), a wildcard (`*.example.com`) or `*`, as `rules` allow.
 */
export function _hostProblem(host: string, rules: _HostRules = { allowStar: true, allowWildcard: true }): string | undefined {
  if (typeof host !== 'string' || host.length === 0) return 'must not be empty';
  if (host.length > 253) return 'must be at most 253 characters';
  if (host === '*') return rules.allowStar ? undefined : 'must name a host, not `*`';
  let rest = host;
  if (host.startsWith('*.')) {
    if (!rules.allowWildcard) return 'must not be a wildcard';
    rest = host.slice(2);
  }
  if (rest.includes('*')) return 'may hold `*` only as its whole first label (`*.example.com`) or alone (`*`)';
  if (!HOST_NAME.test(rest)) return 'must be a DNS name: letters, digits and `-` in labels separated by `.`';
  return undefined;
}

/** Records a problem for each malformed host of a list. */
export function _checkHosts(problems: _Problems, prop: string, hosts: readonly string[], rules?: _HostRules, offset: number = 0): void {
  hosts.forEach((host, i) => {
    const problem = _hostProblem(host, rules);
    if (problem) {
      problems.add(`${prop}[${offset + i}]`, problem, host,
        'Use a short name (`reviews`), an FQDN (`reviews.bookinfo.svc.cluster.local`), `*.example.com` or `*`.');
    }
  });
}

/**
 * A Gateway API `Hostname` (gateway.networking.k8s.io v1.5.1 CRDs): a lower-case DNS subdomain,
 * optionally after `*.`, at most 253 characters. @internal
 */
export function _isGatewayApiHostname(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value);
}

/** The cluster DNS domain Kubernetes uses unless the cluster was set up otherwise. @internal */
export const _CLUSTER_DOMAIN = 'cluster.local';

/** The FQDN of a Kubernetes Service: `<name>.<namespace>.svc.<clusterDomain>`. @internal */
export function _serviceFqdn(name: string, namespace: string, clusterDomain: string = _CLUSTER_DOMAIN): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/**
 * A host as an Istio config in `namespace` means it: a short name (no `.`, no `*`) is the Service of
 * that name in `namespace`, `<host>.<namespace>.svc.cluster.local`; any other host stays as written.
 * @internal
 */
export function _qualifyHost(host: string, namespace: string, clusterDomain: string = _CLUSTER_DOMAIN): string {
  return host.startsWith('*') || host.includes('.') ? host : _serviceFqdn(host, namespace, clusterDomain);
}

/** The namespace an Istio object ends up in: its own metadata's, else its chart's. @internal */
export function _namespaceOf(scope: Construct, metadataNamespace: string | undefined): string | undefined {
  return metadataNamespace ?? Chart.of(scope).namespace;
}
