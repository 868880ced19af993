/**
 * Istio's Bookinfo application with the routing tasks of istio.io as cdk8s code.
 *
 * The workloads are those of Istio's `samples/bookinfo/platform/kube/bookinfo.yaml` (details, ratings,
 * reviews v1/v2/v3, productpage), written with cdk8s-plus; the routing is written with the L2
 * constructs (Gateway, VirtualService, DestinationRule). MeshService is not used on purpose: it
 * owns each service's VirtualService and DestinationRule, while the
 * tasks replace those objects one by one with Istio's exact sample YAML.
 *
 * Each task is one chart (`Bookinfo`), synthesized into dist/<task>/. `BOOKINFO_TASK=<task>`
 * synthesizes only that one; `kubectl apply -f dist/<task>/` applies it.
 */
import * as path from 'path';
import { ApiObject, App, Chart, ChartProps, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Destination, DestinationRule, Fault, Gateway, HttpMatch, MeshLabels, Protocol, StringMatch, SynthAnalysis,
  VirtualService, WorkloadSelector,
} from '../../lib';

/** The routing tasks of istio.io's traffic management pages that this example reproduces. */
export enum BookinfoTask {
  /** Request routing, step 1: every service to v1 (virtual-service-all-v1.yaml). */
  ALL_V1 = 'all-v1',
  /** Request routing, step 2: user jason to reviews v2 by the end-user header (virtual-service-reviews-test-v2.yaml). */
  JASON_V2 = 'jason-v2',
  /** Traffic shifting: reviews 50% v1, 50% v3 (virtual-service-reviews-50-v3.yaml). */
  REVIEWS_50_V3 = 'reviews-50-v3',
  /** Traffic shifting, last step: all of reviews to v3 (virtual-service-reviews-v3.yaml). */
  REVIEWS_V3 = 'reviews-v3',
  /** Fault injection: a 7s delay on ratings for jason (virtual-service-ratings-test-delay.yaml). */
  RATINGS_DELAY = 'ratings-delay',
  /** Fault injection: HTTP 500 from ratings for jason (virtual-service-ratings-test-abort.yaml). */
  RATINGS_ABORT = 'ratings-abort',
  /** Request timeouts: reviews v2 with a 0.5s timeout, ratings delayed by 2s. */
  REQUEST_TIMEOUTS = 'request-timeouts',
  /** Circuit breaking: httpbin with a connection pool of one and outlier detection. */
  CIRCUIT_BREAKING = 'circuit-breaking',
}

/** Every task, in the order istio.io presents them. */
export const BOOKINFO_TASKS: BookinfoTask[] = Object.values(BookinfoTask);

/** Props of one Bookinfo chart. */
export interface BookinfoProps extends ChartProps {
  /** The routing task to configure. @default BookinfoTask.ALL_V1 */
  readonly task?: BookinfoTask;
}

const BOOKINFO_IMAGE = (service: string, version: string) => `registry.istio.io/release/examples-bookinfo-${service}-${version}:1.20.3`;
const PORT = 9080;
const END_USER_JASON = HttpMatch.header('end-user', StringMatch.exact('jason'));

/** A Bookinfo service: its Service, ServiceAccount and one Deployment per version, as bookinfo.yaml has them. */
class BookinfoService extends Construct {
  public readonly service: kplus.Service;
  public readonly serviceAccount: kplus.ServiceAccount;

  constructor(scope: Construct, private readonly name: string, versions: string[], private readonly options: { tmp?: boolean; wlpOutput?: boolean; env?: Record<string, string> } = {}) {
    super(scope, name);
    this.service = new kplus.Service(this, 'Service', {
      metadata: { name, labels: { app: name, service: name } },
      ports: [{ name: 'http', port: PORT }],
    });
    this.service.selectLabel(MeshLabels.APP, name);
    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name: `bookinfo-${name}`, labels: { account: name } },
    });
    versions.forEach((v) => this.addVersion(v));
  }

  private addVersion(version: string): void {
    const labels = { [MeshLabels.APP]: this.name, [MeshLabels.VERSION]: version };
    const deployment = new kplus.Deployment(this, version, {
      metadata: { name: `${this.name}-${version}`, labels },
      replicas: 1,
      serviceAccount: this.serviceAccount,
      select: false,
      podMetadata: { labels },
      // The sample images run as root and write to their file system, as bookinfo.yaml allows.
      securityContext: { ensureNonRoot: false },
    });
    deployment.select(kplus.LabelSelector.of({ labels }));
    const container = deployment.addContainer({
      name: this.name,
      image: BOOKINFO_IMAGE(this.name, version),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ number: PORT }],
      envVariables: Object.fromEntries(Object.entries(this.options.env ?? {}).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
      securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
    });
    if (this.options.tmp) container.mount('/tmp', kplus.Volume.fromEmptyDir(deployment, 'tmp', 'tmp'));
    if (this.options.wlpOutput) container.mount('/opt/ibm/wlp/output', kplus.Volume.fromEmptyDir(deployment, 'wlp-output', 'wlp-output'));
  }
}

