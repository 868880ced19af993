import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as L1 from '../../imports/security.istio.io';
import { _compact, _snapshot } from '../core/_compact';
import { _durationMillis, _renderDuration } from '../core/_duration';
import { _constructSubject, _Problems, _requireProps } from '../core/_errors';
import { _securityL1 } from '../core/_l1';
import { _checkPolicyTarget, _renderPolicyTarget } from '../core/_policy-target';
import { _checkNotSynthesized } from '../core/_synth';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { PolicyTargetRef, WorkloadSelector } from '../core/selector';

/**
 * An HTTP header a JWT is read from.
 *
 * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTHeader
 */
export interface JwtHeader {
  /**
   * The header name, such as `x-jwt-assertion`.
   *
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTHeader
   */
  readonly name: string;

  /**
   * The prefix stripped before the token is decoded, such as `Bearer ` (with its space).
   *
   * @default - no prefix: the whole header value is the token
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTHeader
   */
  readonly prefix?: string;
}

/**
 * A JWT claim copied to a request header once the token is verified.
 *
 * @see https://istio.io/latest/docs/reference/config/security/jwt/#ClaimToHeader
 */
export interface JwtClaimToHeader {
  /**
   * The header to create (letters, digits, `-` and `_`).
   *
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#ClaimToHeader
   */
  readonly header: string;

  /**
   * The claim to copy; nested claims are written with dots (`nested.key`).
   *
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#ClaimToHeader
   */
  readonly claim: string;
}

/**
 * How to verify the JWTs of one issuer.
 *
 * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
 */
export interface JwtRule {
  /**
   * The issuer of the tokens (the `iss` claim), such as `https://accounts.google.com`.
   *
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly issuer: string;

  /**
   * The URL of the issuer's public key set (http or https). Only one of jwksUri and jwks.
   *
   * @default - found through the issuer's OpenID discovery document, unless jwks is set
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly jwksUri?: string;

  /**
   * The issuer's public key set, inline, as a JSON string. Only one of jwksUri and jwks.
   *
   * @default - fetched from jwksUri
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly jwks?: string;

  /**
   * Audiences (the `aud` claim) the token must hold one of.
   *
   * @default - the token's audience is not checked
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly audiences?: string[];

  /**
   * Headers the token is read from.
   *
   * @default - the `Authorization` header with the `Bearer ` prefix (and the `access_token` parameter, unless fromParams is set)
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly fromHeaders?: JwtHeader[];

  /**
   * Query parameters the token is read from.
   *
   * @default - `access_token`, unless fromHeaders is set
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly fromParams?: string[];

  /**
   * Cookies the token is read from.
   *
   * @default - no cookie
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly fromCookies?: string[];

  /**
   * The header the verified token's payload is written to, base64-encoded.
   *
   * @default - the payload is not forwarded
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly outputPayloadToHeader?: string;

  /**
   * Claims copied to headers once the token is verified.
   *
   * @default - no claim copied
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly outputClaimToHeaders?: JwtClaimToHeader[];

  /**
   * Whether the original token is kept in the request forwarded upstream.
   *
   * @default false
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly forwardOriginalToken?: boolean;

  /**
   * How long to wait for the key set to be fetched.
   *
   * @default - Istio's own default: 5 seconds
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly timeout?: Duration;

  /**
   * Claims holding space-delimited strings (such as `scope`), matched word by word in authorization.
   *
   * @default - only `scope` and `permission`
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  readonly spaceDelimitedClaims?: string[];
}

/**
 * The generated L1 class maps its `jwksUri` field to the wire name `jwks_uri` (the CRD declares both
 * names, and `cdk8s import` folds them into one property). Istio accepts either; this renders the
 * documented v1 name, `jwksUri`. The class extends the L1, so it is made on first use, when the L1
 * binding loads (lib/core/_l1.ts).
 */
let resourceClass: typeof L1.RequestAuthentication | undefined;
function requestAuthenticationResource(): typeof L1.RequestAuthentication {
  resourceClass ??= class RequestAuthenticationResource extends _securityL1().RequestAuthentication {
    public override toJson(): any {
      const json = super.toJson();
      for (const rule of json.spec?.jwtRules ?? []) {
        if (rule.jwks_uri !== undefined) {
          rule.jwksUri = rule.jwks_uri;
          delete rule.jwks_uri;
        }
      }
      return json;
    }
  };
  return resourceClass;
}

/** Props of a RequestAuthentication. */
export interface RequestAuthenticationProps extends MeshResourceProps {
  /**
   * The JWT rules; add more with `addJwtRule()`.
   *
   * @default - none yet: add at least one with addJwtRule() before synthesis
   * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
   */
  readonly jwtRules?: JwtRule[];

