/**
 * The seed's whole story (../../../shared/seed/istio-service-mesh.md) as one cdk8s app:
 *
 * - `mesh` chart (istio-system): the control plane's IstioOperator (profile default, access logs to
 *   stdout) in a file of its own for `istioctl install -f`, mesh-wide access logs as a Telemetry, and the
 *   ingress Gateway with HTTPS for payments.example.com and an HTTP to HTTPS redirect;
 * - `payments` chart: a zero-trust namespace (sidecar injection, STRICT mTLS, deny by default), and
 *   payments-api v1 with v2 as a canary, its ALLOW rules for the frontend and Prometheus (the seed's
 *   `payments-api-policy`) and for the ingress gateway on the public API paths.
 *
 * The canary's position is the one value a pipeline changes, through the environment:
 *
 *   PAYMENTS_CANARY_STEP=0..3    a step of the seed's canary workflow: 95/5, 80/20, 50/50, 0/100
 *   PAYMENTS_CANARY_WEIGHT=0..100 the canary's weight instead of a step (0 rolls back)
 *   neither                      the seed's 90/10 split of payments-api between v1 and v2
 */
import { App, Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CanaryRelease, CanaryVersion, HttpMatch, HttpMethod, Identity, IngressGateway, IstioProfile, MeshControlPlane,
  MeshObservability, MeshPeer, MeshService, Protocol, RetryCondition, RetryOn, ServerTls, SynthAnalysis,
  WorkloadSelector, ZeroTrustNamespace,
} from '../../lib';

/** Where the canary stands: a step of the seed's workflow, or an explicit weight. */
export interface CanaryPosition {
  /** An index into the seed's steps (5, 20, 50, 100). */
  readonly step?: number;
  /** The canary's percentage, instead of a step. */
  readonly weight?: number;
}

/** The seed's 90/10 split: where the release stands when the pipeline says nothing. */
export const DEFAULT_CANARY_WEIGHT = 10;

/**
 * Reads the canary's position from PAYMENTS_CANARY_STEP or PAYMENTS_CANARY_WEIGHT. A value that is not a
 * whole number fails here, with the variable's name; the range is CanaryRelease's to check.
 */
export function canaryFromEnv(env: NodeJS.ProcessEnv): CanaryPosition {
  const read = (name: string): number | undefined => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return undefined;
    if (!/^\d+$/.test(text.trim())) {
      throw new Error(`${name} must be a whole number (received: '${text}'). Unset it, or set it to a number such as 1.`);
    }
    return Number(text);
  };
  const step = read('PAYMENTS_CANARY_STEP');
  const weight = read('PAYMENTS_CANARY_WEIGHT');
  if (step !== undefined && weight !== undefined) {
    throw new Error('PAYMENTS_CANARY_STEP and PAYMENTS_CANARY_WEIGHT are both set. Set one of them.');
  }
  return step !== undefined ? { step } : { weight: weight ?? DEFAULT_CANARY_WEIGHT };
}

/** The public host of the payments API. */
export const PUBLIC_HOST = 'payments.example.com';

/** The mesh-wide part: installed once per cluster, by the platform team. */
export class MeshChart extends Chart {
  /** The IstioOperator for `istioctl install -f` (in a chart of its own) and the Helm values of the same settings. */
  public readonly controlPlane: MeshControlPlane;
  /** Mesh-wide access logs (the Envoy provider, to the proxies' stdout). */
  public readonly observability: MeshObservability;
  /** The ingress Gateway: HTTPS for payments.example.com from the Secret payments-cert, HTTP redirected. */
  public readonly ingress: IngressGateway;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'istio-system', ...props });

    // The seed's "Istio Operator" block: profile default, access logs to stdout.
    this.controlPlane = new MeshControlPlane(this, 'istio', {
      profile: IstioProfile.DEFAULT,
      meshConfig: { accessLogFile: '/dev/stdout' },
    });
    this.observability = new MeshObservability(this, 'observability', {
      controlPlane: this.controlPlane,
      accessLogs: {},
    });
    this.ingress = new IngressGateway(this, 'public', {
      name: 'payments-gateway',
      httpServers: [{ hosts: [PUBLIC_HOST], httpsRedirect: true }],
      httpsServers: [{ hosts: [PUBLIC_HOST], tls: ServerTls.simple({ credentialName: 'payments-cert' }) }],
      routesNamespace: 'payments',
    });
  }
}

