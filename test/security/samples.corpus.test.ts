/**
 * Every AuthorizationPolicy, PeerAuthentication and RequestAuthentication of Istio's authz builder
 * test inputs and of the istio.io security tasks (`istio/samples/` in the corpus), rebuilt by hand with
 * our constructs: the synthesized v1 spec must deep-equal the sample's spec (samples written as
 * v1beta1 compare by spec). Samples our constructs reject on purpose are listed with the reason,
 * and the rejection is asserted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObjectMetadata, Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  AuthorizationAction, AuthorizationPolicy, ConditionKey, HttpMethod, Identity, MtlsMode, PeerAuthentication,
  RequestAuthentication, WorkloadSelector,
} from '../../lib';
import { corpusPath } from '../support/corpus';

const SAMPLES = corpusPath('istio', 'samples');
const KINDS = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'];
const DIRS = ['authz-builder-testdata/http', 'authz-builder-testdata/tcp', 'istio-io-docs'];

/** One sample object, keyed `file/kind/name` (`#2`, `#3` for a name a file applies again). */
interface Sample { readonly key: string; readonly object: any }

function loadSamples(): Sample[] {
  const out: Sample[] = [];
  for (const dir of DIRS) {
    for (const file of fs.readdirSync(path.join(SAMPLES, dir)).filter((f) => f.endsWith('.yaml')).sort()) {
      const seen = new Map<string, number>();
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(SAMPLES, dir, file), 'utf8'))) {
        const object = doc.toJS();
        if (!object || !KINDS.includes(object.kind)) continue;
        const base = `${dir}/${file}/${object.kind}/${object.metadata.name}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        out.push({ key: n === 1 ? base : `${base}#${n}`, object });
      }
    }
  }
  return out;
}

type Build = (chart: Chart, metadata: ApiObjectMetadata) => void;

/**
 * A sample rebuilt exactly, or one our constructs reject on purpose (with why, and the error
 * fragment; its builder goes as far as the first value we reject).
 */
interface Case {
  readonly build: Build;
  readonly rejected?: { readonly reason: string; readonly error: string };
  /** Set when the rebuilt spec is Istio-equivalent but not identical, with the difference. */
  readonly equivalent?: { readonly difference: string; readonly normalize: (spec: any) => any };
}

const sel = (labels: { [k: string]: string }) => WorkloadSelector.labels(labels);
const httpbinV1 = () => sel({ app: 'httpbin', version: 'v1' });
const principals = (...raw: string[]) => raw.map((r) => Identity.principal(r));
const namespaces = (...raw: string[]) => raw.map((r) => Identity.namespace(r));
const methods = (...raw: string[]) => raw as HttpMethod[];
const ap = (chart: Chart, metadata: ApiObjectMetadata, props: ConstructorParameters<typeof AuthorizationPolicy>[2]) =>
  new AuthorizationPolicy(chart, 'policy', { metadata, ...props });
const toPaths = (chart: Chart, metadata: ApiObjectMetadata, action: AuthorizationAction | undefined, paths: string[], provider?: string) =>
  ap(chart, metadata, { selector: httpbinV1(), action, provider, rules: [{ to: [{ paths }] }] });
const toPorts = (chart: Chart, metadata: ApiObjectMetadata, ports: number[]) =>
  ap(chart, metadata, { selector: httpbinV1(), action: AuthorizationAction.ALLOW, rules: [{ to: [{ ports }] }] });
const tcpPolicy = (action: AuthorizationAction, op: { methods?: HttpMethod[]; ports?: number[] }): Build => (chart, metadata) =>
  ap(chart, metadata, { selector: sel({ app: 'tcp-echo' }), action, rules: [{ to: [op] }] });
const viewer = (app: string, from?: string): Build => (chart, metadata) =>
  ap(chart, metadata, {
    selector: sel({ app }),
    action: AuthorizationAction.ALLOW,
    rules: [{ ...(from ? { from: [{ principals: [Identity.fromNames('default', from)] }] } : {}), to: [{ methods: [HttpMethod.GET] }] }],
  });