/**
 * Bookinfo in the `bookinfo` namespace (labelled for sidecar injection), its ingress Gateway and the
 * routing of one istio.io task.
 */
export class Bookinfo extends Chart {
  /** The task this chart configures. */
  public readonly task: BookinfoTask;

  constructor(scope: Construct, id: string, props: BookinfoProps = {}) {
    super(scope, id, { namespace: 'bookinfo', ...props });
    this.task = props.task ?? BookinfoTask.ALL_V1;

    const namespace = new kplus.Namespace(this, 'namespace', { metadata: { name: this.namespace!, labels: { [MeshLabels.INJECTION]: 'enabled' } } });
    // A Namespace is cluster-scoped: it takes no namespace from the chart.
    ApiObject.of(namespace).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    new BookinfoService(this, 'details', ['v1']);
    new BookinfoService(this, 'ratings', ['v1']);
    new BookinfoService(this, 'reviews', ['v1', 'v2', 'v3'], { tmp: true, wlpOutput: true, env: { LOG_DIR: '/tmp/logs' } });
    new BookinfoService(this, 'productpage', ['v1'], { tmp: true });

    this.addGateway();
    this.addDestinationRules();
    this.addRoutes();
    if (this.task === BookinfoTask.CIRCUIT_BREAKING) this.addHttpbin();
  }

  /** bookinfo-gateway.yaml: the default ingress gateway serves /productpage and its assets on port 8080. */
  private addGateway(): void {
    new Gateway(this, 'bookinfo-gateway', {
      metadata: { name: 'bookinfo-gateway' },
      selector: WorkloadSelector.labels({ istio: 'ingressgateway' }),
      servers: [{ port: { number: 8080, name: 'http', protocol: Protocol.HTTP }, hosts: ['*'] }],
    });
    // The ingress gateway (pods labelled istio: ingressgateway, and a Service mapping port 80 to their 8080) is installed
    // with Istio, not by this app: the analysis assumes it, as istioctl does.
    const routes = new VirtualService(this, 'bookinfo', {
      metadata: { name: 'bookinfo' },
      hosts: ['*'],
      gateways: ['bookinfo-gateway'],
      http: [{
        match: [
          HttpMatch.exact('/productpage'), HttpMatch.prefix('/static'), HttpMatch.exact('/login'), HttpMatch.exact('/logout'),
          HttpMatch.prefix('/api/v1/products'),
        ],
        route: [Destination.to('productpage', { port: PORT })],
      }],
    });
    SynthAnalysis.suppress(routes, 'IST0140', 'productpage has a single version (v1): gateway traffic reaches it without a subset');
  }

  /** destination-rule-all.yaml: one subset per version label of each service. */
  private addDestinationRules(): void {
    const subsets = (...versions: string[]) => versions.map((v) => ({ name: v, labels: { [MeshLabels.VERSION]: v } }));
    new DestinationRule(this, 'productpage-rule', { metadata: { name: 'productpage' }, host: 'productpage', subsets: subsets('v1') });
    new DestinationRule(this, 'reviews-rule', { metadata: { name: 'reviews' }, host: 'reviews', subsets: subsets('v1', 'v2', 'v3') });
    const ratings = new DestinationRule(this, 'ratings-rule', {
      metadata: { name: 'ratings' }, host: 'ratings', subsets: subsets('v1', 'v2', 'v2-mysql', 'v2-mysql-vm'),
    });
    const details = new DestinationRule(this, 'details-rule', { metadata: { name: 'details' }, host: 'details', subsets: subsets('v1', 'v2') });
    // Istio's file declares subsets for versions that other samples deploy (ratings v2 with MySQL on a pod or a VM, details v2).
    // A subset is matched only against the pods of its host's Service, so reviews-v2's `version: v2` does not count.
    SynthAnalysis.suppress(ratings, 'destinationrule/subset-not-select-pods', 'subsets kept as in destination-rule-all.yaml, for versions other Istio samples deploy');
    SynthAnalysis.suppress(details, 'destinationrule/subset-not-select-pods', 'subsets kept as in destination-rule-all.yaml, for versions other Istio samples deploy');
  }

