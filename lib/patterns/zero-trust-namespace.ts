import { App, Chart, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { _WaypointAccess } from './_waypoint-access';
import { _allowRuleOf, _checkAllowRule, _declareAllowIntents, _policyNameFor } from './_zero-trust-allow';
import { MeshPeer } from './mesh-peer';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _Problems, _requireProps } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _declareIntents, _Intent, _registerNamespaceGuard } from '../core/_intents';
import { _checkDnsSubdomain, _checkNamespace, _isLabelValue, _MAX_LABEL_LENGTH } from '../core/_names';
import { _checkPort } from '../core/_port';
import { _checkNotSynthesized, _watchSynth } from '../core/_synth';
import { DataPlaneMode } from '../core/dataplane';
import { HttpMethod } from '../core/http-method';
import { MeshLabels } from '../core/labels';
import { Protocol } from '../core/protocol';
import { WorkloadSelector } from '../core/selector';
import { Waypoint, WaypointTrafficType } from '../gateway-api/waypoint';
import { ServiceEntry, ServiceEntryLocation, ServiceEntryResolution } from '../networking/service-entry';
import { EgressHost, OutboundTrafficPolicyMode, Sidecar } from '../networking/sidecar';
import { AuthorizationAction, AuthorizationPolicy } from '../security/authorization-policy';
import { MtlsMode, PeerAuthentication } from '../security/peer-authentication';

/** The caller the unlisted-caller intent traces: a pod of a namespace no app declares, with its own identity. */
const UNLISTED_NAMESPACE = 'cdk8s-istio-unlisted';
const UNLISTED_SERVICE_ACCOUNT = 'unlisted-caller';
const INJECTION_KEYS = [MeshLabels.INJECTION, MeshLabels.REVISION, MeshLabels.DATAPLANE_MODE];

/**
 * An external host the namespace's workloads may call: one port of a ServiceEntry (MESH_EXTERNAL,
 * resolved by DNS).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
 */
export interface ZeroTrustExternalHost {
  /**
   * The fully qualified host name, such as `api.stripe.com`.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry
   */
  readonly host: string;

  /**
   * The port the workloads call it on.
   *
   * @default 443
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort
   */
  readonly port?: number;

  /**
   * The protocol of the port.
   *
   * @default - TLS on 443, HTTP on 80, TCP on any other port
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort
   */
  readonly protocol?: Protocol;
}

/**
 * What `ZeroTrustNamespace.allow()` lets in: requests from the sources, for the operations, to the
 * selected workloads. Sources and operations are ANDed; the values of one list are ORed.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule
 */
export interface ZeroTrustAllowRule {
  /**
   * The callers allowed: services, gateways, workload identities, service accounts
   * (`source.principals`) and namespaces (`MeshPeer.namespace()`, `source.namespaces`). A request
   * from any of them matches.
   *
   * @default - any source, if an operation is given
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   * @example [MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa')), MeshPeer.namespace('monitoring')]
   */
  readonly from?: MeshPeer[];

  /**
   * The HTTP methods allowed.
   *
   * @default - any method
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly methods?: HttpMethod[];

  /**
   * The request paths allowed (`/exact`, `/prefix/*`, `*suffix`).
   *
   * @default - any path
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly paths?: string[];

  /**
   * The ports the workloads listen on (container ports, a Service's `targetPort`) that are allowed:
   * Istio matches the port the request reaches the workload on, not the Service's port.
   *
   * @default - any port
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
   */
  readonly targetPorts?: number[];

  /**
   * The workloads the rule applies to.
   *
   * @default - every workload of the namespace
   * @see https://istio.io/latest/docs/reference/config/type/workload-selector/
   */
  readonly selector?: WorkloadSelector;

  /**
   * The name of the ALLOW AuthorizationPolicy the rule goes into; rules with the same selector share
   * one policy.
   *
   * @default - `allow` for the whole namespace, `allow-<selector label values>` for selected workloads
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  readonly policyName?: string;
}

/** Props of a ZeroTrustNamespace. */
export interface ZeroTrustNamespaceProps {
  /**
   * The namespace's name: a DNS label.
   *
   * @default - the chart's namespace, else the construct id
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
   */
  readonly name?: string;

