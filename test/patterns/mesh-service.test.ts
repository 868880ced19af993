import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { errorOf, SEED_RETRIES } from './_util';
import {
  AnalysisLevel, Fault, HttpMatch, HttpMethod, Identity, IngressGateway, LoadBalancerAlgorithm, MeshAnalysis, MeshPeer, MeshService,
  MeshServiceProps, Protocol, RoutingApi, SidecarInjection, SynthAnalysis,
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

const HTTP_8080 = { number: 8080, protocol: Protocol.HTTP };

function cart(props: Partial<MeshServiceProps> = {}, scope: Chart = chart()): { service: MeshService; synth: () => any[] } {
  const service = new MeshService(scope, 'cart', { image: 'registry.example.com/cart:1.0.0', ports: [HTTP_8080], ...props });
  return { service, synth: () => Testing.synth(scope) };
}

describe('MeshService', () => {
  describe('defaults', () => {
    const { service, synth } = cart();
    const manifests = synth();

    test('creates a ServiceAccount named after the service and runs the pods as it', () => {
      expect(find(manifests, 'ServiceAccount', 'cart').metadata).toEqual({ name: 'cart', namespace: 'shop' });
      expect(find(manifests, 'Deployment', 'cart-v1').spec.template.spec.serviceAccountName).toBe('cart');
      expect(service.identity.asPrincipal).toBe('cluster.local/ns/shop/sa/cart');
    });

    test('labels the pods app and version v1 and for sidecar injection, and selects them on app and version', () => {
      const deployment = find(manifests, 'Deployment', 'cart-v1');
      expect(deployment.spec.template.metadata.labels).toMatchObject({ 'app': 'cart', 'version': 'v1', 'sidecar.istio.io/inject': 'true' });
      expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'cart', version: 'v1' } });
      expect(deployment.spec.replicas).toBe(2);
      expect(deployment.spec.template.spec.containers).toEqual([expect.objectContaining({
        name: 'cart', image: 'registry.example.com/cart:1.0.0', ports: [{ containerPort: 8080 }],
      })]);
      expect(service.deployment).toBe(service.deploymentOf('v1'));
    });

    test('creates a Service that selects on app only, with the Istio port name and appProtocol', () => {
      const svc = find(manifests, 'Service', 'cart');
      expect(svc.spec.selector).toEqual({ app: 'cart' });
      expect(svc.spec.ports).toEqual([{ name: 'http', appProtocol: 'http', port: 8080, targetPort: 8080 }]);
    });

    test('creates a DestinationRule for the Service with a subset for the version and no traffic policy', () => {
      expect(find(manifests, 'DestinationRule', 'cart').spec).toEqual({
        host: 'cart',
        subsets: [{ name: 'v1', labels: { version: 'v1' } }],
      });
    });

    test('routes every request to the first version with no retries field, so Istio\'s own retry default applies', () => {
      expect(find(manifests, 'VirtualService', 'cart').spec).toEqual({
        hosts: ['cart'],
        http: [{ route: [{ destination: { host: 'cart', subset: 'v1' } }] }],
      });
    });

    test('retries on 5xx only when asked, and the analysis warns about the POSTs such a route repeats', () => {
      const out = cart({ retries: SEED_RETRIES }).synth();
      expect(find(out, 'VirtualService', 'cart').spec.http[0].retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset,connect-failure' });
      expect(MeshAnalysis.analyze(out).active.filter((f) => f.code === 'CI0030').map((f) => f.resource)).toEqual(['VirtualService shop/cart']);
      expect(MeshAnalysis.analyze(manifests).active.filter((f) => f.code === 'CI0030')).toEqual([]);
    });

    test('creates no AuthorizationPolicy until allowFrom is called', () => {
      expect(kinds(manifests, 'AuthorizationPolicy')).toEqual([]);
      expect(service.authorizationPolicy).toBeUndefined();
    });

    test('puts every object in the chart\'s namespace', () => {
      expect(manifests.map((o) => o.metadata.namespace)).toEqual(manifests.map(() => 'shop'));
      expect(service.namespace).toBe('shop');
    });

    test('leaves the mesh analysis nothing to warn about', () => {
      const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } };
      const report = MeshAnalysis.analyze([namespace, ...manifests]);
      expect(report.active.filter((f) => f.level !== AnalysisLevel.INFO)).toEqual([]);
    });

    test('matches its snapshot', () => {
      expect(manifests).toMatchSnapshot();
    });
  });

  describe('props', () => {
    test('takes its name and namespace from props over the id and the chart', () => {
      const scope = chart('other');
      new MeshService(scope, 'id', { name: 'orders', namespace: 'sales', image: 'orders:1', ports: [HTTP_8080] });
      const manifests = Testing.synth(scope);
      expect(manifests.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
        'Deployment/sales/orders-v1', 'DestinationRule/sales/orders', 'Service/sales/orders', 'ServiceAccount/sales/orders', 'VirtualService/sales/orders',
      ]);
    });

    test('works in a namespace created by the same app', () => {
      const scope = chart(null);
      const ns = new kplus.Namespace(scope, 'ns', { metadata: { name: 'payments', labels: { 'istio-injection': 'enabled' } } });
      const service = new MeshService(scope, 'api', { namespace: ns.name, image: 'api:1', ports: [HTTP_8080] });
      const manifests = Testing.synth(scope);
      expect(find(manifests, 'VirtualService', 'api').metadata.namespace).toBe('payments');
      expect(service.identity.asPrincipal).toBe('cluster.local/ns/payments/sa/api');
    });

    // istiod requires a subset name to be a DNS-1123 label (validateSubsetName, istio/istio 1.30.3
    // pkg/config/validation/validation.go): the subset is the version lower-cased, '.' and '_' as '-'.
    test('names the first version and its subset after version, the subset as a DNS label', () => {
      const manifests = cart({ version: '2024.1_rc' }).synth();
      const deployment = find(manifests, 'Deployment', 'cart-2024.1-rc');
      expect(deployment.spec.template.metadata.labels.version).toBe('2024.1_rc');
      expect(find(manifests, 'DestinationRule', 'cart').spec.subsets).toEqual([{ name: '2024-1-rc', labels: { version: '2024.1_rc' } }]);
      expect(find(manifests, 'VirtualService', 'cart').spec.http[0].route).toEqual([{ destination: { host: 'cart', subset: '2024-1-rc' } }]);
    });

    test('keeps a version that is a DNS label as its subset name, and splits over derived names', () => {
      const { service, synth } = cart({ version: 'v1' });
      service.addVersion('V2.0', 'cart:2');
      service.splitTraffic({ 'v1': 90, 'V2.0': 10 });
      const manifests = synth();
      expect(find(manifests, 'DestinationRule', 'cart').spec.subsets.map((x: any) => [x.name, x.labels.version])).toEqual([['v1', 'v1'], ['v2-0', 'V2.0']]);
      expect(find(manifests, 'VirtualService', 'cart').spec.http[0].route.map((r: any) => [r.destination.subset, r.weight])).toEqual([['v1', 90], ['v2-0', 10]]);
    });

    test('fails on a version whose subset name another version already has', () => {
      const { service } = cart({ version: '1.2' });
      expect(errorOf(() => service.addVersion('1-2', 'cart:2')))
        .toContain('\'version\' would route as \'1-2\', as version \'1.2\' does: both DestinationRule subsets would have that name (a subset name is a DNS label) (received: "1-2")');
      const gateway = cart({ version: '1.2', routing: RoutingApi.GATEWAY_API }, chart()).service;
      expect(errorOf(() => gateway.addVersion('1-2', 'cart:2'))).toContain('both Services would be named \'cart-1-2\'');
    });

    test('sets replicas, command, args, env, resources and the security context of the container', () => {
      const manifests = cart({
        replicas: 3,
        env: { LOG_LEVEL: 'debug' },
        command: ['/app/cart'],
        args: ['--port', '8080'],
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { limit: Size.mebibytes(256) } },
        securityContext: { user: 1000, group: 1000, readOnlyRootFilesystem: false },
      }).synth();
      const deployment = find(manifests, 'Deployment', 'cart-v1');
      const container = deployment.spec.template.spec.containers[0];
      expect(deployment.spec.replicas).toBe(3);
      expect(container.env).toEqual([{ name: 'LOG_LEVEL', value: 'debug' }]);
      expect(container.command).toEqual(['/app/cart']);
      expect(container.args).toEqual(['--port', '8080']);
      expect(container.resources).toEqual({ requests: { cpu: '100m' }, limits: { memory: '256Mi' } });
      expect(container.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: false });
    });

    test.each([
      [SidecarInjection.revision('1-30-3'), { 'istio.io/rev': '1-30-3' }, ['sidecar.istio.io/inject']],
      [SidecarInjection.fromNamespace(), {}, ['sidecar.istio.io/inject', 'istio.io/rev']],
      [SidecarInjection.disabled(), { 'sidecar.istio.io/inject': 'false' }, ['istio.io/rev']],
    ])('labels the pods for sidecar injection %# as sidecarInjection says', (injection, present, absent) => {
      const labels = find(cart({ sidecarInjection: injection }).synth(), 'Deployment', 'cart-v1').spec.template.metadata.labels;
      expect(labels).toMatchObject(present);
      for (const key of absent) expect(labels).not.toHaveProperty(key);
    });

    test('uses the retries, timeout and fault it is given; attempts 0 turns retries off', () => {
      const manifests = cart({
        retries: { attempts: 0 },
        timeout: Duration.seconds(5),
        fault: Fault.abort(503, 10),
      }).synth();
      expect(find(manifests, 'VirtualService', 'cart').spec.http[0]).toEqual({
        route: [{ destination: { host: 'cart', subset: 'v1' } }],
        retries: { attempts: 0 },
        timeout: '5s',
        fault: { abort: { httpStatus: 503, percentage: { value: 10 } } },
      });
    });

    test('sets the traffic policy of the DestinationRule', () => {
      const manifests = cart({
        trafficPolicy: {
          loadBalancer: { simple: LoadBalancerAlgorithm.LEAST_REQUEST },
          connectionPool: { http: { http1MaxPendingRequests: 100 } },
          outlierDetection: { consecutive5xxErrors: 5, interval: Duration.seconds(10), baseEjectionTime: Duration.seconds(30) },
        },
      }).synth();
      expect(find(manifests, 'DestinationRule', 'cart').spec.trafficPolicy).toEqual({
        loadBalancer: { simple: 'LEAST_REQUEST' },
        connectionPool: { http: { http1MaxPendingRequests: 100 } },
        outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s' },
      });
    });

    test('runs the pods as a given service account and creates none', () => {
      const scope = chart();
      const sa = new kplus.ServiceAccount(scope, 'sa', { metadata: { name: 'shared-sa' } });
      const { service, synth } = cart({ serviceAccount: sa }, scope);
      const manifests = synth();
      expect(kinds(manifests, 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['shared-sa']);
      expect(find(manifests, 'Deployment', 'cart-v1').spec.template.spec.serviceAccountName).toBe('shared-sa');
      expect(service.identity.asPrincipal).toBe('cluster.local/ns/shop/sa/shared-sa');
    });

    test('renders its identity in the given trust domain', () => {
      expect(cart({ trustDomain: 'example.org' }).service.identity.asPrincipal).toBe('example.org/ns/shop/sa/cart');
    });

    test('adopts an existing Deployment: labels its pods and takes its version and service account', () => {
      const scope = chart();
      const sa = new kplus.ServiceAccount(scope, 'sa', { metadata: { name: 'legacy-sa' } });
      const existing = new kplus.Deployment(scope, 'legacy', {
        metadata: { name: 'legacy' },
        serviceAccount: sa,
        podMetadata: { labels: { version: 'v7' } },
        containers: [{ image: 'legacy:7', portNumber: 8080 }],
      });
      const service = new MeshService(scope, 'cart', { deployment: existing, ports: [HTTP_8080] });
      const manifests = Testing.synth(scope);
      expect(service.deployment).toBe(existing);
      expect(service.version).toBe('v7');
      expect(kinds(manifests, 'Deployment').map((o) => o.metadata.name)).toEqual(['legacy']);
      expect(find(manifests, 'Deployment', 'legacy').spec.template.metadata.labels).toMatchObject({ 'app': 'cart', 'version': 'v7', 'sidecar.istio.io/inject': 'true' });
      expect(kinds(manifests, 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['legacy-sa']);
      expect(service.identity.asPrincipal).toBe('cluster.local/ns/shop/sa/legacy-sa');
      expect(find(manifests, 'DestinationRule', 'cart').spec.subsets).toEqual([{ name: 'v7', labels: { version: 'v7' } }]);
    });

    test('gives an adopted Deployment without a service account the identity of default', () => {
      const scope = chart();
      const existing = new kplus.Deployment(scope, 'legacy', { containers: [{ image: 'legacy:7', portNumber: 8080 }] });
      const service = new MeshService(scope, 'cart', { deployment: existing, ports: [HTTP_8080] });
      expect(service.identity.asPrincipal).toBe('cluster.local/ns/shop/sa/default');
      expect(kinds(Testing.synth(scope), 'ServiceAccount')).toEqual([]);
    });
  });

  describe('ports', () => {
    test('names each port after its protocol, prefixing names that lack it, and sets appProtocol', () => {
      const manifests = cart({
        ports: [
          { number: 8080, protocol: Protocol.HTTP, name: 'web' },
          { number: 8081, protocol: Protocol.HTTP2 },
          { number: 9000, protocol: Protocol.GRPC, name: 'grpc-api' },
          { number: 9001, protocol: Protocol.GRPC_WEB },
          { number: 5432, protocol: Protocol.TCP, name: 'db', targetPort: 15432 },
          { number: 8443, protocol: Protocol.TLS },
          { number: 27017, protocol: Protocol.MONGO },
        ],
      }).synth();
      expect(find(manifests, 'Service', 'cart').spec.ports).toEqual([
        { name: 'http-web', appProtocol: 'http', port: 8080, targetPort: 8080 },
        { name: 'http2', appProtocol: 'http2', port: 8081, targetPort: 8081 },
        { name: 'grpc-api', appProtocol: 'grpc', port: 9000, targetPort: 9000 },
        { name: 'grpc-web', appProtocol: 'grpc-web', port: 9001, targetPort: 9001 },
        { name: 'tcp-db', appProtocol: 'tcp', port: 5432, targetPort: 15432 },
        { name: 'tls', appProtocol: 'tls', port: 8443, targetPort: 8443 },
        { name: 'mongo', appProtocol: 'mongo', port: 27017, targetPort: 27017 },
      ]);
      expect(find(manifests, 'Deployment', 'cart-v1').spec.template.spec.containers[0].ports.map((p: any) => p.containerPort))
        .toEqual([8080, 8081, 9000, 9001, 15432, 8443, 27017]);
    });

    test('reads the protocol from a name that follows Istio\'s convention', () => {
      const manifests = cart({ ports: [{ number: 9000, name: 'grpc-web-ui' }, { number: 3306, name: 'mysql' }] }).synth();
      expect(find(manifests, 'Service', 'cart').spec.ports).toEqual([
        { name: 'grpc-web-ui', appProtocol: 'grpc-web', port: 9000, targetPort: 9000 },
        { name: 'mysql', appProtocol: 'mysql', port: 3306, targetPort: 3306 },
      ]);
    });

    // Istio reads a port name's prefix (`grpc-web` first, else up to the first '-'): pkg/config/kube/conversion.go, istio/istio 1.30.3.
    test.each([
      ['http', 'http', 'http'], ['http-web', 'http', 'http'], ['http2', 'http2', 'http'], ['grpc', 'grpc', 'http'], ['grpc-api', 'grpc', 'http'],
      ['grpc-web', 'grpc-web', 'http'], ['grpc-web-ui', 'grpc-web', 'http'], ['https', 'https', 'tcp'], ['tls', 'tls', 'tcp'],
      ['tcp-db', 'tcp', 'tcp'], ['mongo', 'mongo', 'tcp'], ['mysql', 'mysql', 'tcp'], ['redis', 'redis', 'tcp'], ['udp-dns', 'udp', 'none'],
    ])('a port named %s has appProtocol %s and %s routing', (name, appProtocol, routing) => {
      // A UDP port rides beside a TCP one: the sidecars carry no UDP.
      const manifests = cart({ ports: [{ number: 7000, name }, ...(routing === 'none' ? [{ number: 5432, protocol: Protocol.TCP }] : [])] }).synth();
      const port = find(manifests, 'Service', 'cart').spec.ports[0];
      expect(port.appProtocol).toBe(appProtocol);
      expect(port.protocol).toBe(routing === 'none' ? 'UDP' : undefined);
      const vs = find(manifests, 'VirtualService', 'cart').spec;
      if (routing === 'none') {
        expect(vs.http).toBeUndefined();
        expect(JSON.stringify(vs)).not.toContain('7000');
      } else {
        expect(vs.http !== undefined ? 'http' : vs.tcp !== undefined ? 'tcp' : 'none').toBe(routing);
      }
    });

    test.each(['web', 'http_proxy', 'grpcweb', 'udp_dns'])('a port named %s says no protocol Istio reads', (name) => {
      expect(errorOf(() => cart({ ports: [{ number: 7000, name }] }))).toContain('\'ports[0].protocol\' must be given: Istio cannot tell the protocol of port 7000');
    });

    test('from JavaScript, a protocol Istio knows but Protocol lacks is taken as Istio names it, HTTP_PROXY is not', () => {
      expect(find(cart({ ports: [{ number: 6379, protocol: 'REDIS' as any }] }).synth(), 'Service', 'cart').spec.ports[0])
        .toEqual({ name: 'redis', appProtocol: 'redis', port: 6379, targetPort: 6379 });
      expect(errorOf(() => cart({ ports: [{ number: 3128, protocol: 'HTTP_PROXY' as any }] }))).toContain('\'ports[0].protocol\' must be a member of Protocol');
      expect(errorOf(() => cart({ ports: [{ number: 3128, protocol: 'tcp-x' as any }] }))).toContain('\'ports[0].protocol\' must be a member of Protocol');
    });

    test('declares a UDP port as UDP and gives it no route', () => {
      const manifests = cart({ ports: [HTTP_8080, { number: 5353, protocol: Protocol.UDP, name: 'dns' }] }).synth();
      expect(find(manifests, 'Service', 'cart').spec.ports[1]).toEqual({ name: 'udp-dns', appProtocol: 'udp', port: 5353, targetPort: 5353, protocol: 'UDP' });
      expect(find(manifests, 'Deployment', 'cart-v1').spec.template.spec.containers[0].ports[1]).toEqual({ containerPort: 5353, protocol: 'UDP' });
      const vs = find(manifests, 'VirtualService', 'cart').spec;
      expect(vs.http).toHaveLength(1);
      expect(vs.tcp).toBeUndefined();
    });

    test('routes each port on its own, naming the port, when the service has several', () => {
      const { service, synth } = cart({ ports: [HTTP_8080, { number: 9090, protocol: Protocol.GRPC }, { number: 6379, name: 'redis' }] });
      service.addVersion('v2', 'registry.example.com/cart:2.0.0');
      service.splitTraffic({ v1: 80, v2: 20 });
      const vs = find(synth(), 'VirtualService', 'cart').spec;
      const split = (port: number) => [
        { destination: { host: 'cart', subset: 'v1', port: { number: port } }, weight: 80 },
        { destination: { host: 'cart', subset: 'v2', port: { number: port } }, weight: 20 },
      ];
      expect(vs.http).toEqual([
        { match: [{ port: 8080 }], route: split(8080) },
        { match: [{ port: 9090 }], route: split(9090) },
      ]);
      expect(vs.tcp).toEqual([{ match: [{ port: 6379 }], route: split(6379) }]);
      expect(service.httpRoutes).toHaveLength(2);
      expect(service.tcpRoutes).toHaveLength(1);
    });

    test('leaves the mesh analysis nothing to warn about with several ports, versions and a policy', () => {
      const { service, synth } = cart({ ports: [HTTP_8080, { number: 9090, protocol: Protocol.GRPC }, { number: 6379, name: 'redis' }] });
      service.addVersion('v2', 'cart:2');
      service.splitTraffic({ v1: 50, v2: 50 });
      service.allowFrom(MeshPeer.namespace('shop'), { ports: [8080] });
      const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } };
      const report = MeshAnalysis.analyze([namespace, ...synth()]);
      expect(report.active.filter((f) => f.level !== AnalysisLevel.INFO)).toEqual([]);
    });

    test('routes a TCP-only service with a TCP route and no retries', () => {
      const vs = find(cart({ ports: [{ number: 5432, protocol: Protocol.TCP }] }).synth(), 'VirtualService', 'cart').spec;
      expect(vs).toEqual({ hosts: ['cart'], tcp: [{ route: [{ destination: { host: 'cart', subset: 'v1' } }] }] });
    });
  });

  describe('workload', () => {
    const container = (objects: any[], name = 'cart-v1') => find(objects, 'Deployment', name).spec.template.spec.containers[0];

    test('asks for 100m CPU and 128Mi by default, not cdk8s-plus\'s 1 CPU and 512Mi, so a small cluster schedules it', () => {
      expect(container(cart().synth()).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    });

    test('probes readiness with a TCP socket on the first TCP-carried target port by default', () => {
      expect(container(cart().synth()).readinessProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 8080 } });
      const { synth } = cart({ ports: [{ number: 53, protocol: Protocol.UDP }, { number: 80, targetPort: 8081, protocol: Protocol.GRPC }] });
      expect(container(synth()).readinessProbe.tcpSocket).toEqual({ port: 8081 });
    });

    test('defaultReadinessProbe: false leaves the probe out; readiness replaces it', () => {
      expect(container(cart({ defaultReadinessProbe: false }).synth()).readinessProbe).toBeUndefined();
      const probe = container(cart({ readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }) }).synth()).readinessProbe;
      expect(probe.httpGet).toEqual({ path: '/healthz', port: 8080, scheme: 'HTTP' });
    });

    test('takes resources, imagePullPolicy, liveness and startup probes, env values, volumes and the Deployment name', () => {
      const config = kplus.Volume.fromEmptyDir(chart(), 'v', 'cache');
      const { service, synth } = cart({
        resources: { cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) } },
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        liveness: kplus.Probe.fromHttpGet('/live', { port: 8080 }),
        startup: kplus.Probe.fromTcpSocket({ port: 8080 }),
        env: { MODE: 'prod' },
        envVariables: { TOKEN: kplus.EnvValue.fromValue('t') },
        volumeMounts: [{ path: '/cache', volume: config }],
        deploymentName: 'cart-stable',
      });
      service.addVersion('v2', 'registry.example.com/cart:2.0.0');
      const out = synth();
      const c = container(out, 'cart-stable');
      expect(c.resources).toEqual({ requests: { cpu: '250m' }, limits: { cpu: '500m' } });
      expect(c.imagePullPolicy).toBe('IfNotPresent');
      expect(c.livenessProbe.httpGet.path).toBe('/live');
      expect(c.startupProbe.tcpSocket).toEqual({ port: 8080 });
      expect(c.env).toEqual([{ name: 'MODE', value: 'prod' }, { name: 'TOKEN', value: 't' }]);
      expect(c.volumeMounts).toEqual([{ mountPath: '/cache', name: 'cache' }]);
      expect(find(out, 'Deployment', 'cart-stable').spec.template.spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);
      // the second version shares the rest, but not the first one's Deployment name
      expect(container(out, 'cart-v2').imagePullPolicy).toBe('IfNotPresent');
    });

    test('createVirtualService and createDestinationRule: false leave the routing objects to another owner', () => {
      const { service, synth } = cart({ createVirtualService: false, createDestinationRule: false });
      service.addVersion('v2', 'registry.example.com/cart:2.0.0');
      const out = synth();
      expect(kinds(out, 'VirtualService')).toEqual([]);
      expect(kinds(out, 'DestinationRule')).toEqual([]);
      expect(service.virtualService).toBeUndefined();
      expect(service.httpRoutes).toEqual([]);
      expect(errorOf(() => service.splitTraffic({ v1: 50, v2: 50 }))).toContain('\'createVirtualService\' is false, so the service has no routes to split traffic with');
      const { synth: vsOnly } = cart({ createDestinationRule: true, createVirtualService: false });
      expect(kinds(vsOnly(), 'DestinationRule')).toHaveLength(1);
    });

    test('fails on what the objects left out would carry, and on a bad Deployment name', () => {
      expect(errorOf(() => cart({ createDestinationRule: false }))).toContain('\'createDestinationRule\' is false, but the VirtualService the service creates routes to the DestinationRule\'s version subsets');
      expect(errorOf(() => cart({ createVirtualService: false, retries: SEED_RETRIES }))).toContain('\'retries\' belongs to the VirtualService, which createVirtualService: false leaves out');
      expect(errorOf(() => cart({ deploymentName: 'Cart_V1' }))).toContain('\'deploymentName\' must be a DNS-1123 subdomain');
      const { service } = cart({ deploymentName: 'cart-v2' });
      expect(errorOf(() => service.addVersion('v2', 'registry.example.com/cart:2.0.0'))).toContain('\'options.deploymentName\' names a Deployment the service already has (received: "cart-v2")');
    });

    test('from JavaScript, a non-string deploymentName fails with the prop named', () => {
      expect(errorOf(() => cart({ deploymentName: 42 as any }))).toContain('\'deploymentName\' must be a DNS-1123 subdomain');
    });
  });

  describe('versions', () => {
    test('addVersion adds a Deployment with the same service account and ports, and its subset, without routing to it', () => {
      const { service, synth } = cart({ env: { MODE: 'prod' } });
      const v2 = service.addVersion('v2', 'registry.example.com/cart:2.0.0', { replicas: 1 });
      const manifests = synth();
      const deployment = find(manifests, 'Deployment', 'cart-v2');
      expect(v2).toBe(service.deploymentOf('v2'));
      expect(deployment.spec.replicas).toBe(1);
      expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'cart', version: 'v2' } });
      expect(deployment.spec.template.metadata.labels).toMatchObject({ 'app': 'cart', 'version': 'v2', 'sidecar.istio.io/inject': 'true' });
      expect(deployment.spec.template.spec.serviceAccountName).toBe('cart');
      expect(deployment.spec.template.spec.containers[0]).toMatchObject({
        image: 'registry.example.com/cart:2.0.0', ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }],
      });
      expect(find(manifests, 'DestinationRule', 'cart').spec.subsets).toEqual([
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ]);
      expect(find(manifests, 'VirtualService', 'cart').spec.http[0].route).toEqual([{ destination: { host: 'cart', subset: 'v1' } }]);
      expect(service.versions).toEqual(['v1', 'v2']);
    });

    test('gives a version its own subset traffic policy', () => {
      const { service, synth } = cart();
      service.addVersion('v2', 'cart:2', { trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.ROUND_ROBIN } } });
      expect(find(synth(), 'DestinationRule', 'cart').spec.subsets[1]).toEqual({
        name: 'v2', labels: { version: 'v2' }, trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
      });
    });

    test('splitTraffic weights the versions in the order they were added, zero weights included, and can be called again', () => {
      const { service, synth } = cart();
      service.addVersion('v2', 'cart:2');
      service.addVersion('v3', 'cart:3');
      service.splitTraffic({ v3: 10, v1: 90, v2: 0 });
      service.splitTraffic({ v3: 50, v1: 50, v2: 0 });
      expect(find(synth(), 'VirtualService', 'cart').spec.http[0].route).toEqual([
        { destination: { host: 'cart', subset: 'v1' }, weight: 50 },
        { destination: { host: 'cart', subset: 'v2' }, weight: 0 },
        { destination: { host: 'cart', subset: 'v3' }, weight: 50 },
      ]);
    });

    test('splitTraffic can send everything to one version', () => {
      const { service, synth } = cart();
      service.addVersion('v2', 'cart:2');
      service.splitTraffic({ v2: 100 });
      expect(find(synth(), 'VirtualService', 'cart').spec.http[0].route).toEqual([{ destination: { host: 'cart', subset: 'v2' }, weight: 100 }]);
    });
  });

  describe('allowFrom', () => {
    test('creates one ALLOW policy named <service>-policy selecting the service\'s pods, with a rule per call', () => {
      const { service, synth } = cart();
      service.allowFrom(MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa')), { methods: [HttpMethod.GET], paths: ['/cart/*'] });
      service.allowFrom(MeshPeer.anyAuthenticated(), { paths: ['/healthz'] });
      const policy = find(synth(), 'AuthorizationPolicy', 'cart-policy');
      expect(policy.metadata.namespace).toBe('shop');
      expect(policy.spec).toEqual({
        selector: { matchLabels: { app: 'cart' } },
        action: 'ALLOW',
        rules: [
          { from: [{ source: { principals: ['cluster.local/ns/frontend/sa/frontend-sa'] } }], to: [{ operation: { methods: ['GET'], paths: ['/cart/*'] } }] },
          { from: [{ source: { principals: ['*'] } }], to: [{ operation: { paths: ['/healthz'] } }] },
        ],
      });
      expect(service.authorizationPolicy?.name).toBe('cart-policy');
    });

    test('MeshPeer.service() admits another MeshService by the principal of its service account', () => {
      const app = Testing.app();
      const web = new MeshService(new Chart(app, 'web', { namespace: 'web' }), 'frontend', { image: 'web:1', ports: [HTTP_8080] });
      const scope = new Chart(app, 'shop', { namespace: 'shop' });
      const { service, synth } = cart({}, scope);
      service.allowFrom(MeshPeer.service(web));
      expect(find(synth(), 'AuthorizationPolicy', 'cart-policy').spec.rules).toEqual([
        { from: [{ source: { principals: ['cluster.local/ns/web/sa/frontend'] } }] },
      ]);
    });

    test('MeshPeer.namespace() admits every workload of a namespace', () => {
      const { service, synth } = cart();
      service.allowFrom(MeshPeer.namespace('monitoring'), { methods: [HttpMethod.GET], paths: ['/metrics'] });
      expect(find(synth(), 'AuthorizationPolicy', 'cart-policy').spec.rules).toEqual([
        { from: [{ source: { namespaces: ['monitoring'] } }], to: [{ operation: { methods: ['GET'], paths: ['/metrics'] } }] },
      ]);
    });

    test('names the container port behind a service port, which is what Istio matches', () => {
      const { service, synth } = cart({ ports: [{ number: 80, protocol: Protocol.HTTP, targetPort: 8080 }] });
      service.allowFrom(MeshPeer.identity(Identity.fromNames('a', 'b')), { ports: [80] });
      expect(find(synth(), 'AuthorizationPolicy', 'cart-policy').spec.rules[0].to).toEqual([{ operation: { ports: ['8080'] } }]);
    });

    test('MeshPeer.gateway() and MeshPeer.serviceAccount() admit the principal of the gateway\'s and the account\'s pods', () => {
      const scope = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
      const { service, synth } = cart({}, scope);
      const ingress = new IngressGateway(scope, 'public', { namespace: 'istio-system', httpServers: [{ hosts: ['shop.example.com'] }] });
      service.allowFrom(MeshPeer.gateway(ingress), { paths: ['/cart/*'] });
      service.allowFrom(MeshPeer.serviceAccount(new kplus.ServiceAccount(scope, 'jobs', { metadata: { name: 'jobs' } })));
      expect(find(synth(), 'AuthorizationPolicy', 'cart-policy').spec.rules.map((r: any) => r.from[0].source.principals)).toEqual([
        ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'], ['cluster.local/ns/shop/sa/jobs'],
      ]);
      expect(SynthAnalysis.intents(scope.node.root as any).filter((i) => i.kind === 'allow').map((i) => i.description))
        .toEqual([`${ingress.node.path} may call MeshService 'cart' (allowFrom)`, 'cluster.local/ns/shop/sa/jobs may call MeshService \'cart\' (allowFrom)']);
    });

    test('from plain JavaScript, fails on what is not a MeshPeer, naming the path, the value and the call that makes one', () => {
      const { service } = cart();
      expect(errorOf(() => service.allowFrom('monitoring' as any))).toBe(
        'MeshService \'test/cart\': \'peer\' must be a MeshPeer (received: "monitoring"). Write MeshPeer.namespace(\'monitoring\') for every workload '
        + 'of that namespace, or MeshPeer.identity(Identity.fromNames(\'monitoring\', \'<service account>\')) for one service account.');
      expect(errorOf(() => service.allowFrom('cluster.local/ns/a/sa/b' as any))).toContain('Write MeshPeer.identity(Identity.principal(\'cluster.local/ns/a/sa/b\')).');
      expect(errorOf(() => service.allowFrom(Identity.fromNames('a', 'b') as any))).toContain('\'peer\' must be a MeshPeer (received: {');
      expect(errorOf(() => service.allowFrom(Identity.fromNames('a', 'b') as any))).toContain('Wrap it: MeshPeer.identity(identity).');
      expect(errorOf(() => service.allowFrom(service as any))).toContain('(received: MeshService \'test/cart\'). Wrap it: MeshPeer.service(service).');
      expect(errorOf(() => MeshPeer.service('frontend' as any))).toContain('MeshPeer.service: \'service\' must be a MeshService or another IMeshWorkload');
      expect(errorOf(() => MeshPeer.identity('frontend' as any))).toContain('MeshPeer.identity: \'identity\' must be an Identity');
    });

    test('takes the policy name from policyName', () => {
      const { service, synth } = cart({ policyName: 'cart-allow' });
      service.allowFrom(MeshPeer.namespace('shop'));
      expect(find(synth(), 'AuthorizationPolicy', 'cart-allow').spec.selector).toEqual({ matchLabels: { app: 'cart' } });
    });
  });

  describe('changes after construction', () => {
    test('keeps changes made through the fields in the manifests', () => {
      const { service, synth } = cart();
      service.httpRoutes[0].addMatch(HttpMatch.prefix('/cart'));
      service.destinationRule!.addSubset({ name: 'canary', labels: { track: 'canary' } });
      service.service.metadata.addAnnotation('team', 'shop');
      service.deployment.podMetadata.addLabel('tier', 'backend');
      service.allowFrom(MeshPeer.namespace('shop'));
      service.authorizationPolicy!.metadata.addLabel('owner', 'shop');
      const manifests = synth();
      expect(find(manifests, 'VirtualService', 'cart').spec.http[0].match).toEqual([{ uri: { prefix: '/cart' } }]);
      expect(find(manifests, 'DestinationRule', 'cart').spec.subsets[1]).toEqual({ name: 'canary', labels: { track: 'canary' } });
      expect(find(manifests, 'Service', 'cart').metadata.annotations).toEqual({ team: 'shop' });
      expect(find(manifests, 'Deployment', 'cart-v1').spec.template.metadata.labels.tier).toBe('backend');
      expect(find(manifests, 'AuthorizationPolicy', 'cart-policy').metadata.labels).toEqual({ owner: 'shop' });
    });
  });

  describe('errors', () => {
    test('fails on a port without a protocol that its name does not tell', () => {
      expect(errorOf(() => cart({ ports: [{ number: 9090, name: 'metrics' }] })))
        .toContain('\'ports[0].protocol\' must be given: Istio cannot tell the protocol of port 9090 from the name \'metrics\'');
      expect(errorOf(() => cart({ ports: [{ number: 9090 }] }))).toContain('from an unnamed port');
    });

    test('fails on a name that says another protocol than the one given', () => {
      expect(errorOf(() => cart({ ports: [{ number: 9090, protocol: Protocol.GRPC, name: 'http-api' }] })))
        .toContain('\'ports[0].name\' starts with \'http\', which tells Istio another protocol than GRPC (received: "http-api"). Name it \'grpc-api\'');
    });

    test('fails on duplicate port names and numbers', () => {
      expect(errorOf(() => cart({ ports: [HTTP_8080, { number: 8081, protocol: Protocol.HTTP }] }))).toContain('\'ports\' must not name two ports \'http\'');
      expect(errorOf(() => cart({ ports: [HTTP_8080, { number: 8080, protocol: Protocol.TCP }] }))).toContain('\'ports\' must not hold port number 8080 twice');
    });

    test('fails on port numbers out of range, malformed names, and no ports', () => {
      expect(errorOf(() => cart({ ports: [{ number: 70000, protocol: Protocol.HTTP }] }))).toContain('\'ports[0].number\' must be a port number from 1 to 65535');
      expect(errorOf(() => cart({ ports: [{ number: 80, protocol: Protocol.HTTP, name: 'Web_UI' }] }))).toContain('\'ports[0].name\' must be a DNS label');
      expect(errorOf(() => cart({ ports: [] }))).toContain('\'ports\' must hold at least one port');
      expect(errorOf(() => cart({ ports: [{ number: 53, protocol: Protocol.UDP }] }))).toContain('must hold a port Istio proxies');
    });

    test('fails on a version that is not a Kubernetes label value', () => {
      expect(errorOf(() => cart({ version: 'v1 beta' })))
        .toContain('\'version\' must be a Kubernetes label value: at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit (received: "v1 beta")');
      expect(errorOf(() => cart({ version: '-v1' }))).toContain('\'version\' must be a Kubernetes label value');
    });

    test('fails on an empty image, and on neither image nor deployment', () => {
      expect(errorOf(() => cart({ image: '' }))).toContain('\'image\' must be a container image reference, not empty and without spaces (received: "")');
      expect(errorOf(() => new MeshService(chart(), 'cart', { ports: [HTTP_8080] }))).toContain('\'image\' must be a container image reference');
    });

    test('fails on an image together with an adopted Deployment, and on a service account with one', () => {
      const scope = chart();
      const existing = new kplus.Deployment(scope, 'legacy', { containers: [{ image: 'legacy:7' }] });
      expect(errorOf(() => new MeshService(scope, 'a', { deployment: existing, image: 'x:1', ports: [HTTP_8080] })))
        .toContain('\'image\' cannot be set together with \'deployment\'');
      const sa = kplus.ServiceAccount.fromServiceAccountName(scope, 'sa', 'other');
      expect(errorOf(() => new MeshService(scope, 'b', { deployment: existing, serviceAccount: sa, ports: [HTTP_8080] })))
        .toContain('\'serviceAccount\' cannot be set together with \'deployment\'');
    });

    test('fails on an adopted Deployment that selects its pods on another app label', () => {
      const scope = chart();
      const existing = new kplus.Deployment(scope, 'legacy', { select: false, containers: [{ image: 'legacy:7' }] });
      existing.select(kplus.LabelSelector.of({ labels: { app: 'legacy' } }));
      expect(errorOf(() => new MeshService(scope, 'cart', { deployment: existing, ports: [HTTP_8080] })))
        .toContain('\'deployment\' selects its pods on app=legacy');
    });

    test('fails without a namespace, and on a name that cannot name a Service', () => {
      expect(errorOf(() => cart({}, chart(null)))).toContain('\'namespace\' must be given, or the chart must have a namespace');
      expect(errorOf(() => cart({ name: 'Cart_Service' }))).toContain('\'name\' must be a DNS-1123 label: at most 63');
    });

    test('fails on retries, timeout or fault for a service without an HTTP port', () => {
      expect(errorOf(() => cart({ ports: [{ number: 5432, protocol: Protocol.TCP }], timeout: Duration.seconds(1) })))
        .toContain('\'timeout\' applies to HTTP routes only');
    });

    test('reports every problem of the constructor at once, naming the construct path', () => {
      const message = errorOf(() => cart({ image: '', version: 'v 1', ports: [{ number: 9090 }] }));
      expect(message).toMatch(/^MeshService 'test\/cart' has 3 problems:/);
      expect(message).toContain('\'image\'');
      expect(message).toContain('\'version\'');
      expect(message).toContain('\'ports[0].protocol\'');
    });

    test('addVersion fails on an existing version, an invalid one and an empty image', () => {
      const { service } = cart();
      expect(errorOf(() => service.addVersion('v1', 'cart:2'))).toContain('MeshService \'test/cart\': \'version\' already exists (received: "v1")');
      service.addVersion('v2', 'cart:2');
      expect(errorOf(() => service.addVersion('V2', 'cart:2'))).toContain('\'version\' names the same Deployment as version \'v2\'');
      expect(errorOf(() => service.addVersion('v3!', 'cart:3'))).toContain('\'version\' must be a Kubernetes label value');
      expect(errorOf(() => service.addVersion('v3', ' '))).toContain('\'image\' must be a container image reference');
      expect(service.versions).toEqual(['v1', 'v2']);
    });

    test('splitTraffic fails on unknown versions, negative weights and all-zero weights', () => {
      const { service } = cart();
      service.addVersion('v2', 'cart:2');
      expect(errorOf(() => service.splitTraffic({ v1: 90, v3: 10 }))).toContain('\'weights.v3\' names no version of the service (received: "v3"). Use one of \'v1\', \'v2\'');
      expect(errorOf(() => service.splitTraffic({ v1: 90, V2: 10 }))).toContain('Did you mean \'v2\'?');
      expect(errorOf(() => service.splitTraffic({ v1: -10, v2: 110 }))).toContain('\'weights.v1\' must be a whole number of at least 0');
      expect(errorOf(() => service.splitTraffic({ v1: 0, v2: 0 }))).toContain('\'weights\' must not all be 0');
      expect(errorOf(() => service.splitTraffic({}))).toContain('\'weights\' must give at least one version a weight');
    });

    test('allowFrom fails on a port the service does not have', () => {
      const { service } = cart();
      expect(errorOf(() => service.allowFrom(MeshPeer.identity(Identity.fromNames('a', 'b')), { ports: [9999] })))
        .toContain('\'options.ports[0]\' must be a port of the service (received: 9999). Use one of 8080.');
      expect(service.authorizationPolicy).toBeUndefined();
    });

    test('deploymentOf fails on an unknown version', () => {
      expect(errorOf(() => cart().service.deploymentOf('v9'))).toContain('\'version\' is not a version of the service');
    });

    test('SidecarInjection.revision fails on a value that cannot be a label', () => {
      expect(errorOf(() => SidecarInjection.revision('1.30 canary'))).toContain('\'revision\' must be a Kubernetes label value');
    });
  });
});