const peer = (mtlsMode: MtlsMode, selector?: WorkloadSelector): Build => (chart, metadata) =>
  new PeerAuthentication(chart, 'peer', { metadata, mtlsMode, selector });

const PRINCIPAL_SHAPE = "Identity.principal: 'principal' must have the form '<trust-domain>/ns/<namespace>/sa/<service-account>'";
const NOT_A_METHOD = 'must be an HTTP method';

const CASES: { [key: string]: Case } = {
  // ---- authz-builder-testdata/http
  'authz-builder-testdata/http/allow-empty-rule-in.yaml/AuthorizationPolicy/allow-all': {
    build: (chart, metadata) => AuthorizationPolicy.allowAll(chart, 'policy', { metadata, selector: httpbinV1() }),
    equivalent: {
      difference: 'allowAll() states action: ALLOW, which the sample leaves to Istio\'s default (ALLOW)',
      normalize: ({ action, ...rest }) => (action === 'ALLOW' ? rest : { action, ...rest }),
    },
  },
  'authz-builder-testdata/http/allow-full-rule-in.yaml/AuthorizationPolicy/httpbin-1': {
    rejected: { reason: 'principals such as "principal" are not SPIFFE principals and methods such as "method" are not HTTP methods (builder input, never matches real traffic)', error: PRINCIPAL_SHAPE },
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [
        { from: [{ serviceAccounts: ['my-ns/my-sa', 'sa-only'], notServiceAccounts: ['my-ns/my-sa-not', 'sa-not-only'] }] },
        {
          from: [{ principals: principals('principal', 'principal-prefix-*', '*-suffix-principal', '*') }],
          to: [{ methods: methods('method', 'method-prefix-*', '*-suffix-method', '*') }],
        },
      ],
    }),
  },
  'authz-builder-testdata/http/allow-host-before-111-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{
        to: [{
          hosts: ['example.com', 'prefix.example.*', '*.example.com', '*'],
          notHosts: ['not-example.com', 'prefix.not-example.*', '*.not-example.com', '*'],
        }],
      }],
    }),
  },
  'authz-builder-testdata/http/allow-nil-rule-in.yaml/AuthorizationPolicy/allow-none': {
    build: (chart, metadata) => AuthorizationPolicy.allowNothing(chart, 'policy', { metadata, selector: httpbinV1() }),
  },
  'authz-builder-testdata/http/allow-path-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{
        to: [{
          paths: ['/exact', '/prefix/*', '*/suffix', '*', '/path/template/{*}', '/{**}/path/template'],
          notPaths: ['/not-exact', '/not-prefix/*', '*/not-suffix', '*', '/not-path/template/{*}', '/{**}/not-path/template'],
        }],
      }],
    }),
  },
  'authz-builder-testdata/http/audit-full-rule-in.yaml/AuthorizationPolicy/audit-all': {
    build: (chart, metadata) => ap(chart, metadata, { action: AuthorizationAction.AUDIT, rules: [{}] }),
  },
  'authz-builder-testdata/http/custom-bad-multiple-providers-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.CUSTOM, ['/httpbin1'], 'default'),
  },
  'authz-builder-testdata/http/custom-bad-multiple-providers-in.yaml/AuthorizationPolicy/httpbin-2': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.CUSTOM, ['/httpbin2'], 'another'),
  },
  'authz-builder-testdata/http/custom-simple-http-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.CUSTOM, ['/httpbin1'], 'default'),
  },
  'authz-builder-testdata/http/custom-simple-http-in.yaml/AuthorizationPolicy/httpbin-2': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.CUSTOM, ['/httpbin2'], 'default'),
  },
  'authz-builder-testdata/http/deny-and-allow-in.yaml/AuthorizationPolicy/httpbin-deny': {
    rejected: { reason: 'principal "deny" is not a SPIFFE principal (builder input)', error: PRINCIPAL_SHAPE },
    build: (chart, metadata) => ap(chart, metadata, { action: AuthorizationAction.DENY, rules: [{ from: [{ principals: principals('deny') }] }] }),
  },
  'authz-builder-testdata/http/deny-and-allow-in.yaml/AuthorizationPolicy/httpbin-allow': {
    rejected: { reason: 'principal "allow" is not a SPIFFE principal (builder input)', error: PRINCIPAL_SHAPE },
    build: (chart, metadata) => ap(chart, metadata, { action: AuthorizationAction.ALLOW, rules: [{ from: [{ principals: principals('allow') }] }] }),
  },
  'authz-builder-testdata/http/deny-empty-rule-in.yaml/AuthorizationPolicy/deny-all': {
    build: (chart, metadata) => AuthorizationPolicy.denyAll(chart, 'policy', { metadata, selector: httpbinV1() }),
  },
  'authz-builder-testdata/http/dry-run-allow-and-deny-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.ALLOW, ['/allow']),
  },
  'authz-builder-testdata/http/dry-run-allow-and-deny-in.yaml/AuthorizationPolicy/httpbin-2': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.DENY, ['/deny']),
  },
  'authz-builder-testdata/http/dry-run-allow-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => toPaths(chart, metadata, undefined, ['/exact']),
  },
  'authz-builder-testdata/http/dry-run-mix-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.ALLOW, ['/allow']),
  },
  'authz-builder-testdata/http/dry-run-mix-in.yaml/AuthorizationPolicy/httpbin-2': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.ALLOW, ['/another']),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => ap(chart, metadata, { selector: httpbinV1(), rules: [{ to: [{ methods: [HttpMethod.GET, HttpMethod.POST] }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-2': {
    build: (chart, metadata) => ap(chart, metadata, { selector: sel({ app: 'httpbin' }), rules: [{ to: [{ paths: ['/v1', '/v2'] }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-3': {
    build: (chart, metadata) => ap(chart, metadata, { selector: sel({ version: 'v1' }), rules: [{ to: [{ hosts: ['google.com', 'httpbin.org'] }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-4': {
    build: (chart, metadata) => ap(chart, metadata, { rules: [{ to: [{ ports: [80, 90] }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-5': {
    rejected: { reason: 'principals "principals1", "principals2" are not SPIFFE principals (builder input)', error: PRINCIPAL_SHAPE },
    build: (chart, metadata) => ap(chart, metadata, { rules: [{ from: [{ principals: principals('principals1', 'principals2') }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-6': {
    build: (chart, metadata) => ap(chart, metadata, { rules: [{ from: [{ requestPrincipals: ['requestPrincipals1', 'requestPrincipals2'] }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-7': {
    build: (chart, metadata) => ap(chart, metadata, { rules: [{ from: [{ namespaces: namespaces('namespaces1', 'namespaces2') }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-8': {
    build: (chart, metadata) => ap(chart, metadata, { rules: [{ from: [{ ipBlocks: ['1.2.3.4', '5.6.7.0/24'] }] }] }),
  },
  'authz-builder-testdata/http/multiple-policies-in.yaml/AuthorizationPolicy/httpbin-9': {
    build: (chart, metadata) => ap(chart, metadata, { rules: [{ when: [{ key: ConditionKey.requestHeader('X-abc'), values: ['abc1', 'abc2'] }] }] }),
  },
  'authz-builder-testdata/http/simple-policy-multiple-td-aliases-in.yaml/AuthorizationPolicy/httpbin': {
    rejected: { reason: 'namespace "rule[0]-from[1]-ns[0]" cannot be a Kubernetes namespace (builder input)', error: "Identity.namespace: 'namespace' must be a namespace name" },
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{
        from: [
          { principals: principals('cluster.local/ns/rule[0]/sa/from[0]-principal[0]') },
          {
            principals: principals('some-td/ns/rule[0]/sa/from[1]-principal[0]', 'cluster.local/ns/rule[0]/sa/from[1]-principal[1]'),
            namespaces: namespaces('rule[0]-from[1]-ns[0]'),
          },
        ],
      }],
    }),
  },
  'authz-builder-testdata/http/simple-policy-principal-with-wildcard-in.yaml/AuthorizationPolicy/httpbin': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{
        from: [
          { principals: [Identity.anyAuthenticated()] },
          { principals: principals('*/ns/foo/sa/rule[0]-from[1]-principal[0]', '*bar/ns/foo/sa/rule[0]-from[1]-principal[1]') },
        ],
      }],
    }),
  },
  'authz-builder-testdata/http/simple-policy-td-aliases-in.yaml/AuthorizationPolicy/httpbin': {
    rejected: { reason: 'namespace "rule[0]-from[1]-ns[0]" and methods such as "rule[0]-to[0]-method[0]" cannot exist (builder input)', error: "Identity.namespace: 'namespace' must be a namespace name" },
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{
        from: [
          { principals: principals('cluster.local/ns/rule[0]/sa/from[0]-principal[0]') },
          { principals: principals('cluster.local/ns/rule[0]/sa/from[1]-principal[0]'), namespaces: namespaces('rule[0]-from[1]-ns[0]') },
        ],
        to: [{ methods: methods('rule[0]-to[0]-method[0]') }],
      }],
    }),
  },
  'authz-builder-testdata/http/single-policy-in.yaml/AuthorizationPolicy/httpbin': {
    rejected: { reason: 'principals, methods and paths such as "rule[0]-to[0]-path[1]" (no leading \'/\') cannot match real traffic (builder input)', error: PRINCIPAL_SHAPE },
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{
        from: [{ principals: principals('rule[0]-from[0]-principal[1]') }],
        to: [{ methods: methods('rule[0]-to[0]-method[1]'), paths: ['rule[0]-to[0]-path[1]'] }],
      }],
    }),
  },
  'authz-builder-testdata/http/td-aliases-source-principal-in.yaml/AuthorizationPolicy/httpbin': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{
        from: [{ namespaces: namespaces('istio-system') }],
        when: [{ key: ConditionKey.SOURCE_PRINCIPAL, values: ['*', '*/ns/foo/sa/all-td', '*-td/ns/foo/sa/prefix-td'] }],
      }],
    }),
  },
  'authz-builder-testdata/http/trust-domains-in.yaml/AuthorizationPolicy/httpbin': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: httpbinV1(),
      rules: [{ from: [{ trustDomains: ['cluster.local', 'another.local'] }, { notTrustDomains: ['bad*', 'untrusted'] }] }],
    }),
  },

  // ---- authz-builder-testdata/tcp
  'authz-builder-testdata/tcp/allow-both-http-tcp-in.yaml/AuthorizationPolicy/httpbin-deny': {
    build: (chart, metadata) => ap(chart, metadata, {
      action: AuthorizationAction.ALLOW,
      rules: [
        { from: [{ requestPrincipals: ['id-1'] }], to: [{ methods: [HttpMethod.GET] }] },
        { from: [{ namespaces: namespaces('ns-1') }], to: [{ ports: [8080], methods: [HttpMethod.GET] }] },
        { from: [{ namespaces: namespaces('ns-2'), requestPrincipals: ['id-2'] }], to: [{ ports: [9090] }] },
        { from: [{ namespaces: namespaces('ns-1') }], to: [{ ports: [80] }] },
      ],
    }),
  },
  'authz-builder-testdata/tcp/allow-only-http-in.yaml/AuthorizationPolicy/httpbin-deny': {
    build: (chart, metadata) => ap(chart, metadata, {
      action: AuthorizationAction.ALLOW,
      rules: [
        { from: [{ requestPrincipals: ['id-1'] }], to: [{ methods: [HttpMethod.GET] }] },
        { from: [{ namespaces: namespaces('ns-1') }], to: [{ hosts: ['example.com'] }] },
      ],
    }),
  },
  'authz-builder-testdata/tcp/audit-both-http-tcp-in.yaml/AuthorizationPolicy/httpbin-audit': {
    rejected: { reason: 'principal "principal" is not a SPIFFE principal and "method" is not an HTTP method (builder input)', error: PRINCIPAL_SHAPE },
    build: (chart, metadata) => ap(chart, metadata, {
      action: AuthorizationAction.AUDIT,
      rules: [{ from: [{ principals: principals('principal'), notPrincipals: principals('not-principal') }], to: [{ methods: methods('method') }] }],
    }),
  },
  'authz-builder-testdata/tcp/custom-both-http-tcp-in.yaml/AuthorizationPolicy/httpbin-deny': {
    rejected: { reason: 'methods "method" and "not-method" are not HTTP methods (builder input)', error: `'rules[5].to[0].methods[0]' ${NOT_A_METHOD} (received: "method")` },
    build: (chart, metadata) => ap(chart, metadata, {
      action: AuthorizationAction.CUSTOM,
      provider: 'default',
      rules: [
        { to: [{ methods: [HttpMethod.GET] }] },
        { from: [{ ipBlocks: ['1.2.3.4'] }], to: [{ methods: [HttpMethod.GET] }] },
        { from: [{ ipBlocks: ['1.2.3.4'] }], to: [{ ports: [80] }] },
        { when: [{ key: ConditionKey.requestHeader(':method'), values: ['GET'] }] },
        { when: [{ key: ConditionKey.DESTINATION_PORT, values: ['80'] }] },
        {
          from: [{ ipBlocks: ['1.2.3.4'], remoteIpBlocks: ['172.18.4.0/22'], notIpBlocks: ['9.0.0.1'], notRemoteIpBlocks: ['192.168.244.139'] }],
          to: [{
            methods: methods('method'),
            hosts: ['exact.com'],
            ports: [80],
            paths: ['/exact'],
            notMethods: methods('not-method'),
            notHosts: ['not-exact.com'],
            notPorts: [8000],
            notPaths: ['/not-exact'],
          }],
          when: [{ key: ConditionKey.requestHeader('X-header'), values: ['header'], notValues: ['not-header'] }],
        },
      ],
    }),
  },
  'authz-builder-testdata/tcp/custom-only-http-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.CUSTOM, ['/httpbin1'], 'default'),
  },
  'authz-builder-testdata/tcp/custom-only-http-in.yaml/AuthorizationPolicy/httpbin-2': {
    build: (chart, metadata) => toPaths(chart, metadata, AuthorizationAction.CUSTOM, ['/httpbin2'], 'default'),
  },
  'authz-builder-testdata/tcp/deny-both-http-tcp-in.yaml/AuthorizationPolicy/httpbin-deny': {
    rejected: { reason: 'rule[10] has principal "principal" and method "method" (builder input)', error: PRINCIPAL_SHAPE },
    build: (chart, metadata) => ap(chart, metadata, {
      action: AuthorizationAction.DENY,
      rules: [
        { from: [{ requestPrincipals: ['id-1'] }], to: [{ methods: [HttpMethod.GET] }] },
        { from: [{ principals: principals('principal', '*principal-suffix', 'principal-prefix*', '*') }], to: [{ methods: methods('method') }] },
      ],
    }),
  },
  'authz-builder-testdata/tcp/dry-run-mix-in.yaml/AuthorizationPolicy/httpbin-1': {
    build: (chart, metadata) => toPorts(chart, metadata, [80]),
  },
  'authz-builder-testdata/tcp/dry-run-mix-in.yaml/AuthorizationPolicy/httpbin-2': {
    build: (chart, metadata) => toPorts(chart, metadata, [9000]),
  },

  // ---- istio-io-docs/authn-policy.yaml (task: mutual TLS and JWT)
  'istio-io-docs/authn-policy.yaml/PeerAuthentication/default': { build: peer(MtlsMode.STRICT) },
  'istio-io-docs/authn-policy.yaml/PeerAuthentication/default#2': { build: peer(MtlsMode.STRICT) },
  'istio-io-docs/authn-policy.yaml/PeerAuthentication/httpbin': { build: peer(MtlsMode.STRICT, sel({ app: 'httpbin' })) },
  'istio-io-docs/authn-policy.yaml/PeerAuthentication/httpbin#2': {
    build: (chart, metadata) => new PeerAuthentication(chart, 'peer', { metadata, selector: sel({ app: 'httpbin' }) }).addPortMtls(80, MtlsMode.DISABLE),
  },
  'istio-io-docs/authn-policy.yaml/PeerAuthentication/overwrite-example': { build: peer(MtlsMode.DISABLE, sel({ app: 'httpbin' })) },
  'istio-io-docs/authn-policy.yaml/RequestAuthentication/jwt-example': {
    build: (chart, metadata) => new RequestAuthentication(chart, 'jwt', {
      metadata,
      selector: sel({ istio: 'ingressgateway' }),
      jwtRules: [{ issuer: 'testing@secure.istio.io', jwksUri: 'https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json' }],
    }),
  },
  'istio-io-docs/authn-policy.yaml/AuthorizationPolicy/frontend-ingress': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: sel({ istio: 'ingressgateway' }), action: AuthorizationAction.DENY, rules: [{ from: [{ notRequestPrincipals: ['*'] }] }],
    }),
  },
  'istio-io-docs/authn-policy.yaml/AuthorizationPolicy/frontend-ingress#2': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: sel({ istio: 'ingressgateway' }),
      action: AuthorizationAction.DENY,
      rules: [{ from: [{ notRequestPrincipals: ['*'] }], to: [{ paths: ['/headers'] }] }],
    }),
  },

  // ---- istio-io-docs/authz-deny.yaml
  'istio-io-docs/authz-deny.yaml/AuthorizationPolicy/deny-method-get': {
    build: (chart, metadata) => ap(chart, metadata, { selector: sel({ app: 'httpbin' }), action: AuthorizationAction.DENY, rules: [{ to: [{ methods: [HttpMethod.GET] }] }] }),
  },
  'istio-io-docs/authz-deny.yaml/AuthorizationPolicy/deny-method-get#2': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: sel({ app: 'httpbin' }),
      action: AuthorizationAction.DENY,
      rules: [{ to: [{ methods: [HttpMethod.GET] }], when: [{ key: ConditionKey.requestHeader('x-token'), notValues: ['admin'] }] }],
    }),
  },
  'istio-io-docs/authz-deny.yaml/AuthorizationPolicy/allow-path-ip': {
    build: (chart, metadata) => ap(chart, metadata, { selector: sel({ app: 'httpbin' }), action: AuthorizationAction.ALLOW, rules: [{ to: [{ paths: ['/ip'] }] }] }),
  },

  // ---- istio-io-docs/authz-http.yaml
  'istio-io-docs/authz-http.yaml/AuthorizationPolicy/allow-nothing': {
    build: (chart, metadata) => AuthorizationPolicy.allowNothing(chart, 'policy', { metadata }),
  },
  'istio-io-docs/authz-http.yaml/AuthorizationPolicy/productpage-viewer': { build: viewer('productpage') },
  'istio-io-docs/authz-http.yaml/AuthorizationPolicy/bookinfo-gateway-viewer': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: sel({ 'gateway.networking.k8s.io/gateway-name': 'bookinfo-gateway' }),
      action: AuthorizationAction.ALLOW,
      rules: [{ to: [{ methods: [HttpMethod.GET] }] }],
    }),
  },
  'istio-io-docs/authz-http.yaml/AuthorizationPolicy/details-viewer': { build: viewer('details', 'bookinfo-productpage') },
  'istio-io-docs/authz-http.yaml/AuthorizationPolicy/reviews-viewer': { build: viewer('reviews', 'bookinfo-productpage') },
  'istio-io-docs/authz-http.yaml/AuthorizationPolicy/ratings-viewer': { build: viewer('ratings', 'bookinfo-reviews') },

  // ---- istio-io-docs/authz-jwt.yaml
  'istio-io-docs/authz-jwt.yaml/RequestAuthentication/jwt-example': {
    build: (chart, metadata) => new RequestAuthentication(chart, 'jwt', {
      metadata,
      selector: sel({ app: 'httpbin' }),
      jwtRules: [{ issuer: 'testing@secure.istio.io', jwksUri: 'https://raw.githubusercontent.com/istio/istio/release-1.8/security/tools/jwt/samples/jwks.json' }],
    }),
  },
  'istio-io-docs/authz-jwt.yaml/AuthorizationPolicy/require-jwt': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: sel({ app: 'httpbin' }),
      action: AuthorizationAction.ALLOW,
      rules: [{ from: [{ requestPrincipals: ['testing@secure.istio.io/testing@secure.istio.io'] }] }],
    }),
  },
  'istio-io-docs/authz-jwt.yaml/AuthorizationPolicy/require-jwt#2': {
    build: (chart, metadata) => ap(chart, metadata, {
      selector: sel({ app: 'httpbin' }),
      action: AuthorizationAction.ALLOW,
      rules: [{
        from: [{ requestPrincipals: ['testing@secure.istio.io/testing@secure.istio.io'] }],
        when: [{ key: ConditionKey.requestAuthClaims('groups'), values: ['group1'] }],
      }],
    }),
  },

  // ---- istio-io-docs/authz-tcp.yaml
  'istio-io-docs/authz-tcp.yaml/AuthorizationPolicy/tcp-policy': { build: tcpPolicy(AuthorizationAction.ALLOW, { ports: [9000, 9001] }) },
  'istio-io-docs/authz-tcp.yaml/AuthorizationPolicy/tcp-policy#2': { build: tcpPolicy(AuthorizationAction.ALLOW, { methods: [HttpMethod.GET], ports: [9000] }) },
  'istio-io-docs/authz-tcp.yaml/AuthorizationPolicy/tcp-policy#3': { build: tcpPolicy(AuthorizationAction.DENY, { methods: [HttpMethod.GET] }) },
  'istio-io-docs/authz-tcp.yaml/AuthorizationPolicy/tcp-policy#4': { build: tcpPolicy(AuthorizationAction.DENY, { methods: [HttpMethod.GET], ports: [9000] }) },
};