  /**
   * Label the namespace `istio-injection: enabled`, so every new pod gets a sidecar from the default
   * revision. `false` is the opt-out: no injection label (for a namespace whose pods opt in one by
   * one, or whose injection is managed elsewhere). Exclusive with `revision` (Istio ignores
   * `istio.io/rev` once `istio-injection` is set) and with `DataPlaneMode.AMBIENT`.
   *
   * @default - true, unless `revision` is set or `dataplane` is `DataPlaneMode.AMBIENT`
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#automatic-sidecar-injection
   */
  readonly injection?: boolean;

  /**
   * Label the namespace `istio.io/rev: <revision>` instead of `istio-injection: enabled`: its pods get
   * their sidecar from that control-plane revision or revision tag (revision-based installs, canary
   * upgrades of Istio).
   *
   * @default - no revision label: the default revision injects
   * @see https://istio.io/latest/docs/setup/upgrade/canary/
   */
  readonly revision?: string;

  /**
   * The data plane of the namespace. `DataPlaneMode.AMBIENT` labels it
   * `istio.io/dataplane-mode: ambient` instead of injecting sidecars, creates no Sidecar (Sidecar
   * resources do not apply to ambient workloads), and adds an ALLOW policy `allow-waypoints` that
   * lets the namespace's waypoints reach its workloads through the allow-nothing policy.
   *
   * @default DataPlaneMode.SIDECAR
   * @see https://istio.io/latest/docs/ambient/usage/add-workloads/
   */
  readonly dataplane?: DataPlaneMode;

  /**
   * Create the namespace's waypoint (a Waypoint `waypoint` for service traffic) and label the
   * namespace `istio.io/use-waypoint: waypoint`, so its services' L7 traffic goes through it. Needed
   * for `allow()` rules with methods or paths in ambient mode, which then attach to the waypoint with
   * `targetRefs`; the allow-nothing policy is attached to it too. Ambient mode only.
   *
   * @default false
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/
   */
  readonly createWaypoint?: boolean;

  /**
   * More labels for the Namespace. The injection labels (`istio-injection`, `istio.io/rev`,
   * `istio.io/dataplane-mode`) are set with `injection`, `revision` and `dataplane`, not here.
   *
   * @default - only the injection label
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   */
  readonly labels?: { [key: string]: string };

  /**
   * The mTLS mode of the namespace-wide PeerAuthentication `default`. `MtlsMode.PERMISSIVE` is the
   * opt-out for migration: plain-text clients outside the mesh can still connect.
   *
   * @default MtlsMode.STRICT
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly mtlsMode?: MtlsMode;

  /**
   * Create the allow-nothing AuthorizationPolicy (`allow-nothing`, `spec: {}`), which denies every
   * request no ALLOW rule lets in. `false` is the opt-out: requests to workloads no ALLOW policy
   * selects are allowed.
   *
   * @default true
   * @see https://istio.io/latest/docs/ops/best-practices/security/#use-default-deny-patterns
   */
  readonly allowNothing?: boolean;

  /**
   * Create the namespace's default Sidecar (`default`, no workload selector), which limits what the
   * proxies know to this namespace, the root namespace and `egressNamespaces`. `false` is the
   * opt-out: the proxies know every service of the mesh.
   *
   * Sidecar mode only: ambient workloads have no sidecar to scope.
   *
   * @default - true in sidecar mode; none in ambient mode
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
   */
  readonly egressSidecar?: boolean;

  /**
   * Other namespaces the workloads may reach, added to the Sidecar's egress hosts as `<namespace>/*`.
   *
   * Sidecar mode only.
   *
   * @default - only this namespace and the root namespace
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener
   */
  readonly egressNamespaces?: string[];

  /**
   * Block traffic to hosts the mesh's registry does not know (`outboundTrafficPolicy.mode:
   * REGISTRY_ONLY` on the Sidecar): only Services and the ServiceEntries of `externalHosts` are
   * reachable. Sidecar mode only: in ambient mode, egress is controlled mesh-wide or through an
   * egress waypoint.
   *
   * @default false - the mesh-wide setting applies (ALLOW_ANY unless changed)
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy
   */
  readonly registryOnly?: boolean;

  /**
   * External hosts the workloads call: one ServiceEntry per host (MESH_EXTERNAL, resolution DNS),
   * named after the host, visible to this namespace only.
   *
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
   */
  readonly externalHosts?: ZeroTrustExternalHost[];