  /**
   * The workloads the policy applies to, rendered as `selector.matchLabels`.
   *
   * @default - every workload of the namespace (of the mesh, in Istio's root namespace), unless targetRefs is set
   * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
   */
  readonly selector?: WorkloadSelector;

  /**
   * The resources the policy attaches to (a Gateway, a Service for a waypoint ...), instead of a selector.
   *
   * @default - none: the policy applies by selector or to the whole namespace
   * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
   */
  readonly targetRefs?: PolicyTargetRef[];
}

/**
 * A RequestAuthentication: which JWTs the selected workloads accept. A request with an invalid
 * token is rejected; a request without one is accepted but has no request principal, so pair this
 * with an AuthorizationPolicy that requires `requestPrincipals` to reject it.
 *
 * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
 * @example
 * new RequestAuthentication(chart, 'jwt', {
 *   selector: WorkloadSelector.labels({ app: 'httpbin' }),
 *   jwtRules: [{ issuer: 'testing@secure.istio.io', jwksUri: 'https://example.com/jwks.json' }],
 * });
 */
export class RequestAuthentication extends MeshResource {
  /**
   * The `security.istio.io/v1` RequestAuthentication this construct renders into.
   *
   * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
   */
  public readonly apiObject: ApiObject;

  private readonly subject: string;
  private readonly selector?: WorkloadSelector;
  private readonly targetRefs?: PolicyTargetRef[];
  private readonly jwtRules: JwtRule[] = [];

  constructor(scope: Construct, id: string, props: RequestAuthenticationProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('RequestAuthentication', scope, id);
    _requireProps(this.subject, props, {});
    this.selector = props.selector;
    this.targetRefs = props.targetRefs ? [...props.targetRefs] : undefined;

    const problems = new _Problems(this.subject);
    _checkPolicyTarget(problems, props.selector, props.targetRefs);
    (props.jwtRules ?? []).forEach((rule, i) => this.checkJwtRule(problems, `jwtRules[${i}]`, rule));
    problems.throwIfAny();
    this.jwtRules.push(...(props.jwtRules ?? []).map((r) => _snapshot(r)));

    this.apiObject = new (requestAuthenticationResource())(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });

    this.node.addValidation({
      validate: () => this.jwtRules.length > 0 ? [] : new _Problems(this.subject)
        .add('jwtRules', 'is empty, so the policy verifies no token', [], 'Add a JWT rule with addJwtRule(), or remove the policy.')
        .messages(),
    });
  }

  /**
   * Adds the JWTs of one more issuer.
   *
   * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
   */
  public addJwtRule(rule: JwtRule): void {
    _checkNotSynthesized(this, 'RequestAuthentication', 'addJwtRule');
    _requireProps(this.subject, rule, { issuer: 'Give the issuer, such as \'https://accounts.example.com\'.' }, 'rule');
    const problems = new _Problems(this.subject);
    this.checkJwtRule(problems, `jwtRules[${this.jwtRules.length}]`, rule);
    problems.throwIfAny();
    this.jwtRules.push(_snapshot(rule));
  }

  /** @internal */
  public _toKube(): L1.RequestAuthenticationSpec {
    return {
      ..._renderPolicyTarget(this.selector, this.targetRefs),
      ...(this.jwtRules.length > 0 ? { jwtRules: this.jwtRules.map((r, i) => this.renderJwtRule(r, i)) } : {}),
    };
  }

