/**
 * Kubernetes' name formats, for the constructs that check names before the API server does.
 */

/** A DNS-1123 label: a namespace, a Service, a port name (at most 63 characters, checked apart). @internal */
export const _DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 subdomain: most object names (at most 253 characters, checked apart). @internal */
export const _DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
