import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { _fail } from './_errors';
import { _isDnsLabel, _isDnsSubdomain } from './_names';

const SHAPE = '<trust-domain>/ns/<namespace>/sa/<service-account>';

/** Options for every identity that names a trust domain. */
export interface IdentityOptions {
  /**
   * The trust domain of the mesh the workload belongs to (`meshConfig.trustDomain`).
   *
   * @default 'cluster.local'
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly trustDomain?: string;
}

/** Options for `Identity.fromServiceAccount()`. */
export interface ServiceAccountIdentityOptions extends IdentityOptions {
  /**
   * The namespace of the service account.
   *
   * @default - the service account's `metadata.namespace`, else its chart's namespace
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly namespace?: string;
}

enum IdentityKind {
  PRINCIPAL = 'principal',
  NAMESPACE = 'namespace',
  ANY = 'any',
}

/**
 * A workload identity as Istio's authorization matches it: the SPIFFE ID of a service account
 * without its `spiffe://` scheme (`cluster.local/ns/frontend/sa/frontend-sa`), every workload of a
 * namespace, or any authenticated peer.
 *
 * Used in an AuthorizationPolicy's sources: a service account renders into `principals`, a
 * namespace into `namespaces` (or `<trust-domain>/ns/<namespace>/sa/*` in `principals`), and any
 * authenticated peer into `principals: ["*"]`.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
 * @see https://istio.io/latest/docs/concepts/security/#istio-identity
 */
export class Identity {
  /**
   * The trust domain Istio uses unless `meshConfig.trustDomain` says otherwise.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public static readonly DEFAULT_TRUST_DOMAIN = 'cluster.local';

  /**
   * The identity of the workloads that run as a cdk8s-plus ServiceAccount.
   *
   * The namespace comes from `options.namespace`, else the service account's `metadata.namespace`,
   * else its chart's namespace; when none is known this throws, since a principal without a
   * namespace cannot match anything.
   *
   * @example Identity.fromServiceAccount(frontendServiceAccount)
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public static fromServiceAccount(serviceAccount: kplus.ServiceAccount, options: ServiceAccountIdentityOptions = {}): Identity {
    const subject = 'Identity.fromServiceAccount';
    const namespace = options.namespace ?? serviceAccount.metadata.namespace ?? Chart.of(serviceAccount).namespace;
    if (!namespace) {
      _fail(subject, 'serviceAccount', 'has no namespace: neither its metadata.namespace nor its chart\'s namespace is set', serviceAccount.node.path,
        'Set metadata.namespace on the ServiceAccount or a namespace on its Chart, or pass { namespace } to Identity.fromServiceAccount().');
    }
    return Identity.fromNames(namespace, serviceAccount.name, options);
  }

  /**
   * The identity of the workloads that run as service account `serviceAccountName` in `namespace`:
   * `<trust-domain>/ns/<namespace>/sa/<serviceAccountName>`.
   *
   * @example Identity.fromNames('frontend', 'frontend-sa') // cluster.local/ns/frontend/sa/frontend-sa
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public static fromNames(namespace: string, serviceAccountName: string, options: IdentityOptions = {}): Identity {
    const subject = 'Identity.fromNames';
    const trustDomain = Identity.checkTrustDomain(subject, options.trustDomain);
    if (!_isDnsLabel(namespace)) {
      _fail(subject, 'namespace', 'must be a Kubernetes namespace name (DNS-1123 label)', namespace,
        'Give the namespace the service account lives in, such as \'frontend\'.');
    }
    if (!_isDnsSubdomain(serviceAccountName)) {
      _fail(subject, 'serviceAccountName', 'must be a Kubernetes service account name (DNS-1123 subdomain)', serviceAccountName,
        'Give the name of the service account, such as \'frontend-sa\'; for patterns use Identity.principal().');
    }
    return new Identity(IdentityKind.PRINCIPAL, `${trustDomain}/ns/${namespace}/sa/${serviceAccountName}`, trustDomain, namespace, serviceAccountName);
  }

  /**
   * Every workload of a namespace. In a source's `namespaces` it renders as the namespace name;
   * in `principals` as `<trust-domain>/ns/<namespace>/sa/*`.
   *
   * Istio's prefix and suffix wildcards are accepted (`team-*`, `*-prod`).
   *
   * @example Identity.namespace('monitoring')
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public static namespace(namespace: string, options: IdentityOptions = {}): Identity {
    const subject = 'Identity.namespace';
    const trustDomain = Identity.checkTrustDomain(subject, options.trustDomain);
    const bare = (namespace ?? '').replace(/^\*/, '').replace(/\*$/, '');
    const ok = namespace === '*' || (bare.length > 0 && /^[a-z0-9-]+$/.test(bare) && !(namespace.startsWith('*') && namespace.endsWith('*')));
    if (!ok) {
      _fail(subject, 'namespace', 'must be a namespace name, optionally with one \'*\' at its start or end', namespace,
        'Give a namespace such as \'monitoring\', or a pattern such as \'team-*\'.');
    }
    return new Identity(IdentityKind.NAMESPACE, namespace, trustDomain, namespace);
  }

