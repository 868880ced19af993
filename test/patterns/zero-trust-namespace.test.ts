import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { errorOf } from './_util';
import {
  DataPlaneMode, HttpMethod, Identity, IngressGateway, MeshPeer, MeshService, MtlsMode, Protocol, SynthAnalysis, Waypoint, WorkloadSelector,
  ZeroTrustNamespace, ZeroTrustNamespaceProps,
} from '../../lib';

function chart(namespace: string | null = 'shop'): Chart {
  return new Chart(Testing.app(), 'test', namespace ? { namespace } : {});
}

function find(objects: any[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among: ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

function kinds(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}

function build(props: ZeroTrustNamespaceProps = {}, scope: Chart = chart()): { ns: ZeroTrustNamespace; synth: () => any[] } {
  const ns = new ZeroTrustNamespace(scope, 'zt', props);
  return { ns, synth: () => Testing.synth(scope) };
}

describe('ZeroTrustNamespace', () => {
  describe('defaults', () => {
    const { ns, synth } = build();
    const manifests = synth();

    test('creates the Namespace named after the chart namespace, labelled istio-injection=enabled, without a namespace of its own', () => {
      expect(find(manifests, 'Namespace', 'shop').metadata).toEqual({ name: 'shop', labels: { 'istio-injection': 'enabled' } });
      expect(ns.name).toBe('shop');
      expect(ns.namespaceResource.name).toBe('shop');
    });

    test('defaults to STRICT mTLS with a namespace-wide PeerAuthentication named default', () => {
      const pa = find(manifests, 'PeerAuthentication', 'default');
      expect(pa.metadata.namespace).toBe('shop');
      expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
      expect(ns.peerAuthentication.mtlsMode).toBe(MtlsMode.STRICT);
    });

    test('denies by default with an allow-nothing AuthorizationPolicy whose spec is empty', () => {
      const ap = find(manifests, 'AuthorizationPolicy', 'allow-nothing');
      expect(ap.metadata.namespace).toBe('shop');
      expect(ap.spec).toEqual({});
      expect(ns.allowNothingPolicy).toBeDefined();
    });

    test('scopes egress with a default Sidecar to the own namespace and istio-system, without a workload selector', () => {
      const sidecar = find(manifests, 'Sidecar', 'default');
      expect(sidecar.metadata.namespace).toBe('shop');
      expect(sidecar.spec).toEqual({ egress: [{ hosts: ['./*', 'istio-system/*'] }] });
      expect(ns.sidecar).toBeDefined();
    });

    test('creates no ServiceEntry, NetworkPolicy or ALLOW policy until asked', () => {
      expect(kinds(manifests, 'ServiceEntry')).toEqual([]);
      expect(kinds(manifests, 'NetworkPolicy')).toEqual([]);
      expect(kinds(manifests, 'AuthorizationPolicy').map((o) => o.metadata.name)).toEqual(['allow-nothing']);
      expect(ns.serviceEntries).toEqual([]);
      expect(ns.networkPolicy).toBeUndefined();
      expect(ns.allowPolicies).toEqual([]);
    });

    test('takes the construct id as the name when the chart has no namespace, and sets it on every object', () => {
      const objects = build({}, chart(null)).synth();
      expect(find(objects, 'Namespace', 'zt').metadata).toEqual({ name: 'zt', labels: { 'istio-injection': 'enabled' } });
      expect(objects.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace)).toEqual(['zt', 'zt', 'zt']);
    });
  });

  describe('injection', () => {
    test('labels the namespace istio.io/rev and not istio-injection for a revision', () => {
      const { ns, synth } = build({ revision: '1-30-3' });
      expect(find(synth(), 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/rev': '1-30-3' });
      expect(ns.injectionMode).toBe('rev-1-30-3');
    });

    test('labels the namespace istio.io/dataplane-mode=ambient and creates no Sidecar in ambient mode', () => {
      const { ns, synth } = build({ dataplane: DataPlaneMode.AMBIENT });
      const manifests = synth();
      expect(find(manifests, 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
      expect(kinds(manifests, 'Sidecar')).toEqual([]);
      expect(ns.injectionMode).toBe('ambient');
    });

    test('leaves the injection label out with injection: false', () => {
      const { ns, synth } = build({ injection: false, labels: { team: 'payments' } });
      expect(find(synth(), 'Namespace', 'shop').metadata.labels).toEqual({ team: 'payments' });
      expect(ns.injectionMode).toBe('none');
    });
  });

  describe('rollout on injection change', () => {
    function withWorkloads(props: ZeroTrustNamespaceProps = {}): any[] {
      const scope = chart();
      new ZeroTrustNamespace(scope, 'zt', props);
      // Created after the namespace construct, in the chart's namespace, in another chart, and elsewhere.
      new kplus.Deployment(scope, 'web', { metadata: { name: 'web' }, containers: [{ image: 'web' }] });
      new kplus.StatefulSet(scope, 'db', {
        metadata: { name: 'db' },
        containers: [{ image: 'db' }],
        service: new kplus.Service(scope, 'db-svc', { metadata: { name: 'db' }, ports: [{ port: 5432 }] }),
      });
      new kplus.DaemonSet(scope, 'agent', { metadata: { name: 'agent' }, containers: [{ image: 'agent' }] });
      new kplus.Deployment(scope, 'other', { metadata: { name: 'other', namespace: 'other' }, containers: [{ image: 'o' }] });
      const second = new Chart(scope.node.scope as any, 'second', { namespace: 'shop' });
      new kplus.Deployment(second, 'api', { metadata: { name: 'api' }, containers: [{ image: 'api' }] });
      return [...Testing.synth(scope), ...Testing.synth(second)];
    }

    const annotation = (o: any) => o.spec.template.metadata.annotations?.['cdk8s-istio/injection'];

    test('annotates the pod template of every Deployment, StatefulSet and DaemonSet of the namespace in the App', () => {
      const objects = withWorkloads();
      expect(annotation(find(objects, 'Deployment', 'web'))).toBe('enabled');
      expect(annotation(find(objects, 'StatefulSet', 'db'))).toBe('enabled');
      expect(annotation(find(objects, 'DaemonSet', 'agent'))).toBe('enabled');
      expect(annotation(find(objects, 'Deployment', 'api'))).toBe('enabled');
      expect(annotation(find(objects, 'Deployment', 'other'))).toBeUndefined();
    });

    test('changes the annotation with the revision, so the pods roll', () => {
      expect(annotation(find(withWorkloads({ revision: 'canary' }), 'Deployment', 'web'))).toBe('rev-canary');
    });

    test('uses a key without istio.io/', () => {
      expect(ZeroTrustNamespace.INJECTION_ANNOTATION).toBe('cdk8s-istio/injection');
      expect(ZeroTrustNamespace.INJECTION_ANNOTATION).not.toContain('istio.io/');
    });

    test('annotates nothing with rolloutOnInjectionChange: false', () => {
      expect(annotation(find(withWorkloads({ rolloutOnInjectionChange: false }), 'Deployment', 'web'))).toBeUndefined();
    });
  });

  describe('opt-outs', () => {
    test('PERMISSIVE mTLS for migration', () => {
      expect(find(build({ mtlsMode: MtlsMode.PERMISSIVE }).synth(), 'PeerAuthentication', 'default').spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
    });

    test('no allow-nothing policy', () => {
      const { ns, synth } = build({ allowNothing: false });
      expect(kinds(synth(), 'AuthorizationPolicy')).toEqual([]);
      expect(ns.allowNothingPolicy).toBeUndefined();
    });

    test('no Sidecar', () => {
      const { ns, synth } = build({ egressSidecar: false });
      expect(kinds(synth(), 'Sidecar')).toEqual([]);
      expect(ns.sidecar).toBeUndefined();
    });

    test('fails on the Sidecar options in ambient mode, which has no sidecars', () => {
      const message = errorOf(() => build({ dataplane: DataPlaneMode.AMBIENT, egressSidecar: true, egressNamespaces: ['db'], registryOnly: true }));
      expect(message).toContain('has 3 problems');
      expect(message).toContain('\'egressSidecar\' applies to sidecars only: a Sidecar resource has no effect in ambient mode (received: true)');
      expect(message).toContain('\'egressNamespaces\' scopes the Sidecar resource, which ambient mode does not have (received: ["db"])');
      expect(message).toContain('\'registryOnly\' is set on the Sidecar resource, which ambient mode does not have');
    });
  });

  describe('egress', () => {
    test('adds the allowed namespaces to the Sidecar and blocks unknown hosts with REGISTRY_ONLY', () => {
      const sidecar = find(build({ egressNamespaces: ['db', 'istio-system'], registryOnly: true, rootNamespace: 'istio-system' }).synth(), 'Sidecar', 'default');
      expect(sidecar.spec).toEqual({
        egress: [{ hosts: ['./*', 'istio-system/*', 'db/*'] }],
        outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
      });
    });

    test('names another root namespace', () => {
      expect(find(build({ rootNamespace: 'istio-root' }).synth(), 'Sidecar', 'default').spec.egress[0].hosts).toEqual(['./*', 'istio-root/*']);
    });

    test('creates a ServiceEntry per external host: MESH_EXTERNAL, DNS, TLS on 443, visible to the namespace only', () => {
      const { ns, synth } = build({
        externalHosts: [
          { host: 'api.stripe.com' },
          { host: 'api.stripe.com', port: 80 },
          { host: 'db.example.com', port: 5432 },
          { host: 'grpc.example.com', port: 8443, protocol: Protocol.GRPC },
        ],
      });
      const manifests = synth();
      expect(find(manifests, 'ServiceEntry', 'api.stripe.com')).toEqual({
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: { name: 'api.stripe.com', namespace: 'shop' },
        spec: {
          hosts: ['api.stripe.com'],
          ports: [{ number: 443, name: 'tls-443', protocol: 'TLS' }, { number: 80, name: 'http-80', protocol: 'HTTP' }],
          location: 'MESH_EXTERNAL',
          resolution: 'DNS',
          exportTo: ['.'],
        },
      });
      expect(find(manifests, 'ServiceEntry', 'db.example.com').spec.ports).toEqual([{ number: 5432, name: 'tcp-5432', protocol: 'TCP' }]);
      expect(find(manifests, 'ServiceEntry', 'grpc.example.com').spec.ports).toEqual([{ number: 8443, name: 'grpc-8443', protocol: 'GRPC' }]);
      expect(ns.serviceEntries).toHaveLength(3);
    });
  });

  describe('allow()', () => {
    test('adds ALLOW rules by identity, method and path to one policy per selector', () => {
      const { ns, synth } = build();
      const api = WorkloadSelector.labels({ app: 'payments-api' });
      ns.allow({ selector: api, from: [MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa'))], methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/*'] });
      ns.allow({ selector: api, from: [MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus'))], methods: [HttpMethod.GET], paths: ['/metrics'] });
      expect(find(synth(), 'AuthorizationPolicy', 'allow-payments-api').spec).toEqual({
        selector: { matchLabels: { app: 'payments-api' } },
        action: 'ALLOW',
        rules: [
          {
            from: [{ source: { principals: ['cluster.local/ns/frontend/sa/frontend-sa'] } }],
            to: [{ operation: { methods: ['GET', 'POST'], paths: ['/api/*'] } }],
          },
          {
            from: [{ source: { principals: ['cluster.local/ns/monitoring/sa/prometheus'] } }],
            to: [{ operation: { methods: ['GET'], paths: ['/metrics'] } }],
          },
        ],
      });
      expect(ns.allowPolicies).toHaveLength(1);
    });

    test('allows a namespace on a port for the whole namespace, and names the policy as told', () => {
      const { ns, synth } = build();
      const policy = ns.allow({ from: [MeshPeer.namespace('istio-ingress')], targetPorts: [8080] });
      ns.allow({ selector: WorkloadSelector.labels({ app: 'cart' }), policyName: 'cart-callers', from: [MeshPeer.identity(Identity.namespace('web'))] });
      const manifests = synth();
      expect(find(manifests, 'AuthorizationPolicy', 'allow').spec).toEqual({
        action: 'ALLOW',
        rules: [{ from: [{ source: { namespaces: ['istio-ingress'] } }], to: [{ operation: { ports: ['8080'] } }] }],
      });
      expect(find(manifests, 'AuthorizationPolicy', 'cart-callers').spec.rules).toEqual([
        { from: [{ source: { principals: ['cluster.local/ns/web/sa/*'] } }] },
      ]);
      expect(ns.allowPolicies.map((p) => p.name)).toEqual(['allow', 'cart-callers']);
      expect(policy.name).toBe('allow');
    });

    test('allows an operation from any source', () => {
      const { ns, synth } = build();
      ns.allow({ methods: [HttpMethod.GET], paths: ['/healthz'] });
      expect(find(synth(), 'AuthorizationPolicy', 'allow').spec.rules).toEqual([{ to: [{ operation: { methods: ['GET'], paths: ['/healthz'] } }] }]);
    });

    test('with networkPolicy, admits ingress only from the namespaces of allowed sources', () => {
      const { ns, synth } = build({ networkPolicy: true });
      ns.allow({ from: [MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa'))], methods: [HttpMethod.GET] });
      ns.allow({ from: [MeshPeer.identity(Identity.fromNames('frontend', 'admin'))] });
      ns.allow({ from: [MeshPeer.namespace('monitoring')] });
      const policy = find(synth(), 'NetworkPolicy', 'zero-trust-ingress');
      expect(policy.metadata.namespace).toBe('shop');
      expect(policy.spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: ['frontend', 'monitoring'].map((name) => ({
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } }, podSelector: {} }],
          ports: [],
        })),
      });
      expect(ns.networkPolicy).toBeDefined();
    });

    test('with networkPolicy in ambient mode, admits the kubelet\'s probes (169.254.7.127) and the namespace\'s waypoints', () => {
      const { synth } = build({ networkPolicy: true, dataplane: DataPlaneMode.AMBIENT, createWaypoint: true });
      const out = synth();
      const policy = find(out, 'NetworkPolicy', 'zero-trust-ingress');
      expect(policy.spec.ingress).toEqual([
        { from: [{ ipBlock: { cidr: '169.254.7.127/32' } }], ports: [] },
        { from: [{ podSelector: { matchExpressions: [{ key: 'gateway.networking.k8s.io/gateway-name', operator: 'Exists' }] } }], ports: [] },
      ]);
      // the waypoint Istio deploys for the namespace carries that label on its pods
      expect(find(out, 'Gateway', 'waypoint').spec.gatewayClassName).toBe('istio-waypoint');
      // sidecar mode needs neither: probes are rewritten through istio-agent inside the pod
      expect(find(build({ networkPolicy: true }).synth(), 'NetworkPolicy', 'zero-trust-ingress').spec.ingress).toBeUndefined();
    });

    test('with networkPolicy and no allow rule, denies all ingress', () => {
      expect(find(build({ networkPolicy: true }).synth(), 'NetworkPolicy', 'zero-trust-ingress').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    });
  });

  describe('meshWideStrictMtls()', () => {
    test('creates a STRICT PeerAuthentication named default in istio-system', () => {
      const scope = chart();
      const pa = ZeroTrustNamespace.meshWideStrictMtls(scope, 'mesh');
      expect(find(Testing.synth(scope), 'PeerAuthentication', 'default')).toEqual({
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'istio-system' },
        spec: { mtls: { mode: 'STRICT' } },
      });
      expect(pa.namespace).toBe('istio-system');
    });

    test('takes another root namespace and mode', () => {
      const scope = chart();
      ZeroTrustNamespace.meshWideStrictMtls(scope, 'mesh', { rootNamespace: 'istio-root', mtlsMode: MtlsMode.PERMISSIVE });
      const pa = find(Testing.synth(scope), 'PeerAuthentication', 'default');
      expect(pa.metadata.namespace).toBe('istio-root');
      expect(pa.spec.mtls.mode).toBe('PERMISSIVE');
    });

    test('fails on a root namespace that is not a DNS label', () => {
      expect(errorOf(() => ZeroTrustNamespace.meshWideStrictMtls(chart(), 'mesh', { rootNamespace: 'Istio_System' })))
        .toContain('\'rootNamespace\' must be a namespace name');
    });
  });

  describe('errors', () => {
    test('fails on a namespace name that is not a DNS label, naming the path, value and fix', () => {
      const message = errorOf(() => build({ name: 'Payments.Prod' }));
      expect(message).toContain('ZeroTrustNamespace \'test/zt\': \'name\' must be a namespace name (a DNS-1123 label');
      expect(message).toContain('(received: "Payments.Prod")');
      expect(message).toContain('Use a name such as \'payments-prod\'.');
    });

    test('fails on both the injection label and a revision', () => {
      expect(errorOf(() => build({ injection: true, revision: '1-30' }))).toContain('\'revision\' must not be set together with injection: true');
    });

    test('fails on injection labels given as plain labels', () => {
      expect(errorOf(() => build({ revision: 'stable', labels: { 'istio-injection': 'enabled' } })))
        .toContain('\'labels.istio-injection\' must not be set here');
    });

    test('fails on the ambient data plane together with injection, and on a revision that is not a label value', () => {
      const message = errorOf(() => build({ dataplane: DataPlaneMode.AMBIENT, injection: true, revision: 'bad rev' }));
      expect(message).toContain('has 3 problems');
      expect(message).toContain('\'dataplane\' must not be DataPlaneMode.AMBIENT together with injection: true');
      expect(message).toContain('\'revision\' must be a Kubernetes label value');
    });

    test('fails on an allow rule with no source and no operation', () => {
      const { ns } = build();
      expect(errorOf(() => ns.allow({ selector: WorkloadSelector.labels({ app: 'cart' }) })))
        .toContain('\'allow(0)\' has no source and no operation, so it would allow every request');
    });

    test('fails on external hosts that are not host names, and ports outside 1..65535, all at once', () => {
      const message = errorOf(() => build({
        externalHosts: [{ host: '*.stripe.com' }, { host: 'stripe' }, { host: 'api stripe.com' }, { host: 'api.stripe.com', port: 70000 }],
      }));
      expect(message).toContain('has 4 problems');
      expect(message).toContain('\'externalHosts[0].host\' must not be a wildcard');
      expect(message).toContain('\'externalHosts[1].host\' must be a fully qualified host name');
      expect(message).toContain('\'externalHosts[2].host\' must be a DNS name');
      expect(message).toContain('\'externalHosts[3].port\' must be a port number from 1 to 65535 (received: 70000)');
    });

    test('fails on an allow target port outside 1..65535, naming the namespace\'s path', () => {
      const { ns } = build();
      expect(errorOf(() => ns.allow({ from: [MeshPeer.namespace('web')], targetPorts: [0] })))
        .toContain('ZeroTrustNamespace \'test/zt\': \'allow(0).targetPorts[0]\' must be a port number from 1 to 65535 (received: 0)');
    });

    test('from plain JavaScript, fails on the waypoint prop of earlier releases, now createWaypoint', () => {
      expect(errorOf(() => build({ dataplane: DataPlaneMode.AMBIENT, waypoint: true } as any)))
        .toContain('\'waypoint\' was renamed createWaypoint (the field waypoint is the Waypoint it creates) (received: true). Write createWaypoint: true instead of waypoint.');
    });

    test('fails on a malformed namespace where the peer is made', () => {
      expect(errorOf(() => MeshPeer.namespace('Web'))).toContain('MeshPeer.namespace: \'namespace\' must be a namespace name');
    });

    test('fails on egress namespaces that are not DNS labels', () => {
      expect(errorOf(() => build({ egressNamespaces: ['db_main'] }))).toContain('\'egressNamespaces[0]\' must be a namespace name');
    });

    test('fails on one policy name for two selectors', () => {
      const { ns } = build();
      ns.allow({ selector: WorkloadSelector.labels({ app: 'a' }), policyName: 'shared', methods: [HttpMethod.GET] });
      expect(errorOf(() => ns.allow({ selector: WorkloadSelector.labels({ app: 'b' }), policyName: 'shared', methods: [HttpMethod.GET] })))
        .toContain('\'allow(1).policyName\' names a policy that selects other workloads');
    });

    test('with networkPolicy, fails on a source without a single namespace', () => {
      const { ns } = build({ networkPolicy: true });
      expect(errorOf(() => ns.allow({ from: [MeshPeer.anyAuthenticated()] }))).toContain('names no single namespace, which the NetworkPolicy needs');
      expect(errorOf(() => ns.allow({ methods: [HttpMethod.GET] }))).toContain('names no source namespace, which the NetworkPolicy needs');
    });
  });

  describe('callers (from: MeshPeer[])', () => {
    test('renders identities as one source of principals and namespaces as another, so either kind matches', () => {
      const { ns, synth } = build();
      ns.allow({ from: [MeshPeer.identity(Identity.fromNames('web', 'frontend')), MeshPeer.namespace('monitoring')], methods: [HttpMethod.GET] });
      expect(find(synth(), 'AuthorizationPolicy', 'allow').spec.rules).toEqual([{
        from: [{ source: { principals: ['cluster.local/ns/web/sa/frontend'] } }, { source: { namespaces: ['monitoring'] } }],
        to: [{ operation: { methods: ['GET'] } }],
      }]);
    });

    test('names a MeshService and a gateway by the principals of their pods, a namespace pattern by source.namespaces', () => {
      const scope = chart();
      const { ns, synth } = build({}, scope);
      const web = new MeshService(new Chart(scope.node.scope as any, 'web', { namespace: 'web' }), 'frontend', { image: 'web:1', ports: [{ number: 80, protocol: Protocol.HTTP }] });
      const ingress = new IngressGateway(scope, 'public', { namespace: 'istio-system', httpServers: [{ hosts: ['shop.example.com'] }] });
      ns.allow({ from: [MeshPeer.service(web), MeshPeer.gateway(ingress), MeshPeer.namespace('team-*')], targetPorts: [8080] });
      expect(find(synth(), 'AuthorizationPolicy', 'allow').spec.rules[0]).toEqual({
        from: [
          { source: { principals: ['cluster.local/ns/web/sa/frontend', 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'] } },
          { source: { namespaces: ['team-*'] } },
        ],
        to: [{ operation: { ports: ['8080'] } }],
      });
    });

    test('from plain JavaScript, fails on an Identity, a string, and the props of earlier releases, naming the path and the fix', () => {
      const { ns } = build();
      const message = errorOf(() => ns.allow({ from: [Identity.fromNames('web', 'frontend'), 'monitoring'], fromNamespaces: ['batch'], ports: [8080] } as any));
      expect(message).toContain('ZeroTrustNamespace \'test/zt\' has 4 problems');
      expect(message).toContain('\'allow(0).fromNamespaces\' was replaced by from (received: ["batch"]). Name the namespaces in from: MeshPeer.namespace(\'batch\').');
      expect(message).toContain('\'allow(0).ports\' was renamed targetPorts');
      expect(message).toContain('\'allow(0).from[0]\' must be a MeshPeer (received: {');
      expect(message).toContain('Wrap it: MeshPeer.identity(identity).');
      expect(message).toContain('\'allow(0).from[1]\' must be a MeshPeer (received: "monitoring"). Write MeshPeer.namespace(\'monitoring\')');
    });
  });

  describe('allow-waypoints (ambient)', () => {
    test('exists before validation starts, so cdk8s validates it like any other object', () => {
      const app = Testing.app();
      const scope = new Chart(app, 'shop', { namespace: 'shop' });
      const ns = new ZeroTrustNamespace(scope, 'zt', { dataplane: DataPlaneMode.AMBIENT, createWaypoint: true });
      const policy = ns.waypointAccessPolicy!;
      expect(app.node.findAll()).toContain(policy);
      policy.node.addValidation({ validate: () => ['allow-waypoints was validated'] });
      expect(errorOf(() => app.synth())).toContain('[shop/zt/AllowWaypoints] allow-waypoints was validated');
    });

    test('is made with the first waypoint of the namespace, wherever it is created, and lists them in the order of the construct tree', () => {
      const app = Testing.app();
      const early = new Chart(app, 'early', { namespace: 'shop' });
      const scope = new Chart(app, 'shop', { namespace: 'shop' });
      const ns = new ZeroTrustNamespace(scope, 'zt', { dataplane: DataPlaneMode.AMBIENT });
      expect(ns.waypointAccessPolicy).toBeUndefined();
      new Waypoint(scope, 'late', { metadata: { name: 'late' } });
      new Waypoint(early, 'first', { metadata: { name: 'first', namespace: 'shop' } });
      new Waypoint(early, 'elsewhere', { metadata: { name: 'elsewhere', namespace: 'other' } });
      expect(find(Testing.synth(scope), 'AuthorizationPolicy', 'allow-waypoints').spec.rules[0].from[0].source.principals)
        .toEqual(['cluster.local/ns/shop/sa/first', 'cluster.local/ns/shop/sa/late']);
    });

    test('writes the same manifests as when it was made at synth (allow() rules, a MeshService waypoint, a waypoint of an earlier chart)', () => {
      const app = Testing.app();
      SynthAnalysis.disable(app);
      const early = new Chart(app, 'early', { namespace: 'shop' });
      const scope = new Chart(app, 'shop', { namespace: 'shop' });
      const ns = new ZeroTrustNamespace(scope, 'shop', { dataplane: DataPlaneMode.AMBIENT, createWaypoint: true, networkPolicy: true });
      ns.allow({ from: [MeshPeer.identity(Identity.fromNames('front', 'web'))], targetPorts: [8080] });
      const api = new MeshService(scope, 'api', {
        image: 'registry.example.com/api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }], dataplane: DataPlaneMode.AMBIENT,
      });
      new Waypoint(early, 'extra', { metadata: { name: 'extra', namespace: 'shop' } });
      ns.allow({ from: [MeshPeer.identity(Identity.fromNames('batch', 'jobs'))], methods: [HttpMethod.GET] });
      api.allowFrom(MeshPeer.identity(Identity.fromNames('front', 'web')), { methods: [HttpMethod.GET] });
      // Written by the release that made allow-waypoints from a validation hook.
      expect(app.synthYaml()).toBe(fs.readFileSync(path.join(__dirname, 'golden', 'zero-trust-ambient.yaml'), 'utf8'));
    });
  });

  test('matches its snapshot (an extra net)', () => {
    const { ns, synth } = build({ externalHosts: [{ host: 'api.stripe.com' }], networkPolicy: true, registryOnly: true });
    ns.allow({ from: [MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa'))], methods: [HttpMethod.GET] });
    expect(synth()).toMatchSnapshot();
  });
});