/** The payments team's part: its namespace and its service. */
export class PaymentsChart extends Chart {
  /** The namespace: injection label, PeerAuthentication STRICT, allow-nothing, default Sidecar. */
  public readonly namespaceGuard: ZeroTrustNamespace;
  /** payments-api: ServiceAccount, Deployments, Service, DestinationRule, VirtualService, policy. */
  public readonly api: MeshService;
  /** v1 stable, v2 canary, at the position the pipeline set. */
  public readonly release: CanaryRelease;

  constructor(scope: Construct, id: string, canary: CanaryPosition, ingressIdentity: Identity, props: ChartProps = {}) {
    super(scope, id, { namespace: 'payments', ...props });

    this.namespaceGuard = new ZeroTrustNamespace(this, 'namespace');

    this.api = new MeshService(this, 'payments-api', {
      image: 'registry.example.com/payments-api:1.4.2',
      ports: [{ number: 8080, protocol: Protocol.HTTP }],
      replicas: 2,
      // The seed's retry block, asked for explicitly: the patterns leave retries to Istio's default.
      retries: {
        attempts: 3,
        perTryTimeout: Duration.seconds(2),
        retryOn: RetryOn.of(RetryCondition.FIVE_XX, RetryCondition.RESET, RetryCondition.CONNECT_FAILURE),
      },
    });
    // Retrying POSTs on 5xx repeats a payment the service may have taken: the analysis warns (CI0030)
    // unless the service makes retried requests harmless.
    SynthAnalysis.suppress(this.api.virtualService!, 'CI0030',
      'payments-api deduplicates POSTs by their Idempotency-Key header, so a retried payment is not charged twice');
    this.release = new CanaryRelease(this, 'payments-api-canary', {
      meshService: this.api,
      canary: CanaryVersion.fromImage('v2', 'registry.example.com/payments-api:1.5.0', { replicas: 2 }),
      currentStep: canary.step,
      canaryWeight: canary.weight,
    });

    // Everything not allowed here is denied (allow-nothing): the seed's payments-api-policy, by identity...
    this.api.allowFrom(MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa')), {
      methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/payments/*'],
    });
    this.api.allowFrom(MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus')), { methods: [HttpMethod.GET], paths: ['/metrics'] });
    // ...and, in a policy of its own, the ingress gateway, on the public API paths only.
    this.namespaceGuard.allow({
      policyName: 'payments-api-ingress',
      selector: WorkloadSelector.labels({ app: 'payments-api' }),
      from: [MeshPeer.identity(ingressIdentity)],
      methods: [HttpMethod.GET, HttpMethod.POST],
      paths: ['/api/payments/*'],
    });
  }
}

/** Both charts in one app. */
export function buildApp(app: App, canary: CanaryPosition): { mesh: MeshChart; payments: PaymentsChart } {
  const mesh = new MeshChart(app, 'mesh');
  const payments = new PaymentsChart(app, 'payments', canary, mesh.ingress.identity);
  // The public API, through the gateway, with the canary's weights (they follow the release at synth).
  mesh.ingress.exposeMeshService(payments.api, { match: [HttpMatch.prefix('/api/payments/')] });
  return { mesh, payments };
}

if (require.main === module) {
  const app = new App();
  // Run the mesh analysis on every synth: errors fail it, warnings are printed.
  SynthAnalysis.attach(app, { strict: true });
  buildApp(app, canaryFromEnv(process.env));
  app.synth();
}
