import type { _Problems } from './_errors';

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

/** A label key's name part (after an optional `prefix/`): at most 63 characters. @internal */
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** True for a Kubernetes DNS-1123 label: a namespace, a Service: lower case, at most 63 characters. @internal */
export function _isDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && value.length <= _MAX_LABEL_LENGTH && _DNS_LABEL.test(value);
}

/**
 * True for a trust domain as istiod validates `meshConfig.trustDomain` and its aliases: dot-separated
 * DNS-1123 labels, the last of which may be empty (`istio.io.`)
 * (istio/istio 1.30.3 pkg/config/validation/agent/validation.go, ValidateTrustDomain). @internal
 */
export function _isTrustDomain(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  const labels = value.split('.');
  return labels.every((label, i) => (i === labels.length - 1 && label === '' && i > 0) || _isDnsLabel(label));
}

/** True for a Kubernetes DNS-1123 subdomain: most object names, at most 253 characters. @internal */
export function _isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= _MAX_SUBDOMAIN_LENGTH && _DNS_SUBDOMAIN.test(value);
}

/** True for a Kubernetes label value: at most 63 characters, alphanumerics first and last; or empty. @internal */
export function _isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && value.length <= _MAX_LABEL_LENGTH && _LABEL_VALUE.test(value);
}

/** True for a Kubernetes label key: `[prefix/]name`, the prefix a DNS-1123 subdomain, the name at most 63 characters. @internal */
export function _isLabelKey(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const slash = value.lastIndexOf('/');
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  if (slash >= 0 && !_isDnsSubdomain(value.slice(0, slash))) return false;
  return name.length <= _MAX_LABEL_LENGTH && LABEL_KEY_NAME.test(name);
}

/** Records a problem unless `value` is a DNS-1123 label (lower case, at most 63 characters). @internal */
export function _checkDnsLabel(problems: _Problems, prop: string, value: unknown, fix: string): void {
  problems.check(_isDnsLabel(value), prop, 'must be a DNS-1123 label: at most 63 lower-case letters, digits and \'-\'', value, fix);
}

/** Records a problem unless `value` is a DNS-1123 subdomain (lower case, at most 253 characters). @internal */
export function _checkDnsSubdomain(problems: _Problems, prop: string, value: unknown, fix: string): void {
  problems.check(_isDnsSubdomain(value), prop, 'must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, \'-\' and \'.\'', value, fix);
}

/** Records a problem unless `value` is a namespace name (a DNS-1123 label). @internal */
export function _checkNamespace(problems: _Problems, prop: string, value: unknown, fix: string = 'Use a namespace name such as \'payments\'.'): void {
  problems.check(_isDnsLabel(value), prop, 'must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and \'-\')', value, fix);
}

/** Records a problem unless `value` is a Kubernetes label value. @internal */
export function _checkLabelValue(problems: _Problems, prop: string, value: unknown, fix: string): void {
  problems.check(_isLabelValue(value), prop,
    'must be a Kubernetes label value: at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit', value, fix);
}

/** Records a problem unless `value` is a Kubernetes label key. @internal */
export function _checkLabelKey(problems: _Problems, prop: string, value: unknown, fix: string): void {
  problems.check(_isLabelKey(value), prop,
    'must be a Kubernetes label key: `[prefix/]name`, the prefix a DNS-1123 subdomain, the name at most 63 letters, digits, \'-\', \'_\' or \'.\'', value, fix);
}
