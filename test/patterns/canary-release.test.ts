import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { errorOf, SEED_RETRIES } from './_util';
import {
  AnalysisLevel, CanaryAction, CanaryRelease, CanaryReleaseProps, CanaryTrack, CanaryVersion, ConsistentHash, DataPlaneMode, MeshAnalysis,
  Destination, HttpMatch, MeshService, Protocol,
} from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
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
const V1 = CanaryVersion.fromImage('v1', 'registry.example.com/cart:1.0.0');
const V2 = CanaryVersion.fromImage('v2', 'registry.example.com/cart:1.1.0');
const RETRIES = { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset,connect-failure' };

function cart(props: Partial<CanaryReleaseProps> = {}, scope: Chart = chart()): { release: CanaryRelease; synth: () => any[] } {
  const release = new CanaryRelease(scope, 'cart', { ports: [HTTP_8080], stable: V1, canary: V2, ...props });
  return { release, synth: () => Testing.synth(scope) };
}

/** The weights of the VirtualService's routes, by subset. */
function weights(manifests: any[], name = 'cart'): Array<{ [subset: string]: number }> {
  return find(manifests, 'VirtualService', name).spec.http.map((r: any) =>
    Object.fromEntries(r.route.map((d: any) => [d.destination.subset, d.weight])));
}

describe('CanaryRelease', () => {
  describe('defaults', () => {
    const { release, synth } = cart();
    const manifests = synth();

    test('creates one Service that selects on app only', () => {
      expect(kinds(manifests, 'Service')).toHaveLength(1);
      expect(find(manifests, 'Service', 'cart').spec.selector).toEqual({ app: 'cart' });
      expect(release.service).toBe(release.meshService.service);
    });

    test('runs both versions as Deployments whose pods carry app and version', () => {
      expect(find(manifests, 'Deployment', 'cart-v1').spec.template.metadata.labels).toMatchObject({ app: 'cart', version: 'v1' });
      expect(find(manifests, 'Deployment', 'cart-v2').spec.template.metadata.labels).toMatchObject({ app: 'cart', version: 'v2' });
      expect(find(manifests, 'Deployment', 'cart-v2').spec.template.spec.containers[0].image).toBe('registry.example.com/cart:1.1.0');
      expect(release.stableDeployment.name).toBe('cart-v1');
      expect(release.canaryDeployment.name).toBe('cart-v2');
    });

    test('creates a DestinationRule with a subset for each version', () => {
      expect(find(manifests, 'DestinationRule', 'cart').spec).toEqual({
        host: 'cart',
        subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
      });
    });

    test('gives the canary no traffic before the first step, and sets no retries (Istio\'s default applies)', () => {
      expect(find(manifests, 'VirtualService', 'cart').spec).toEqual({
        hosts: ['cart'],
        http: [{
          route: [{ destination: { host: 'cart', subset: 'v1' }, weight: 100 }, { destination: { host: 'cart', subset: 'v2' }, weight: 0 }],
        }],
      });
      expect([release.stableWeight, release.canaryWeight, release.currentStep]).toEqual([100, 0, undefined]);
    });

    test('creates a ServiceAccount both versions run as, and nothing else', () => {
      expect(find(manifests, 'Deployment', 'cart-v2').spec.template.spec.serviceAccountName).toBe('cart');
      expect(manifests.map((o) => o.kind).sort()).toEqual(['Deployment', 'Deployment', 'DestinationRule', 'Service', 'ServiceAccount', 'VirtualService']);
    });
  });

  describe('with every option', () => {
    const manifests = cart({
      currentStep: 1,
      canaryHeader: { name: 'x-canary' },
      mirrorPercentage: 10,
      stickySessions: ConsistentHash.cookie('session'),
      ports: [HTTP_8080, { number: 9090, protocol: Protocol.GRPC }],
    }).synth();

    test('leaves the mesh analysis nothing to warn about', () => {
      const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } };
      const report = MeshAnalysis.analyze([namespace, ...manifests]);
      expect(report.active.filter((f) => f.level !== AnalysisLevel.INFO)).toEqual([]);
    });

    test('matches its snapshot', () => {
      expect(manifests).toMatchSnapshot();
    });
  });

  describe('steps', () => {
    test.each([[0, 95, 5], [1, 80, 20], [2, 50, 50], [3, 0, 100]])('step %d sends %d to stable and %d to the canary', (step, stable, canary) => {
      const { release, synth } = cart({ currentStep: step });
      expect(weights(synth())).toEqual([{ v1: stable, v2: canary }]);
      expect([release.stableWeight, release.canaryWeight]).toEqual([stable, canary]);
    });

    test('follows custom steps', () => {
      expect(weights(cart({ steps: [1, 10, 100], currentStep: 1 }).synth())).toEqual([{ v1: 90, v2: 10 }]);
    });

    test('rolls back with canaryWeight 0: every request to stable, the canary still deployed', () => {
      const manifests = cart({ canaryWeight: 0 }).synth();
      expect(weights(manifests)).toEqual([{ v1: 100, v2: 0 }]);
      expect(find(manifests, 'Deployment', 'cart-v2')).toBeDefined();
    });

    test('promotes with the last step or canaryWeight 100: every request to the canary', () => {
      expect(weights(cart({ currentStep: 3 }).synth())).toEqual([{ v1: 0, v2: 100 }]);
      expect(weights(cart({ canaryWeight: 100 }).synth())).toEqual([{ v1: 0, v2: 100 }]);
    });

    test('splits every route of a service with several ports, naming the port', () => {
      const ports = [HTTP_8080, { number: 9090, protocol: Protocol.GRPC }, { number: 5432, protocol: Protocol.TCP }];
      const { synth } = cart({ ports, currentStep: 1 });
      const spec = find(synth(), 'VirtualService', 'cart').spec;
      expect(spec.http.map((r: any) => r.route.map((d: any) => [d.destination.port.number, d.destination.subset, d.weight])))
        .toEqual([[[8080, 'v1', 80], [8080, 'v2', 20]], [[9090, 'v1', 80], [9090, 'v2', 20]]]);
      expect(spec.tcp[0].route.map((d: any) => d.weight)).toEqual([80, 20]);
    });
  });

  describe('header routing', () => {
    test('routes x-canary: true to the canary before the weighted route, with the same retries', () => {
      const { synth } = cart({ currentStep: 0, canaryHeader: { name: 'x-canary' }, retries: SEED_RETRIES });
      expect(find(synth(), 'VirtualService', 'cart').spec.http).toEqual([
        {
          match: [{ headers: { 'x-canary': { exact: 'true' } } }],
          route: [{ destination: { host: 'cart', subset: 'v2' } }],
          retries: RETRIES,
        },
        {
          route: [{ destination: { host: 'cart', subset: 'v1' }, weight: 95 }, { destination: { host: 'cart', subset: 'v2' }, weight: 5 }],
          retries: RETRIES,
        },
      ]);
    });

    test('routes the header to the canary even when rolled back, and on each port', () => {
      const { synth } = cart({ canaryWeight: 0, canaryHeader: { name: 'x-tester', value: 'yes' }, ports: [HTTP_8080, { number: 9090, protocol: Protocol.GRPC }] });
      const http = find(synth(), 'VirtualService', 'cart').spec.http;
      expect(http.slice(0, 2).map((r: any) => [r.match, r.route])).toEqual([
        [[{ headers: { 'x-tester': { exact: 'yes' } }, port: 8080 }], [{ destination: { host: 'cart', subset: 'v2', port: { number: 8080 } } }]],
        [[{ headers: { 'x-tester': { exact: 'yes' } }, port: 9090 }], [{ destination: { host: 'cart', subset: 'v2', port: { number: 9090 } } }]],
      ]);
      expect(http.slice(2).map((r: any) => r.match)).toEqual([[{ port: 8080 }], [{ port: 9090 }]]);
    });
  });

  describe('mirroring', () => {
    test('mirrors a percentage of the traffic to the canary while stable serves it', () => {
      const { synth } = cart({ canaryWeight: 0, mirrorPercentage: 25 });
      const route = find(synth(), 'VirtualService', 'cart').spec.http[0];
      expect(route.mirror).toEqual({ host: 'cart', subset: 'v2' });
      expect(route.mirrorPercentage).toEqual({ value: 25 });
      expect(route.route.map((d: any) => d.weight)).toEqual([100, 0]);
    });

    test('mirrors the weighted route, not the header route', () => {
      const http = find(cart({ currentStep: 1, mirrorPercentage: 10, canaryHeader: { name: 'x-canary' } }).synth(), 'VirtualService', 'cart').spec.http;
      expect(http[0].mirror).toBeUndefined();
      expect(http[1].mirror).toEqual({ host: 'cart', subset: 'v2' });
    });

    test('keeps the header route first when routes are added to the VirtualService later, and leaves their mirrors alone', () => {
      const { release, synth } = cart({ currentStep: 1, mirrorPercentage: 10, canaryHeader: { name: 'x-canary' } });
      release.virtualService!.addHttpRoute({ match: [HttpMatch.prefix('/legacy')], route: [Destination.to('legacy')] });
      const http = find(synth(), 'VirtualService', 'cart').spec.http;
      expect(http.map((r: any) => r.route[0].destination.host)).toEqual(['cart', 'cart', 'legacy']);
      expect(http[0].match[0].headers).toEqual({ 'x-canary': { exact: 'true' } });
      expect([http[1].mirror?.subset, http[2].mirror]).toEqual(['v2', undefined]);
    });

    test('stops mirroring once the canary is promoted', () => {
      expect(find(cart({ currentStep: 3, mirrorPercentage: 10 }).synth(), 'VirtualService', 'cart').spec.http[0].mirror).toBeUndefined();
    });
  });

  describe('sticky sessions', () => {
    test('hashes on a header in the DestinationRule', () => {
      const spec = find(cart({ stickySessions: ConsistentHash.header('x-user') }).synth(), 'DestinationRule', 'cart').spec;
      expect(spec.trafficPolicy).toEqual({ loadBalancer: { consistentHash: { httpHeaderName: 'x-user' } } });
    });

    test('hashes on a cookie, keeping the stable version\'s other traffic settings', () => {
      const stable = CanaryVersion.fromImage('v1', 'registry.example.com/cart:1.0.0', { trafficPolicy: { connectionPool: { tcp: { maxConnections: 100 } } } });
      const spec = find(cart({ stable, stickySessions: ConsistentHash.cookie('session', { ttl: Duration.hours(1) }) }).synth(), 'DestinationRule', 'cart').spec;
      expect(spec.trafficPolicy).toEqual({
        connectionPool: { tcp: { maxConnections: 100 } },
        loadBalancer: { consistentHash: { httpCookie: { name: 'session', ttl: '1h' } } },
      });
    });
  });

  describe('on an existing MeshService', () => {
    function existing(scope: Chart) {
      return new MeshService(scope, 'payments-api', { image: 'registry.example.com/payments-api:1.4.2', ports: [HTTP_8080] });
    }

    test('reuses its Service, ServiceAccount, DestinationRule and VirtualService', () => {
      const scope = chart();
      const api = existing(scope);
      const release = new CanaryRelease(scope, 'payments-canary', {
        meshService: api, canary: CanaryVersion.fromImage('v2', 'registry.example.com/payments-api:1.5.0'), currentStep: 2,
      });
      const manifests = Testing.synth(scope);
      expect(manifests.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
        'Deployment/payments-api-v1', 'Deployment/payments-api-v2', 'DestinationRule/payments-api', 'Service/payments-api',
        'ServiceAccount/payments-api', 'VirtualService/payments-api',
      ]);
      expect(weights(manifests, 'payments-api')).toEqual([{ v1: 50, v2: 50 }]);
      expect([release.meshService, release.virtualService, release.stableVersion]).toEqual([api, api.virtualService, 'v1']);
      expect(api.versions).toEqual(['v1', 'v2']);
    });

    test('releases a version the MeshService already runs', () => {
      const scope = chart();
      const api = existing(scope);
      api.addVersion('v2', 'registry.example.com/payments-api:1.5.0', { replicas: 1 });
      new CanaryRelease(scope, 'payments-canary', { meshService: api, canary: CanaryVersion.existing('v2'), canaryWeight: 10 });
      const manifests = Testing.synth(scope);
      expect(weights(manifests, 'payments-api')).toEqual([{ v1: 90, v2: 10 }]);
      expect(find(manifests, 'Deployment', 'payments-api-v2').spec.replicas).toBe(1);
    });

    test('adopts a Deployment as the stable version of a standalone release', () => {
      const scope = chart();
      const deployment = new kplus.Deployment(scope, 'legacy', {
        metadata: { name: 'cart-v1' },
        containers: [{ image: 'registry.example.com/cart:0.9.0', portNumber: 8080 }],
      });
      const { synth } = cart({ stable: CanaryVersion.fromDeployment(deployment), currentStep: 0 }, scope);
      const manifests = synth();
      expect(find(manifests, 'Deployment', 'cart-v1').spec.template.metadata.labels).toMatchObject({ app: 'cart', version: 'v1' });
      expect(weights(manifests)).toEqual([{ v1: 95, v2: 5 }]);
    });
  });

  describe('gate queries', () => {
    const { release } = cart({ currentStep: 1 });
    const labels = (v: string) => `{reporter="destination",destination_service_namespace="shop",destination_service_name="cart",destination_version="${v}"`;

    test('measures the 5xx rate as 0 when a version served requests without a 5xx, and gives no data below 100 requests', () => {
      // Without `or on() vector(0)` the 5xx series does not exist before the first 5xx: a healthy canary returns no data.
      expect(release.errorRateQuery(CanaryTrack.CANARY)).toBe(
        `((sum(rate(istio_requests_total${labels('v2')},response_code=~"5.."}[5m])) or on() vector(0)) / sum(rate(istio_requests_total${labels('v2')}}[5m])))`
        + ` and on() (sum(increase(istio_requests_total${labels('v2')}}[5m])) >= 100)`);
      expect(release.errorRateQuery(CanaryTrack.STABLE, { window: Duration.seconds(90), minRequests: 0 })).toBe(
        `(sum(rate(istio_requests_total${labels('v1')},response_code=~"5.."}[90s])) or on() vector(0)) / sum(rate(istio_requests_total${labels('v1')}}[90s]))`);
      expect(release.errorRateQuery(CanaryTrack.CANARY, { minRequests: 20 })).toContain('>= 20)');
      expect(errorOf(() => release.errorRateQuery(CanaryTrack.CANARY, { minRequests: -1 }))).toContain('\'options.minRequests\' must be a whole number of at least 0 (received: -1)');
    });

    test('in ambient mode, reads what the service\'s waypoint reports: reporter="waypoint"', () => {
      const { release: ambient } = cart({ currentStep: 1, dataplane: DataPlaneMode.AMBIENT });
      expect(ambient.errorRateQuery(CanaryTrack.CANARY)).toContain('istio_requests_total{reporter="waypoint",destination_service_namespace="shop"');
      expect(ambient.errorRateQuery(CanaryTrack.CANARY)).not.toContain('reporter="destination"');
      expect(ambient.latencyQuery(CanaryTrack.CANARY)).toContain('{reporter="waypoint",');
    });

    test('measures p99 latency from istio_request_duration_milliseconds_bucket', () => {
      expect(release.latencyQuery(CanaryTrack.CANARY)).toBe(
        `histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket${labels('v2')}}[5m])))`);
      expect(release.latencyQuery(CanaryTrack.STABLE, { quantile: 0.95, window: Duration.minutes(10) })).toBe(
        `histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket${labels('v1')}}[10m])))`);
    });

    test('rejects a quantile outside 0..1', () => {
      expect(errorOf(() => release.latencyQuery(CanaryTrack.CANARY, { quantile: 99 }))).toContain('\'options.quantile\' must be between 0 and 1 (received: 99)');
    });
  });

  describe('plan', () => {
    test('lists every step with its weights, the value to set and what changes', () => {
      const plan = cart({ currentStep: 1 }).release.plan();
      expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
      expect(plan).toMatchObject({ service: 'cart', namespace: 'shop', stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 20, stableWeight: 80, currentStep: 1 });
      expect(plan.steps.map((s) => [s.index, s.stableWeight, s.canaryWeight, s.action, s.current, s.set])).toEqual([
        [0, 95, 5, CanaryAction.SHIFT, false, 'currentStep: 0'],
        [1, 80, 20, CanaryAction.SHIFT, true, 'currentStep: 1'],
        [2, 50, 50, CanaryAction.SHIFT, false, 'currentStep: 2'],
        [3, 0, 100, CanaryAction.PROMOTE, false, 'currentStep: 3'],
      ]);
      expect(plan.steps[2].changes).toEqual(['VirtualService shop/cart: v1 80 -> 50, v2 20 -> 50']);
      expect(plan.rollback).toEqual({
        index: -1,
        canaryWeight: 0,
        stableWeight: 100,
        action: CanaryAction.ROLLBACK,
        current: false,
        set: 'canaryWeight: 0',
        changes: ['VirtualService shop/cart: v1 80 -> 100, v2 20 -> 0'],
      });
      expect(plan.gates.canaryErrorRate).toContain('destination_version="v2"');
      expect(plan.gates.stableP99LatencyMs).toContain('destination_version="v1"');
    });

    test('says when mirroring stops and resumes, and shows a rolled-back release as current', () => {
      const plan = cart({ canaryWeight: 0, mirrorPercentage: 10 }).release.plan();
      expect(plan.currentStep).toBeUndefined();
      expect(plan.rollback.current).toBe(true);
      expect(plan.rollback.changes).toEqual([]);
      expect(plan.steps[3].changes).toEqual(['VirtualService shop/cart: v1 50 -> 0, v2 50 -> 100', 'VirtualService shop/cart: mirroring to v2 stops']);
    });
  });

  describe('errors', () => {
    test.each<[string, Partial<CanaryReleaseProps>, string]>([
      ['the same version twice', { canary: CanaryVersion.fromImage('v1', 'registry.example.com/cart:1.1.0') },
        '\'canary\' must be another version than \'stable\': both would be one subset (received: "v1"). Give the canary its own version label, such as \'v2\''],
      ['steps not increasing', { steps: [5, 50, 20, 100] }, '\'steps\' must be strictly increasing, but step 2 (20) is not above the one before'],
      ['steps repeating a weight', { steps: [5, 5, 100] }, '\'steps\' must be strictly increasing'],
      ['steps not ending at 100', { steps: [5, 20, 50] }, '\'steps\' must end at 100: the last step promotes the canary (received: [5,20,50]). Add 100 as the last step, such as [5, 20, 50, 100]'],
      ['a step above 100', { steps: [50, 140] }, '\'steps[1]\' must be a whole number between 0 and 100 (received: 140)'],
      ['no steps', { steps: [] }, '\'steps\' must hold at least one step'],
      ['a step index past the list', { currentStep: 4 }, '\'currentStep\' must be the index of a step, from 0 to 3 (received: 4)'],
      ['a negative step index', { currentStep: -1 }, '\'currentStep\' must be the index of a step'],
      ['a weight above 100', { canaryWeight: 140 }, '\'canaryWeight\' must be a whole number between 0 and 100 (received: 140). Use a value from 0 to 100'],
      ['a negative weight', { canaryWeight: -5 }, '\'canaryWeight\' must be a whole number between 0 and 100 (received: -5)'],
      ['a step and a weight', { currentStep: 1, canaryWeight: 10 }, '\'currentStep\' cannot be set together with \'canaryWeight\''],
      ['a mirror percentage above 100', { mirrorPercentage: 101 }, '\'mirrorPercentage\' must be between 0 and 100 (received: 101)'],
      ['a header name that is not one', { canaryHeader: { name: 'X Canary' } }, '\'canaryHeader.name\' must be a lower-case HTTP header name'],
      ['no ports', { ports: undefined }, '\'ports\' must be given when the release creates its own service'],
      ['no stable version', { stable: undefined }, '\'stable\' must be given when the release creates its own service'],
      ['an existing version without a MeshService', { canary: CanaryVersion.existing('v2') }, '\'canary\' cannot name an existing version without \'meshService\''],
    ])('fails on %s', (_, props, fragment) => {
      const message = errorOf(() => cart(props));
      expect(message).toContain('CanaryRelease \'test/cart\'');
      expect(message).toContain(fragment);
    });

    test('fails on a canary that adopts a Deployment', () => {
      const scope = chart();
      const deployment = new kplus.Deployment(scope, 'd', { containers: [{ image: 'registry.example.com/cart:1.1.0' }] });
      expect(errorOf(() => cart({ canary: CanaryVersion.fromDeployment(deployment, 'v2') }, scope))).toContain('\'canary\' cannot adopt a Deployment');
    });

    test('collects every problem before throwing', () => {
      const message = errorOf(() => cart({ steps: [20, 5], currentStep: 7, canaryWeight: 140 }));
      expect(message).toContain('CanaryRelease \'test/cart\' has 5 problems:');
      for (const prop of ['\'steps\' must be strictly', '\'steps\' must end at 100', '\'currentStep\' cannot', '\'currentStep\' must be the index', '\'canaryWeight\'']) {
        expect(message).toContain(prop);
      }
    });

    describe('on an existing MeshService', () => {
      function setup(adjust: (api: MeshService) => void = () => {}) {
        const scope = chart();
        const api = new MeshService(scope, 'payments-api', { image: 'registry.example.com/payments-api:1.4.2', ports: [HTTP_8080] });
        adjust(api);
        return { scope, api };
      }
      const V2_PAYMENTS = CanaryVersion.fromImage('v2', 'registry.example.com/payments-api:1.5.0');

      test('fails on a Service that selects on version', () => {
        const { scope, api } = setup((a) => a.service.selectLabel('version', 'v1'));
        expect(errorOf(() => new CanaryRelease(scope, 'c', { meshService: api, canary: V2_PAYMENTS })))
          .toContain('\'meshService\' has a Service that selects on version=v1, so only that version would get traffic');
      });

      test('fails on a MeshService that creates no VirtualService: there would be no weights to set', () => {
        const scope = chart();
        const api = new MeshService(scope, 'payments-api', {
          image: 'registry.example.com/payments-api:1.4.2', ports: [HTTP_8080], createVirtualService: false,
        });
        expect(errorOf(() => new CanaryRelease(scope, 'c', { meshService: api, canary: V2_PAYMENTS })))
          .toContain('\'meshService\' has no VirtualService (createVirtualService: false), so the release has no routes to set weights on');
      });

      test('fails at synth when the Service is made to select on version later', () => {
        const { scope, api } = setup();
        new CanaryRelease(scope, 'c', { meshService: api, canary: V2_PAYMENTS });
        api.service.selectLabel('version', 'v2');
        expect(errorOf(() => Testing.synth(scope))).toContain('\'service\' selects on version=v2');
      });

      test('fails on props the MeshService already settled, and on a second release', () => {
        const { scope, api } = setup();
        expect(errorOf(() => new CanaryRelease(scope, 'a', { meshService: api, canary: V2_PAYMENTS, ports: [HTTP_8080], stickySessions: ConsistentHash.sourceIp() })))
          .toMatch(/'ports' cannot be set together with 'meshService'[\s\S]*'stickySessions' cannot be set together with 'meshService'.*consistentHash/);
        new CanaryRelease(scope, 'b', { meshService: api, canary: V2_PAYMENTS });
        expect(errorOf(() => new CanaryRelease(scope, 'c', { meshService: api, canary: CanaryVersion.fromImage('v3', 'registry.example.com/payments-api:1.6.0') })))
          .toContain('\'meshService\' already has a CanaryRelease');
      });

      test('fails on a stable version that is not one the MeshService runs', () => {
        const { scope, api } = setup();
        const stable = CanaryVersion.fromImage('v0', 'registry.example.com/payments-api:1.0.0');
        expect(errorOf(() => new CanaryRelease(scope, 'c', { meshService: api, stable, canary: V2_PAYMENTS })))
          .toContain('\'stable\' must be a version the MeshService already runs: it is the stable one (received: "v0"). Use CanaryVersion.existing(\'v1\')');
      });

      test('fails on a version the MeshService does not run, with a suggestion', () => {
        const { scope, api } = setup();
        expect(errorOf(() => new CanaryRelease(scope, 'c', { meshService: api, stable: CanaryVersion.existing('V1'), canary: V2_PAYMENTS })))
          .toContain('\'stable\' is not a version of the MeshService (received: "V1"). Use one of \'v1\', or CanaryVersion.fromImage(). Did you mean \'v1\'?');
      });
    });
  });
});
