import { _compact } from '../core/_compact';
import { _Problems, _requireProps } from '../core/_errors';

/**
 * The TLS modes of a Gateway server or a Sidecar ingress listener.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings-TLSmode
 */
export enum ServerTlsMode {
  /** Forward the TLS connection unterminated, routed by SNI. */
  PASSTHROUGH = 'PASSTHROUGH',
  /** Terminate TLS with a server certificate. */
  SIMPLE = 'SIMPLE',
  /** Terminate TLS and require a client certificate. */
  MUTUAL = 'MUTUAL',
  /** Like PASSTHROUGH, the SNI also naming the destination (multi-network east-west gateways). */
  AUTO_PASSTHROUGH = 'AUTO_PASSTHROUGH',
  /** Mutual TLS with Istio's workload certificates. */
  ISTIO_MUTUAL = 'ISTIO_MUTUAL',
  /** Terminate TLS and verify a client certificate when one is presented. */
  OPTIONAL_MUTUAL = 'OPTIONAL_MUTUAL',
}

/**
 * TLS protocol versions.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings-TLSProtocol
 */
export enum TlsProtocolVersion {
  /** Envoy's default. */
  TLS_AUTO = 'TLS_AUTO',
  /** TLS 1.0. */
  TLSV1_0 = 'TLSV1_0',
  /** TLS 1.1. */
  TLSV1_1 = 'TLSV1_1',
  /** TLS 1.2. */
  TLSV1_2 = 'TLSV1_2',
  /** TLS 1.3. */
  TLSV1_3 = 'TLSV1_3',
}

/**
 * Certificates and settings of TLS a server terminates.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
 */
export interface ServerTlsOptions {
  /**
   * The Kubernetes Secret holding the server certificate and key (and `ca.crt` for MUTUAL), in the
   * gateway's namespace.
   *
   * @default - none: give certificate files instead
   */
  readonly credentialName?: string;

  /**
   * Several Secrets, for an RSA and an ECDSA certificate. Exclusive with `credentialName`.
   *
   * @default - none
   */
  readonly credentialNames?: string[];

  /**
   * Path of the server certificate file; needs `privateKey`.
   *
   * @default - none
   */
  readonly serverCertificate?: string;

  /**
   * Path of the server private key file; needs `serverCertificate`.
   *
   * @default - none
   */
  readonly privateKey?: string;

  /**
   * Path of the CA certificates that verify client certificates (MUTUAL, OPTIONAL_MUTUAL).
   *
   * @default - none
   */
  readonly caCertificates?: string;

  /**
   * Path of the certificate revocation list.
   *
   * @default - none
   */
  readonly caCrl?: string;

  /**
   * Subject alternative names a client certificate must include.
   *
   * @default - not checked
   */
  readonly subjectAltNames?: string[];

  /**
   * The lowest TLS version accepted.
   *
   * @default - Istio's own default: TLSV1_2
   */
  readonly minProtocolVersion?: TlsProtocolVersion;

  /**
   * The highest TLS version accepted.
   *
   * @default - Istio's own default: TLSV1_3
   */
  readonly maxProtocolVersion?: TlsProtocolVersion;

  /**
   * The cipher suites accepted, in order of preference.
   *
   * @default - Envoy's defaults
   */
  readonly cipherSuites?: string[];

  /**
   * Also redirect plain HTTP requests to HTTPS.
   *
   * @default false
   */
  readonly httpsRedirect?: boolean;
}

/**
 * TLS settings of a Gateway server (or a Sidecar ingress listener).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
 */
export class ServerTls {
  /** Terminate TLS with a server certificate: `credentialName(s)`, or `serverCertificate` and `privateKey`. */
  public static simple(options: ServerTlsOptions): ServerTls {
    return ServerTls.terminating('ServerTls.simple', ServerTlsMode.SIMPLE, options);
  }

