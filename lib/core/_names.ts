/**
 * Kubernetes' name formats, for the constructs that check names before the API server does.
 */

/** A DNS-1123 label: a namespace, a Service, a port name (at most 63 characters, checked apart). @internal */
export const _DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 subdomain: most object names (at most 253 characters, checked apart). @internal */
export const _DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1035 label: a Service name (a letter first; at most 63 characters, checked apart). @internal */
export const _DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A label value: at most 63 characters, alphanumerics first and last, `-`, `_` and `.` inside; or empty. @internal */
export const _LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** The longest DNS-1123 or DNS-1035 label, and label value. @internal */
export const _MAX_LABEL_LENGTH = 63;

/** The longest DNS-1123 subdomain. @internal */
export const _MAX_SUBDOMAIN_LENGTH = 253;

/**
 * The rule Kubernetes applies to the name of an object of `kind` (apimachinery's validation, as the
 * API server runs it on create): a Service name is a DNS-1035 label (`ValidateServiceName`), a
 * Namespace name a DNS-1123 label, every other name a DNS-1123 subdomain.
 * @internal
 */
export function _nameRule(kind: string): { pattern: RegExp; max: number; what: string } {
  if (kind === 'Service') return { pattern: _DNS_1035_LABEL, max: _MAX_LABEL_LENGTH, what: 'a DNS-1035 label (a letter first, then lower-case letters, digits and \'-\')' };
  if (kind === 'Namespace') return { pattern: _DNS_LABEL, max: _MAX_LABEL_LENGTH, what: 'a DNS-1123 label (lower-case letters, digits and \'-\')' };
  return { pattern: _DNS_SUBDOMAIN, max: _MAX_SUBDOMAIN_LENGTH, what: 'a DNS-1123 subdomain (lower-case letters, digits, \'-\' and \'.\')' };
}
