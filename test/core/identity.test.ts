import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Identity } from '../../lib';

describe('Identity', () => {
  describe('fromServiceAccount', () => {
    test('renders the principal from the service account name and its metadata namespace', () => {
      const chart = Testing.chart();
      const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'frontend-sa', namespace: 'frontend' } });
      const identity = Identity.fromServiceAccount(sa);
      expect(identity.asPrincipal).toBe('cluster.local/ns/frontend/sa/frontend-sa');
      expect(identity.namespaceName).toBe('frontend');
      expect(identity.serviceAccountName).toBe('frontend-sa');
      expect(identity.trustDomain).toBe('cluster.local');
      expect(identity.asNamespace).toBeUndefined();
    });

    test('takes the namespace from the chart when the service account has none', () => {
      const chart = new Chart(Testing.app(), 'frontend', { namespace: 'frontend' });
      const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'frontend-sa' } });
      expect(Identity.fromServiceAccount(sa).asPrincipal).toBe('cluster.local/ns/frontend/sa/frontend-sa');
    });

    test('prefers an explicit namespace and trust domain', () => {
      const chart = new Chart(Testing.app(), 'frontend', { namespace: 'frontend' });
      const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'frontend-sa' } });
      expect(Identity.fromServiceAccount(sa, { namespace: 'web', trustDomain: 'example.org' }).asPrincipal)
        .toBe('example.org/ns/web/sa/frontend-sa');
    });

    test('fails when no namespace is known, telling the user how to give one', () => {
      const sa = new kplus.ServiceAccount(Testing.chart(), 'sa', { metadata: { name: 'frontend-sa' } });
      expect(() => Identity.fromServiceAccount(sa)).toThrow(
        "Identity.fromServiceAccount: 'serviceAccount' has no namespace: neither its metadata.namespace nor its chart's namespace is set (received: \"test/sa\"). "
        + 'Set metadata.namespace on the ServiceAccount or a namespace on its Chart, or pass { namespace } to Identity.fromServiceAccount().');
    });
  });

  describe('fromNames', () => {
    test('renders <trust-domain>/ns/<namespace>/sa/<name> without spiffe://', () => {
      expect(Identity.fromNames('frontend', 'frontend-sa').asPrincipal).toBe('cluster.local/ns/frontend/sa/frontend-sa');
    });

    test('uses a configured trust domain', () => {
      expect(Identity.fromNames('frontend', 'frontend-sa', { trustDomain: 'prod.example.com' }).asPrincipal)
        .toBe('prod.example.com/ns/frontend/sa/frontend-sa');
    });

    test.each([
      ['Frontend', 'frontend-sa', "'namespace' must be a Kubernetes namespace name"],
      ['frontend', 'Frontend_SA', "'serviceAccountName' must be a Kubernetes service account name"],
      ['', 'sa', "'namespace' must be a Kubernetes namespace name"],
    ])('fails on namespace %j and name %j', (ns, name, fragment) => {
      expect(() => Identity.fromNames(ns, name)).toThrow(fragment);
    });

    test('fails on a trust domain with the spiffe:// scheme, with the fix', () => {
      expect(() => Identity.fromNames('a', 'b', { trustDomain: 'spiffe://cluster.local' }))
        .toThrow("Identity.fromNames: 'trustDomain' must not start with 'spiffe://' (received: \"spiffe://cluster.local\"). Write it as 'cluster.local'.");
    });

    test('fails on a trust domain that is not a name', () => {
      expect(() => Identity.fromNames('a', 'b', { trustDomain: 'cluster.local/ns' })).toThrow("'trustDomain' must be a trust domain name");
    });
  });

  describe('namespace', () => {
    test('renders the namespace in namespaces, and every service account of it in principals', () => {
      const identity = Identity.namespace('monitoring');
      expect(identity.asNamespace).toBe('monitoring');
      expect(identity.asPrincipal).toBe('cluster.local/ns/monitoring/sa/*');
      expect(identity.namespaceName).toBe('monitoring');
    });

    test('accepts Istio prefix and suffix wildcards', () => {
      expect(['team-*', '*-prod', '*'].map((ns) => Identity.namespace(ns).asNamespace)).toEqual(['team-*', '*-prod', '*']);
    });

    test.each(['', 'Team', '*team*', 'rule[0]-ns'])('fails on %j', (ns) => {
      expect(() => Identity.namespace(ns)).toThrow("Identity.namespace: 'namespace' must be a namespace name, optionally with one '*' at its start or end");
    });
  });

  describe('anyAuthenticated', () => {
    test('renders principals ["*"] and namespaces ["*"]', () => {
      const identity = Identity.anyAuthenticated();
      expect(identity.asPrincipal).toBe('*');
      expect(identity.asNamespace).toBe('*');
      expect(identity.isAnyAuthenticated).toBe(true);
      expect(Identity.fromNames('a', 'b').isAnyAuthenticated).toBe(false);
    });
  });

  describe('principal', () => {
    test('parses an exact principal into its parts', () => {
      const identity = Identity.principal('example.org/ns/frontend/sa/frontend-sa');
      expect(identity.asPrincipal).toBe('example.org/ns/frontend/sa/frontend-sa');
      expect([identity.trustDomain, identity.namespaceName, identity.serviceAccountName]).toEqual(['example.org', 'frontend', 'frontend-sa']);
    });

    test.each([
      'cluster.local/ns/frontend/sa/*',
      'cluster.local/ns/frontend/*',
      'cluster.local/*',
      'team-*',
      '*/ns/frontend/sa/frontend-sa',
      '*bar/ns/foo/sa/x',
      '*-suffix-principal',
    ])('accepts the Istio wildcard form %j', (principal) => {
      expect(Identity.principal(principal).asPrincipal).toBe(principal);
    });

    test('treats "*" as any authenticated peer', () => {
      expect(Identity.principal('*').isAnyAuthenticated).toBe(true);
    });

    test('knows the namespace of a prefix pattern that names it', () => {
      expect(Identity.principal('cluster.local/ns/frontend/sa/*').namespaceName).toBe('frontend');
      expect(Identity.principal('*/ns/frontend/sa/x').serviceAccountName).toBe('x');
    });

    test('fails on the spiffe:// prefix, with the principal to write instead', () => {
      expect(() => Identity.principal('spiffe://cluster.local/ns/frontend/sa/frontend-sa')).toThrow(
        "Identity.principal: 'principal' must not start with 'spiffe://': Istio matches principals without the scheme, so this one would never match "
        + '(received: "spiffe://cluster.local/ns/frontend/sa/frontend-sa"). Write it as \'cluster.local/ns/frontend/sa/frontend-sa\'.');
    });

    test('fails on a principal of the wrong shape, with the shape and the fix', () => {
      expect(() => Identity.principal('frontend-sa')).toThrow(
        "Identity.principal: 'principal' must have the form '<trust-domain>/ns/<namespace>/sa/<service-account>' (received: \"frontend-sa\"). "
        + "Write it as 'cluster.local/ns/<namespace>/sa/frontend-sa', or use Identity.fromNames('<namespace>', 'frontend-sa').");
    });

    test.each([
      'cluster.local/namespace/frontend/sa/x',
      'cluster.local/ns/frontend/serviceaccount/x',
      'cluster.local/ns/frontend/sa/x/y',
      'cluster.local/ns//sa/x',
      'cluster.local/nx*',
      '*/sx/x',
      '',
    ])('fails on the malformed principal %j', (principal) => {
      expect(() => Identity.principal(principal)).toThrow("must have the form '<trust-domain>/ns/<namespace>/sa/<service-account>'");
    });

    test.each(['cluster.local/ns/*/sa/x', '*frontend*'])('fails on a wildcard that is not at one end: %j', (principal) => {
      expect(() => Identity.principal(principal)).toThrow("with at most one '*' at its start or end");
    });
  });

  test('describes itself for messages', () => {
    expect(Identity.fromNames('a', 'b').toString()).toBe('cluster.local/ns/a/sa/b');
    expect(Identity.namespace('a').toString()).toBe('namespace a');
  });
});