  /** Terminate TLS and require a client certificate, verified with the CA of the Secret or `caCertificates`. */
  public static mutual(options: ServerTlsOptions): ServerTls {
    return ServerTls.terminating('ServerTls.mutual', ServerTlsMode.MUTUAL, options);
  }

  /** Terminate TLS and verify a client certificate if one is presented. */
  public static optionalMutual(options: ServerTlsOptions): ServerTls {
    return ServerTls.terminating('ServerTls.optionalMutual', ServerTlsMode.OPTIONAL_MUTUAL, options);
  }

  /** Forward TLS unterminated, routed by SNI (with a VirtualService `tls` route). */
  public static passthrough(): ServerTls {
    return new ServerTls({ mode: ServerTlsMode.PASSTHROUGH });
  }

  /** Forward TLS unterminated, the SNI naming the destination service. */
  public static autoPassthrough(): ServerTls {
    return new ServerTls({ mode: ServerTlsMode.AUTO_PASSTHROUGH });
  }

  /**
   * Mutual TLS with Istio's workload certificates.
   *
   * @param subjectAltNames names the client certificate must carry; not checked when left out
   */
  public static istioMutual(subjectAltNames?: string[]): ServerTls {
    return new ServerTls({ mode: ServerTlsMode.ISTIO_MUTUAL, subjectAltNames });
  }

  /** No TLS on this server, only a redirect of plain HTTP to HTTPS (`httpsRedirect: true`). */
  public static httpsRedirect(): ServerTls {
    return new ServerTls({ httpsRedirect: true });
  }

  private static terminating(factory: string, mode: ServerTlsMode, options: ServerTlsOptions): ServerTls {
    _requireProps(factory, options, {}, 'options', 'Pass the certificate, such as { credentialName: \'shop-example-com-cert\' } (a Secret in the gateway\'s namespace).');
    const problems = new _Problems(factory);
    const secret = options.credentialName !== undefined || (options.credentialNames ?? []).length > 0;
    const files = options.serverCertificate !== undefined || options.privateKey !== undefined;
    if (!secret) {
      problems.check(options.serverCertificate !== undefined && options.privateKey !== undefined,
        !files ? 'options.credentialName' : options.serverCertificate === undefined ? 'options.serverCertificate' : 'options.privateKey',
        `must be set: ${mode} TLS needs a server certificate and its key`,
        { serverCertificate: options.serverCertificate, privateKey: options.privateKey },
        'Give credentialName (a Secret), or serverCertificate and privateKey.');
      if (mode === ServerTlsMode.MUTUAL && files) {
        problems.check(options.caCertificates !== undefined, 'options.caCertificates', 'must be set: MUTUAL TLS verifies client certificates with it',
          options.caCertificates, 'Give the path of the CA certificates, or use credentialName with a Secret holding ca.crt.');
      }
    } else {
      for (const f of ['serverCertificate', 'privateKey', 'caCertificates'] as const) {
        problems.check(options[f] === undefined, `options.${f}`, 'must not be set together with a credential Secret', options[f],
          'Take the certificates from the Secret or from files, not both.');
      }
    }
    if (options.credentialName !== undefined && options.credentialNames !== undefined) {
      problems.add('options.credentialNames', 'must not be set together with \'credentialName\'', options.credentialNames, 'Use one of them.');
    }
    problems.throwIfAny();
    return new ServerTls({ mode, ...options });
  }

  private constructor(private readonly settings: ServerTlsOptions & { mode?: ServerTlsMode }) {}

  /** The TLS mode, if any (a plain `httpsRedirect` has none). */
  public get mode(): ServerTlsMode | undefined {
    return this.settings.mode;
  }

  /** The settings given besides the mode (a copy). */
  public get options(): ServerTlsOptions {
    const { mode, ...options } = this.settings;
    return options;
  }

  /** @internal */
  public _toIstio(): ServerTlsOptions & { mode?: ServerTlsMode } {
    return _compact(Object.fromEntries(Object.entries(this.settings).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])));
  }
}