  /**
   * Also create a Kubernetes NetworkPolicy (`zero-trust-ingress`) that admits ingress only from the
   * namespaces `allow()` names (by principal or namespace), as defence in depth below Istio.
   * Sources without a namespace (any authenticated peer, patterns) cannot be expressed: `allow()`
   * rejects them while this is on. Rules added by other constructs (MeshService.allowFrom) are not
   * seen: add their namespaces with `allow()` or on the NetworkPolicy. In ambient mode it also admits
   * the namespace's waypoints (pods labelled `gateway.networking.k8s.io/gateway-name`), which carry
   * its services' L7 traffic to the pods, and the kubelet's probes, which ztunnel sends from the
   * link-local address 169.254.7.127; without them no request through a waypoint arrives and no pod
   * becomes ready.
   *
   * @default false
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   */
  readonly networkPolicy?: boolean;

  /**
   * Annotate the pod template of every cdk8s-plus Deployment, StatefulSet and DaemonSet of the App in
   * this namespace with `cdk8s-istio/injection: <mode>` (`enabled`, `rev-<revision>`, `ambient`,
   * `none`), so that applying a change of injection mode or revision rolls their pods, which then get
   * (or lose) their sidecar. Existing pods are otherwise only injected when restarted.
   *
   * @default true
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#automatic-sidecar-injection
   */
  readonly rolloutOnInjectionChange?: boolean;

  /**
   * Istio's root namespace, whose objects every proxy needs (istiod, mesh-wide policies).
   *
   * @default 'istio-system'
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly rootNamespace?: string;
}

/** Options of `ZeroTrustNamespace.meshWideStrictMtls()`. */
export interface ZeroTrustMeshWideOptions {
  /**
   * Istio's root namespace: a PeerAuthentication without selector there applies to the whole mesh.
   *
   * @default 'istio-system'
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly rootNamespace?: string;

  /**
   * The mesh-wide mTLS mode.
   *
   * @default MtlsMode.STRICT
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly mtlsMode?: MtlsMode;
}

/**
 * A namespace where nothing is trusted until it is allowed: the Namespace labelled for the mesh
 * (sidecar injection, a revision, or ambient), a namespace-wide PeerAuthentication `default` (STRICT
 * mTLS), an allow-nothing AuthorizationPolicy, a default Sidecar that scopes egress to this
 * namespace, the root namespace and the namespaces named, and ServiceEntries for named external
 * hosts. `allow()` adds ALLOW rules by identity, namespace, method, path and port.
 *
 * Every default has an opt-out (`mtlsMode: MtlsMode.PERMISSIVE`, `allowNothing: false`,
 * `egressSidecar: false`, `injection: false`), and every object is a public field to adjust.
 * Constructs placed in the namespace compose: a MeshService's `allowFrom()` adds its own ALLOW policy
 * selecting its pods, which the allow-nothing policy leaves in force.
 *
 * @see https://istio.io/latest/docs/ops/best-practices/security/
 * @example
 * const ns = new ZeroTrustNamespace(chart, 'payments', { externalHosts: [{ host: 'api.stripe.com' }] });
 * ns.allow({
 *   from: [MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus'))],
 *   methods: [HttpMethod.GET],
 *   paths: ['/metrics'],
 * });
 */
export class ZeroTrustNamespace extends Construct {
  /**
   * The pod-template annotation (`cdk8s-istio/injection`) that carries the namespace's injection
   * settings, so that a change of them rolls the pods. Its key holds no `istio.io/`, which Istio's
   * annotation analyzer reserves for Istio's own annotations.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
   */
  public static readonly INJECTION_ANNOTATION = 'cdk8s-istio/injection';

  /**
   * A STRICT PeerAuthentication named `default` in Istio's root namespace: mTLS for the whole mesh.
   * Apply it once the namespaces have moved to STRICT (or for a new mesh).
   *
   * @see https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/#lock-down-mutual-tls-for-the-entire-mesh
   * @example ZeroTrustNamespace.meshWideStrictMtls(chart, 'mesh-mtls');
   */
  public static meshWideStrictMtls(scope: Construct, id: string, options: ZeroTrustMeshWideOptions = {}): PeerAuthentication {
    const rootNamespace = options.rootNamespace ?? 'istio-system';
    const problems = new _Problems(_constructSubject('ZeroTrustNamespace.meshWideStrictMtls', scope, id));
    checkNamespace(problems, 'rootNamespace', rootNamespace);
    problems.throwIfAny();
    return new PeerAuthentication(scope, id, {
      metadata: { name: 'default', namespace: rootNamespace },
      mtlsMode: options.mtlsMode ?? MtlsMode.STRICT,
    });
  }