function chartFor(object: any): Chart {
  return new Chart(Testing.app(), 'samples', object.metadata.namespace ? { namespace: object.metadata.namespace } : {});
}

function metadataOf(object: any): ApiObjectMetadata {
  return { name: object.metadata.name, ...(object.metadata.annotations ? { annotations: object.metadata.annotations } : {}) };
}

describe('security samples rebuilt with our constructs', () => {
  const samples = loadSamples();
  const exact = samples.filter((s) => CASES[s.key] && !CASES[s.key].rejected && !CASES[s.key].equivalent);
  const equivalent = samples.filter((s) => CASES[s.key]?.equivalent);
  const rejected = samples.filter((s) => CASES[s.key]?.rejected);

  test('covers every security object of the samples, and nothing else', () => {
    expect(samples).toHaveLength(66);
    expect(Object.keys(CASES).sort()).toEqual(samples.map((s) => s.key).sort());
  });

  test('reproduces 55 of 66 exactly, 1 equivalently, and rejects 10 on purpose', () => {
    expect([exact.length, equivalent.length, rejected.length]).toEqual([55, 1, 10]);
  });

  test.each(exact.map((s) => [s.key, s] as const))('%s: the synthesized v1 spec equals the sample', (_key, sample) => {
    const chart = chartFor(sample.object);
    CASES[sample.key].build(chart, metadataOf(sample.object));
    const [manifest] = Testing.synth(chart);
    expect(manifest.apiVersion).toBe('security.istio.io/v1');
    expect(manifest.kind).toBe(sample.object.kind);
    expect(manifest.metadata).toEqual(sample.object.metadata);
    expect(manifest.spec).toEqual(sample.object.spec);
    expect(chart.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
  });

  test.each(equivalent.map((s) => [s.key, s] as const))('%s: the synthesized spec is Istio-equivalent to the sample', (_key, sample) => {
    const chart = chartFor(sample.object);
    const { normalize } = CASES[sample.key].equivalent!;
    CASES[sample.key].build(chart, metadataOf(sample.object));
    const [manifest] = Testing.synth(chart);
    expect(manifest.spec).not.toEqual(sample.object.spec);
    expect(normalize(manifest.spec)).toEqual(sample.object.spec);
  });

  test.each(rejected.map((s) => [s.key, s] as const))('%s: rejected on purpose', (_key, sample) => {
    const { reason, error } = CASES[sample.key].rejected!;
    expect(reason).toBeTruthy();
    expect(() => CASES[sample.key].build(chartFor(sample.object), metadataOf(sample.object))).toThrow(error);
  });
});