  /** The VirtualServices of the task: virtual-service-all-v1.yaml, with reviews and ratings replaced as the task says. */
  private addRoutes(): void {
    const toV1 = (host: string) => new VirtualService(this, `${host}-routes`, {
      metadata: { name: host }, hosts: [host], http: [{ route: [Destination.to(host, { subset: 'v1' })] }],
    });
    toV1('productpage');
    toV1('details');

    const reviews = new VirtualService(this, 'reviews-routes', { metadata: { name: 'reviews' }, hosts: ['reviews'] });
    const ratings = new VirtualService(this, 'ratings-routes', { metadata: { name: 'ratings' }, hosts: ['ratings'] });
    const to = (host: string, subset: string, weight?: number) => Destination.to(host, { subset, weight });
    const jasonToV2 = () => {
      reviews.addHttpRoute({ match: [END_USER_JASON], route: [to('reviews', 'v2')] });
      reviews.addHttpRoute({ route: [to('reviews', 'v1')] });
    };

    switch (this.task) {
      case BookinfoTask.JASON_V2:
        jasonToV2();
        ratings.addHttpRoute({ route: [to('ratings', 'v1')] });
        break;
      case BookinfoTask.REVIEWS_50_V3:
        reviews.addHttpRoute({ route: [to('reviews', 'v1', 50), to('reviews', 'v3', 50)] });
        ratings.addHttpRoute({ route: [to('ratings', 'v1')] });
        break;
      case BookinfoTask.REVIEWS_V3:
        reviews.addHttpRoute({ route: [to('reviews', 'v3')] });
        ratings.addHttpRoute({ route: [to('ratings', 'v1')] });
        break;
      case BookinfoTask.RATINGS_DELAY:
      case BookinfoTask.RATINGS_ABORT:
        // The fault tasks start from the jason-v2 routing: reviews v2 is the version that calls ratings.
        jasonToV2();
        ratings.addHttpRoute({
          match: [END_USER_JASON],
          fault: this.task === BookinfoTask.RATINGS_DELAY ? Fault.delay(Duration.seconds(7), 100) : Fault.abort(500, 100),
          route: [to('ratings', 'v1')],
        });
        ratings.addHttpRoute({ route: [to('ratings', 'v1')] });
        break;
      case BookinfoTask.REQUEST_TIMEOUTS:
        reviews.addHttpRoute({ route: [to('reviews', 'v2')], timeout: Duration.millis(500) });
        ratings.addHttpRoute({ fault: Fault.delay(Duration.seconds(2), 100), route: [to('ratings', 'v1')] });
        break;
      default: // ALL_V1, CIRCUIT_BREAKING
        reviews.addHttpRoute({ route: [to('reviews', 'v1')] });
        ratings.addHttpRoute({ route: [to('ratings', 'v1')] });
    }
  }

  /** The circuit-breaking task's httpbin (port 8000 to 8080) and its DestinationRule. */
  private addHttpbin(): void {
    const labels = { [MeshLabels.APP]: 'httpbin', [MeshLabels.VERSION]: 'v1' };
    const serviceAccount = new kplus.ServiceAccount(this, 'httpbin-sa', { metadata: { name: 'httpbin' } });
    const service = new kplus.Service(this, 'httpbin', {
      metadata: { name: 'httpbin', labels: { app: 'httpbin', service: 'httpbin' } },
      ports: [{ name: 'http', port: 8000, targetPort: 8080 }],
    });
    service.selectLabel(MeshLabels.APP, 'httpbin');
    const deployment = new kplus.Deployment(this, 'httpbin-v1', {
      metadata: { name: 'httpbin' }, replicas: 1, serviceAccount, select: false, podMetadata: { labels },
      containers: [{ name: 'httpbin', image: 'docker.io/mccutchen/go-httpbin:v2.15.0', imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT, ports: [{ number: 8080 }] }],
    });
    deployment.select(kplus.LabelSelector.of({ labels }));
    new DestinationRule(this, 'httpbin-rule', {
      metadata: { name: 'httpbin' },
      host: 'httpbin',
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } },
        outlierDetection: { consecutive5xxErrors: 1, interval: Duration.seconds(1), baseEjectionTime: Duration.minutes(3), maxEjectionPercent: 100 },
      },
    });
  }
}

/** The tasks BOOKINFO_TASK selects: one task, or every task when it is unset or `all`. */
export function selectedTasks(value: string | undefined): BookinfoTask[] {
  if (value === undefined || value === '' || value === 'all') return BOOKINFO_TASKS;
  const task = BOOKINFO_TASKS.find((t) => t === value);
  if (!task) throw new Error(`BOOKINFO_TASK must be one of ${BOOKINFO_TASKS.join(', ')} or all (received: ${JSON.stringify(value)}).`);
  return [task];
}

if (require.main === module) {
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  // One App per task: each task is a separate set of manifests to apply, in its own folder.
  for (const task of selectedTasks(process.env.BOOKINFO_TASK)) {
    const app = new App({ outdir: path.join(outdir, task) });
    // Strict: every reference must resolve to the app or to what it declares external.
    SynthAnalysis.attach(app, { strict: true });
    new Bookinfo(app, 'bookinfo', { task });
    app.synth();
  }
}