  /**
   * The namespace's name.
   *
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
   */
  public readonly name: string;

  /**
   * The Namespace, with its injection label.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
   */
  public readonly namespaceResource: kplus.Namespace;

  /**
   * The namespace-wide PeerAuthentication `default`.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  public readonly peerAuthentication: PeerAuthentication;

  /**
   * The allow-nothing AuthorizationPolicy `allow-nothing`.
   *
   * @default - none when `allowNothing` is false
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  public readonly allowNothingPolicy?: AuthorizationPolicy;

  /**
   * The default Sidecar `default`, which scopes egress.
   *
   * @default - none when `egressSidecar` is false (or in ambient mode)
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
   */
  public readonly sidecar?: Sidecar;

  /**
   * The data plane of the namespace.
   *
   * @see https://istio.io/latest/docs/overview/dataplane-modes/
   */
  public readonly dataplane: DataPlaneMode;

  /**
   * The namespace's waypoint `waypoint`.
   *
   * @default - none unless `createWaypoint` is true
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/
   */
  public readonly waypoint?: Waypoint;

  /**
   * The allow-nothing AuthorizationPolicy attached to the waypoint (`allow-nothing-waypoint`), so
   * that the waypoint also denies what no rule allows.
   *
   * @default - none unless the namespace has a waypoint and `allowNothing` is on
   * @see https://istio.io/latest/docs/ambient/usage/l7-features/
   */
  public readonly waypointAllowNothingPolicy?: AuthorizationPolicy;

  /**
   * The ALLOW policy `allow-waypoints` of an ambient namespace, made when the first Waypoint of the
   * namespace is created in the App (its own, a MeshService's, or any other): it lets their
   * identities reach the workloads, which ztunnel would otherwise deny under the allow-nothing
   * policy, since it sees the waypoint as the source of the traffic it relays.
   *
   * @default - none in sidecar mode, when `allowNothing` is false, or while the namespace has no waypoint
   * @see https://istio.io/latest/docs/ambient/usage/l4-policy/
   */
  public get waypointAccessPolicy(): AuthorizationPolicy | undefined {
    return this.waypointAccess?.policy;
  }

  /**
   * One ServiceEntry per external host, in the order given.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
   */
  public readonly serviceEntries: ServiceEntry[];

  /**
   * The ingress NetworkPolicy `zero-trust-ingress`.
   *
   * @default - none unless `networkPolicy` is true
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   */
  public readonly networkPolicy?: kplus.NetworkPolicy;

  /**
   * The value of the `cdk8s-istio/injection` pod-template annotation: `enabled`, `rev-<revision>`,
   * `ambient` (`ambient-rev-<revision>`) or `none`.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
   */
  public readonly injectionMode: string;

  private readonly subject: string;
  private readonly ambient: boolean;
  private readonly waypointAccess?: _WaypointAccess;
  private readonly policies = new Map<string, { selectorKey: string; policy: AuthorizationPolicy }>();
  private readonly networkPolicyNamespaces = new Set<string>();
  private readonly allowedSources: Array<{ principals: string[]; selector?: { [key: string]: string } }> = [];