  private renderJwtRule(rule: JwtRule, index: number): L1.RequestAuthenticationSpecJwtRules {
    const list = <T>(l: T[] | undefined): T[] | undefined => (l && l.length > 0 ? [...l] : undefined);
    const out: { [key: string]: unknown } = {
      issuer: rule.issuer,
      jwksUri: rule.jwksUri,
      jwks: rule.jwks,
      audiences: list(rule.audiences),
      fromHeaders: list(rule.fromHeaders)?.map((h) => ({ name: h.name, ...(h.prefix !== undefined ? { prefix: h.prefix } : {}) })),
      fromParams: list(rule.fromParams),
      fromCookies: list(rule.fromCookies),
      outputPayloadToHeader: rule.outputPayloadToHeader,
      outputClaimToHeaders: list(rule.outputClaimToHeaders)?.map((c) => ({ header: c.header, claim: c.claim })),
      forwardOriginalToken: rule.forwardOriginalToken,
      timeout: rule.timeout ? _renderDuration(rule.timeout, this.subject, `jwtRules[${index}].timeout`) : undefined,
      spaceDelimitedClaims: list(rule.spaceDelimitedClaims),
    };
    return _compact(out) as L1.RequestAuthenticationSpecJwtRules;
  }

  private checkJwtRule(problems: _Problems, prop: string, rule: JwtRule): void {
    problems.check(typeof rule.issuer === 'string' && rule.issuer.length > 0, `${prop}.issuer`, 'must name the token issuer', rule.issuer,
      'Give the iss claim of the tokens, such as \'https://accounts.google.com\'.');
    problems.check(!(rule.jwksUri !== undefined && rule.jwks !== undefined), `${prop}.jwks`, 'cannot be set together with jwksUri: Istio accepts only one',
      rule.jwks, 'Keep jwksUri to fetch the keys, or jwks to give them inline.');
    if (rule.jwksUri !== undefined) {
      problems.check(/^https?:\/\/[^\s/]+/.test(rule.jwksUri), `${prop}.jwksUri`, 'must be an http:// or https:// URL', rule.jwksUri,
        `Write it as 'https://${rule.jwksUri.replace(/^[a-z]+:\/\//, '')}'.`);
    }
    if (rule.jwks !== undefined) {
      let keys: unknown;
      try {
        keys = JSON.parse(rule.jwks);
      } catch {
        keys = undefined;
      }
      problems.check(typeof keys === 'object' && keys !== null && Array.isArray((keys as any).keys), `${prop}.jwks`,
        'must be a JSON Web Key Set: a JSON object with a "keys" list', rule.jwks.length > 60 ? `${rule.jwks.slice(0, 60)}...` : rule.jwks,
        'Give the key set as JSON.stringify({ keys: [...] }), or use jwksUri.');
    }
    const nonEmpty: Array<[string, string[] | undefined]> = [['audiences', rule.audiences], ['fromParams', rule.fromParams],
      ['fromCookies', rule.fromCookies], ['spaceDelimitedClaims', rule.spaceDelimitedClaims]];
    for (const [field, values] of nonEmpty) {
      (values ?? []).forEach((v, i) => problems.check(typeof v === 'string' && v.length > 0, `${prop}.${field}[${i}]`, 'must not be empty', v,
        'Remove the empty entry.'));
    }
    (rule.fromHeaders ?? []).forEach((h, i) => problems.check(!!h.name, `${prop}.fromHeaders[${i}].name`, 'must name a header', h.name,
      'Give the header the token is sent in, such as \'x-jwt-assertion\'.'));
    (rule.outputClaimToHeaders ?? []).forEach((c, i) => {
      problems.check(/^[-_A-Za-z0-9]+$/.test(c.header ?? ''), `${prop}.outputClaimToHeaders[${i}].header`,
        'must be a header name of letters, digits, \'-\' and \'_\'', c.header, 'Write it as \'x-jwt-claim-group\'.');
      problems.check(!!c.claim, `${prop}.outputClaimToHeaders[${i}].claim`, 'must name a claim', c.claim, 'Give the claim to copy, such as \'sub\'.');
    });
    if (rule.timeout !== undefined) {
      const ms = _durationMillis(rule.timeout, this.subject, `${prop}.timeout`);
      problems.check(Number.isInteger(ms) && ms >= 1, `${prop}.timeout`, 'must be a whole number of milliseconds, at least 1ms, as Istio requires',
        rule.timeout, 'Use Duration.seconds(5) or similar.');
    }
  }
}