  /**
   * Any authenticated peer: any workload that presents a mesh certificate (`principals: ["*"]`).
   * Requires mTLS: plain-text clients have no principal.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public static anyAuthenticated(): Identity {
    return new Identity(IdentityKind.ANY, '*');
  }

  /**
   * A principal given as Istio writes it: `<trust-domain>/ns/<namespace>/sa/<service-account>`,
   * without `spiffe://`. Istio's prefix and suffix wildcards are accepted
   * (`cluster.local/ns/frontend/sa/*`, `*\/ns/frontend/sa/frontend-sa`), as is `*` alone.
   *
   * Throws on the `spiffe://` scheme (Istio matches principals without it, so such a rule never
   * matches), on a value that cannot be a principal, and on a `*` in the middle.
   *
   * @example Identity.principal('cluster.local/ns/frontend/sa/frontend-sa')
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public static principal(principal: string): Identity {
    const subject = 'Identity.principal';
    const value = principal ?? '';
    if (value.toLowerCase().startsWith('spiffe://')) {
      _fail(subject, 'principal', 'must not start with \'spiffe://\': Istio matches principals without the scheme, so this one would never match', principal,
        `Write it as '${value.slice('spiffe://'.length)}'.`);
    }
    if (value === '*') return Identity.anyAuthenticated();
    const inner = value.slice(1, -1);
    if (value.length === 0 || inner.includes('*') || (value.startsWith('*') && value.endsWith('*'))) {
      _fail(subject, 'principal', `must have the form '${SHAPE}', with at most one '*' at its start or end`, principal,
        'Use Istio\'s prefix or suffix wildcard only, such as \'cluster.local/ns/frontend/sa/*\'.');
    }
    const parsed = Identity.parse(value);
    if (!parsed) {
      const name = value.replace(/\*/g, '').split('/').filter((p) => p).pop() ?? 'name';
      _fail(subject, 'principal', `must have the form '${SHAPE}'`, principal,
        `Write it as 'cluster.local/ns/<namespace>/sa/${name}', or use Identity.fromNames('<namespace>', '${name}').`);
    }
    return new Identity(IdentityKind.PRINCIPAL, value, parsed.trustDomain, parsed.namespace, parsed.serviceAccount);
  }

  private static checkTrustDomain(subject: string, trustDomain: string | undefined): string {
    const td = trustDomain ?? Identity.DEFAULT_TRUST_DOMAIN;
    if (td.toLowerCase().startsWith('spiffe://')) {
      _fail(subject, 'trustDomain', 'must not start with \'spiffe://\'', trustDomain, `Write it as '${td.slice('spiffe://'.length)}'.`);
    }
    if (!/^[A-Za-z0-9]([-._A-Za-z0-9]*[A-Za-z0-9])?$/.test(td)) {
      _fail(subject, 'trustDomain', 'must be a trust domain name such as \'cluster.local\'', trustDomain,
        'Give the mesh\'s meshConfig.trustDomain, or leave it out for \'cluster.local\'.');
    }
    return td;
  }

  /**
   * Checks a principal against `<td>/ns/<ns>/sa/<sa>`: exactly, or as the prefix (`x*`) or suffix
   * (`*x`) Istio's wildcard would complete. Returns the parts known exactly, or undefined.
   */
  private static parse(value: string): { trustDomain?: string; namespace?: string; serviceAccount?: string } | undefined {
    const literals: Array<string | undefined> = [undefined, 'ns', undefined, 'sa', undefined];
    if (value.endsWith('*')) {
      const parts = value.slice(0, -1).split('/');
      if (parts.length > 5) return undefined;
      for (let i = 0; i < parts.length; i++) {
        const last = i === parts.length - 1;
        const literal = literals[i];
        if (literal !== undefined && !(last ? literal.startsWith(parts[i]) : parts[i] === literal)) return undefined;
        if (literal === undefined && !last && parts[i].length === 0) return undefined;
      }
      return {
        trustDomain: parts.length > 1 ? parts[0] : undefined,
        namespace: parts.length > 3 ? parts[2] : undefined,
      };
    }
    if (value.startsWith('*')) {
      const parts = value.slice(1).split('/').reverse();
      if (parts.length > 5) return undefined;
      const reversed = [...literals].reverse();
      for (let i = 0; i < parts.length; i++) {
        const last = i === parts.length - 1;
        const literal = reversed[i];
        if (literal !== undefined && !(last ? literal.endsWith(parts[i]) : parts[i] === literal)) return undefined;
        if (literal === undefined && !last && parts[i].length === 0) return undefined;
      }
      return {
        serviceAccount: parts.length > 1 ? parts[0] : undefined,
        namespace: parts.length > 3 ? parts[2] : undefined,
      };
    }
    const match = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(value);
    return match ? { trustDomain: match[1], namespace: match[2], serviceAccount: match[3] } : undefined;
  }

  private constructor(
    private readonly kind: IdentityKind,
    private readonly value: string,
    /**
     * The trust domain, when the identity names one.
     *
     * @default - not known (any authenticated peer, or a suffix pattern)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
     */
    public readonly trustDomain?: string,
    /**
     * The namespace, when the identity names one exactly.
     *
     * @default - not known (any authenticated peer, or a pattern)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
     */
    public readonly namespaceName?: string,
    /**
     * The service account name, when the identity names one exactly.
     *
     * @default - not a single service account
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
     */
    public readonly serviceAccountName?: string,
  ) {}

  /**
   * The value this identity takes in a source's `principals`: `cluster.local/ns/frontend/sa/frontend-sa`,
   * `cluster.local/ns/monitoring/sa/*` for a whole namespace, `*` for any authenticated peer.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public get asPrincipal(): string {
    if (this.kind === IdentityKind.NAMESPACE) return `${this.trustDomain}/ns/${this.value}/sa/*`;
    return this.value;
  }

  /**
   * The value this identity takes in a source's `namespaces`: the namespace for `Identity.namespace()`,
   * `*` for any authenticated peer, and undefined for a service account (which a namespace would widen).
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public get asNamespace(): string | undefined {
    if (this.kind === IdentityKind.NAMESPACE) return this.value;
    if (this.kind === IdentityKind.ANY) return '*';
    return undefined;
  }

  /**
   * True for `Identity.anyAuthenticated()`.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public get isAnyAuthenticated(): boolean {
    return this.kind === IdentityKind.ANY;
  }

  /**
   * The principal (or namespace, for a namespace identity), for messages and logs.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public toString(): string {
    return this.kind === IdentityKind.NAMESPACE ? `namespace ${this.value}` : this.value;
  }
}