  constructor(scope: Construct, id: string, props: ZeroTrustNamespaceProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('ZeroTrustNamespace', scope, id);
    _requireProps(this.subject, props, {});
    _watchSynth(this);
    _validateDerivedNames(this, 'ZeroTrustNamespace');
    const chartNamespace = Chart.of(this).namespace;
    const name = props.name ?? chartNamespace ?? id;
    const rootNamespace = props.rootNamespace ?? 'istio-system';
    this.dataplane = props.dataplane ?? DataPlaneMode.SIDECAR;
    const ambient = this.dataplane === DataPlaneMode.AMBIENT;
    const injection = props.injection ?? (props.revision === undefined && !ambient);

    const problems = new _Problems(this.subject);
    checkNamespace(problems, 'name', name);
    checkNamespace(problems, 'rootNamespace', rootNamespace);
    problems.check(!(injection && props.revision !== undefined), 'revision',
      `must not be set together with injection: true (Istio ignores '${MeshLabels.REVISION}' once '${MeshLabels.INJECTION}' is set)`, props.revision,
      'Leave injection out to label the namespace with the revision only, or leave revision out to inject from the default revision.');
    problems.check(!(injection && ambient), 'dataplane',
      'must not be DataPlaneMode.AMBIENT together with injection: true (a namespace runs sidecars or ambient, not both)',
      this.dataplane, 'Leave injection out for ambient mode, or use DataPlaneMode.SIDECAR.');
    if (ambient) {
      const fix = 'Leave it out in ambient mode, where workloads have no sidecar (control egress mesh-wide or with an egress waypoint), '
        + 'or use DataPlaneMode.SIDECAR.';
      problems.check(props.egressSidecar !== true, 'egressSidecar', 'applies to sidecars only: a Sidecar resource has no effect in ambient mode',
        props.egressSidecar, fix);
      problems.check(props.egressNamespaces === undefined, 'egressNamespaces', 'scopes the Sidecar resource, which ambient mode does not have',
        props.egressNamespaces, fix);
      problems.check(props.registryOnly !== true, 'registryOnly', 'is set on the Sidecar resource, which ambient mode does not have', props.registryOnly, fix);
    } else {
      problems.check(props.createWaypoint !== true, 'createWaypoint', 'applies to ambient mode only', props.createWaypoint,
        'Set dataplane: DataPlaneMode.AMBIENT, or leave createWaypoint out.');
    }
    if (props.revision !== undefined) {
      problems.check(props.revision.length > 0 && _isLabelValue(props.revision), 'revision',
        'must be a Kubernetes label value naming a revision or revision tag', props.revision, 'Give the revision as installed, such as \'1-30-3\' or \'stable\'.');
    }
    Object.keys(props.labels ?? {}).filter((k) => INJECTION_KEYS.includes(k)).forEach((key) => {
      problems.add(`labels.${key}`, 'must not be set here: the injection labels come from injection, revision and dataplane', props.labels![key],
        `Remove '${key}' from labels and use ${key === MeshLabels.INJECTION ? 'injection' : key === MeshLabels.REVISION ? 'revision' : 'dataplane'} instead.`);
    });
    const renamed = (props as { waypoint?: unknown }).waypoint;
    problems.check(renamed === undefined, 'waypoint', 'was renamed createWaypoint (the field waypoint is the Waypoint it creates)', renamed,
      `Write createWaypoint: ${renamed} instead of waypoint.`);
    (props.egressNamespaces ?? []).forEach((ns, i) => checkNamespace(problems, `egressNamespaces[${i}]`, ns));
    const hosts = (props.externalHosts ?? []).map((h, i) => checkExternalHost(problems, `externalHosts[${i}]`, h));
    problems.throwIfAny();
    this.name = name;

    const labels: { [key: string]: string } = { ...props.labels };
    if (injection) labels[MeshLabels.INJECTION] = 'enabled';
    if (props.revision !== undefined) labels[MeshLabels.REVISION] = props.revision;
    if (ambient) labels[MeshLabels.DATAPLANE_MODE] = 'ambient';
    this.injectionMode = injectionMode(injection, props.revision, ambient);
    this.ambient = ambient;

    // A Namespace is cluster-scoped: it takes no namespace from the chart. cdk8s gives an object its
    // chart's namespace unless its metadata names one; a value that resolves to nothing leaves it out.
    const clusterScoped = chartNamespace !== undefined ? { namespace: Lazy.any({ produce: () => undefined }) as unknown as string } : {};
    this.namespaceResource = new kplus.Namespace(this, 'Namespace', { metadata: { name, labels, ...clusterScoped } });

    this.peerAuthentication = new PeerAuthentication(this, 'PeerAuthentication', {
      metadata: { name: 'default', namespace: name },
      mtlsMode: props.mtlsMode ?? MtlsMode.STRICT,
    });

    if (props.allowNothing ?? true) {
      this.allowNothingPolicy = AuthorizationPolicy.allowNothing(this, 'AllowNothing', { metadata: { name: 'allow-nothing', namespace: name } });
    }

    if (ambient && (props.createWaypoint ?? false)) {
      this.waypoint = new Waypoint(this, 'Waypoint', { metadata: { name: 'waypoint', namespace: name }, trafficType: WaypointTrafficType.SERVICE });
      this.namespaceResource.metadata.addLabel(MeshLabels.USE_WAYPOINT, this.waypoint.name);
      // Ingress gateways send to the pods directly unless told to use the waypoint, past the L7 rules it holds.
      this.namespaceResource.metadata.addLabel(MeshLabels.INGRESS_USE_WAYPOINT, 'true');
      if (this.allowNothingPolicy) {
        this.waypointAllowNothingPolicy = AuthorizationPolicy.allowNothing(this, 'WaypointAllowNothing', {
          metadata: { name: 'allow-nothing-waypoint', namespace: name },
          targetRefs: [this.waypoint.targetRef],
        });
      }
    }
    // allow-waypoints is made with the first waypoint of the namespace (each announces itself through the guard).
    if (ambient && this.allowNothingPolicy) this.waypointAccess = new _WaypointAccess(this, name);

    if (!ambient && (props.egressSidecar ?? true)) {
      const egressNamespaces = [rootNamespace, ...(props.egressNamespaces ?? [])];
      this.sidecar = new Sidecar(this, 'Sidecar', {
        metadata: { name: 'default', namespace: name },
        egress: [{ hosts: [...new Set([EgressHost.sameNamespace(), ...egressNamespaces.map((ns) => EgressHost.allIn(ns))])] }],
        outboundTrafficPolicy: props.registryOnly ? { mode: OutboundTrafficPolicyMode.REGISTRY_ONLY } : undefined,
      });
    }

    this.serviceEntries = groupByHost(hosts).map(([host, ports]) => new ServiceEntry(this, `ServiceEntry-${host}`, {
      metadata: { name: host, namespace: name },
      hosts: [host],
      ports: ports.map((p) => ({ number: p.port, name: `${p.protocol.toLowerCase()}-${p.port}`, protocol: p.protocol })),
      location: ServiceEntryLocation.MESH_EXTERNAL,
      resolution: ServiceEntryResolution.DNS,
      exportTo: ['.'],
    }));

    if (props.networkPolicy ?? false) {
      this.networkPolicy = new kplus.NetworkPolicy(this, 'NetworkPolicy', {
        metadata: { name: 'zero-trust-ingress', namespace: name },
        ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
      });
      if (ambient) {
        // ztunnel SNATs the kubelet's probes to 169.254.7.127 (cni/pkg/iptables/iptables.go, HOST_PROBE_SNAT_IP);
        // waypoint pods carry the Gateway API's gateway-name label (istio-discovery files/waypoint.yaml).
        this.networkPolicy.addIngressRule(kplus.NetworkPolicyIpBlock.ipv4(this, 'KubeletProbes', '169.254.7.127/32'));
        this.networkPolicy.addIngressRule(kplus.Pods.select(this, 'Waypoints', {
          expressions: [kplus.LabelExpression.exists('gateway.networking.k8s.io/gateway-name')],
        }));
      }
    }

    if (props.rolloutOnInjectionChange ?? true) {
      this.node.addValidation({ validate: () => this.annotateWorkloads() });
    }
    this.declareNamespaceIntents(hosts);
  }

  /**
   * The intents of the namespace itself, and its guard for the calls of other constructs: external
   * hosts reachable from its pods, an unlisted caller denied by the allow-nothing policy, and the
   * Sidecar egress hosts and gateway ALLOW rules that `allowFrom()` and `exposeMeshService()` add.
   */
  private declareNamespaceIntents(hosts: ResolvedHost[]): void {
    const path = this.node.path;
    _declareIntents(this, () => hosts.flatMap((h): _Intent[] => {
      const scheme = h.protocol === Protocol.HTTP ? 'http' : h.protocol === Protocol.HTTPS || h.protocol === Protocol.TLS ? 'https' : undefined;
      if (scheme === undefined) return [];
      const port = (scheme === 'http' && h.port === 80) || (scheme === 'https' && h.port === 443) ? '' : `:${h.port}`;
      return [{
        kind: 'external-host',
        from: `pod:${this.name}/default`,
        url: `${scheme}://${h.host}${port}/`,
        outcome: 'delivered',
        declaredBy: path,
        callerNamespace: this.name,
        description: `pods of namespace '${this.name}' may call the external host ${h.host}:${h.port} (externalHosts)`,
      }];
    }));
    if (this.allowNothingPolicy) {
      _declareIntents(this, () => [{
        kind: 'unlisted',
        from: `pod:${UNLISTED_NAMESPACE}/${UNLISTED_SERVICE_ACCOUNT}`,
        target: { namespace: this.name, path: '/' },
        method: 'GET',
        outcome: 'denied',
        declaredBy: path,
        calleeNamespace: this.name,
        description: `a caller no rule names is denied by the allow-nothing policy of namespace '${this.name}'`,
        fix: 'Narrow the ALLOW rule that lets it in, or declare the call on purpose with SynthAnalysis.expect() and an ALLOW rule naming the caller.',
      }]);
    }
    _registerNamespaceGuard(this, {
      name: this.name,
      path,
      denyAll: this.allowNothingPolicy !== undefined,
      scopesEgress: this.sidecar !== undefined,
      addEgressHost: (host) => this.sidecar?.addEgressHosts(host),
      allowsPrincipal: (principal, podLabels) => this.allowedSources.some((r) => r.principals.includes(principal)
        && Object.entries(r.selector ?? {}).every(([k, v]) => podLabels[k] === v)),
      admitWaypoint: (waypoint, identity) => this.waypointAccess?.admit(waypoint, identity),
    });
  }

  /**
   * The ALLOW AuthorizationPolicies `allow()` created, in creation order.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  public get allowPolicies(): AuthorizationPolicy[] {
    return [...this.policies.values()].map((p) => p.policy);
  }

  /**
   * Allows requests: adds an ALLOW rule to the namespace's policy for the selected workloads (one
   * policy per selector, created on first use). Give at least a source (`from`) or
   * an operation (`methods`, `paths`, `ports`): a rule with neither would allow everything.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   * @example
   * ns.allow({
   *   selector: WorkloadSelector.labels({ app: 'payments-api' }),
   *   from: [MeshPeer.service(frontend)],
   *   methods: [HttpMethod.GET, HttpMethod.POST],
   *   paths: ['/api/payments/*'],
   * });
   */
  public allow(rule: ZeroTrustAllowRule): AuthorizationPolicy {
    _checkNotSynthesized(this, 'ZeroTrustNamespace', 'allow');
    _requireProps(this.subject, rule, {}, 'rule', 'Pass the rule: who is allowed (from: MeshPeer[]) and to what (methods, paths, targetPorts).');
    const prop = `allow(${this.policies.size})`;
    const problems = new _Problems(this.subject);
    const checked = _checkAllowRule(problems, prop, rule, this.networkPolicy !== undefined);
    const l7 = checked.methods.length + checked.paths.length > 0;
    const atWaypoint = this.ambient && this.waypoint !== undefined && rule.selector === undefined;
    if (this.ambient && l7 && !atWaypoint) {
      problems.add(prop, rule.selector
        ? 'names methods or paths for selected workloads, which ztunnel cannot check (L4 only) and a namespace waypoint policy cannot select'
        : 'names methods or paths, which ztunnel cannot check (L4 only), and the namespace has no waypoint to check them',
      { methods: checked.methods, paths: checked.paths },
      rule.selector ? 'Leave the selector out to check them at the namespace\'s waypoint, or use MeshService.allowFrom(), which attaches to its Service.'
        : 'Set createWaypoint: true on the ZeroTrustNamespace, or allow by identity, namespace and port only.');
    }
    const name = rule.policyName ?? _policyNameFor(rule.selector);
    const selectorKey = JSON.stringify(rule.selector?.matchLabels ?? {});
    const existing = this.policies.get(name);
    problems.check(existing === undefined || existing.selectorKey === selectorKey, `${prop}.policyName`,
      `names a policy that selects other workloads (${existing?.selectorKey})`, name, 'Give rules for other workloads their own policyName.');
    _checkDnsSubdomain(problems, `${prop}.policyName`, name, 'Use a name such as \'payments-api-policy\'.');
    problems.throwIfAny();

    // With a waypoint, service traffic reaches the workloads from the waypoint: the namespace's rules
    // are checked there (targetRefs), where the caller's identity is still known.
    const policy = existing?.policy ?? new AuthorizationPolicy(this, `Allow-${name}`, {
      metadata: { name, namespace: this.name },
      selector: rule.selector,
      targetRefs: atWaypoint ? [this.waypoint!.targetRef] : undefined,
      action: AuthorizationAction.ALLOW,
    });
    if (!existing) this.waypointAccess?.follow(policy);
    policy.addRule(_allowRuleOf(checked));
    this.policies.set(name, { selectorKey, policy });
    const principals = checked.peers.filter((p) => !p.isNamespace).map((p) => p.sourceIdentity.asPrincipal);
    this.allowedSources.push({ principals, selector: rule.selector?.matchLabels });
    _declareAllowIntents(this, this.name, rule.selector?.matchLabels, checked);

    if (this.networkPolicy) {
      for (const ns of checked.peers.map((p) => p.sourceIdentity.namespaceName)) {
        if (ns === undefined || this.networkPolicyNamespaces.has(ns)) continue;
        this.networkPolicyNamespaces.add(ns);
        this.networkPolicy.addIngressRule(kplus.Namespaces.select(this, `From-${ns}`, { names: [ns] }));
      }
    }
    return policy;
  }

  /** Annotates the pod templates of the App's workloads in this namespace; runs at synth, after every construct exists. */
  private annotateWorkloads(): string[] {
    for (const workload of workloadsIn(App.of(this), this.name)) {
      workload.podMetadata.addAnnotation(ZeroTrustNamespace.INJECTION_ANNOTATION, this.injectionMode);
    }
    return [];
  }
}


/** The core namespace check, with a fix that suggests the name made valid. */
function checkNamespace(problems: _Problems, prop: string, namespace: string): void {
  _checkNamespace(problems, prop, namespace,
    `Use a name such as '${String(namespace ?? '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, _MAX_LABEL_LENGTH) || 'payments'}'.`);
}

interface ResolvedHost { readonly host: string; readonly port: number; readonly protocol: Protocol }

function checkExternalHost(problems: _Problems, prop: string, h: ZeroTrustExternalHost): ResolvedHost {
  const host = h.host;
  const problem = _hostProblem(host, {})
    ?? (host.endsWith('.') ? 'must not end with \'.\'' : undefined)
    ?? (host.includes('.') ? undefined : 'must be a fully qualified host name (a short name resolves inside the cluster)')
    ?? (host === host.toLowerCase() ? undefined : 'must be lower case');
  if (problem) {
    problems.add(`${prop}.host`, problem, host, 'Give the external service\'s fully qualified host name, such as \'api.stripe.com\'.');
  }
  const port = h.port ?? 443;
  _checkPort(problems, `${prop}.port`, port,
    'Give the port the service is called on, such as 443.');
  const protocol = h.protocol ?? (port === 443 ? Protocol.TLS : port === 80 ? Protocol.HTTP : Protocol.TCP);
  return { host, port, protocol };
}

function groupByHost(hosts: ResolvedHost[]): Array<[string, ResolvedHost[]]> {
  const byHost = new Map<string, ResolvedHost[]>();
  for (const h of hosts) {
    const ports = byHost.get(h.host) ?? [];
    if (!ports.some((p) => p.port === h.port)) ports.push(h);
    byHost.set(h.host, ports);
  }
  return [...byHost.entries()];
}

function injectionMode(injection: boolean, revision: string | undefined, ambient: boolean): string {
  const rev = revision !== undefined ? `rev-${revision}` : undefined;
  if (ambient) return rev ? `ambient-${rev}` : 'ambient';
  if (injection) return 'enabled';
  return rev ?? 'none';
}

/** The cdk8s-plus Deployments, StatefulSets and DaemonSets of the App whose namespace is `namespace`. */
function workloadsIn(app: App, namespace: string): kplus.Workload[] {
  return app.node.findAll().filter((c: IConstruct): c is kplus.Workload =>
    (c instanceof kplus.Deployment || c instanceof kplus.StatefulSet || c instanceof kplus.DaemonSet)
    && (c.metadata.namespace ?? Chart.of(c).namespace) === namespace);
}
