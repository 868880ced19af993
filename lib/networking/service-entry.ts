import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact } from '../core/_compact';
import { _constructSubject, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _checkHosts } from '../core/_host';
import { _networkingL1 } from '../core/_l1';
import { _isPort, _checkOptionalPort } from '../core/_port';
import { _checkProtocol } from '../core/_protocol';
import { _checkNotSynthesized } from '../core/_synth';
import { Port } from '../core/port';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { WorkloadSelector } from '../core/selector';

/**
 * Whether the service is part of the mesh.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-Location
 */
export enum ServiceEntryLocation {
  /** Outside the mesh: no mTLS, no Istio telemetry on the server side. */
  MESH_EXTERNAL = 'MESH_EXTERNAL',
  /** Part of the mesh (VMs, unmanaged endpoints). */
  MESH_INTERNAL = 'MESH_INTERNAL',
}

/**
 * How the proxy finds the endpoints' addresses.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-Resolution
 */
export enum ServiceEntryResolution {
  /** Forward to the address the caller connected to. */
  NONE = 'NONE',
  /** Use the endpoints' addresses. */
  STATIC = 'STATIC',
  /** Resolve the hosts (or endpoint names) by DNS, using every address returned. */
  DNS = 'DNS',
  /** Resolve by DNS, using the first address returned. */
  DNS_ROUND_ROBIN = 'DNS_ROUND_ROBIN',
  /** Resolve each request's host by DNS (wildcard hosts). */
  DYNAMIC_DNS = 'DYNAMIC_DNS',
}

/**
 * A port of a ServiceEntry. Istio requires its `number` and `name` (which endpoints' `ports` refer
 * to); the ServiceEntry checks that the name is given. Without a protocol Istio detects it (plain
 * TCP for server-first protocols); `targetPort` is the port on the endpoints.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort
 */
export interface ServiceEntryPort extends Port {}

/**
 * An endpoint of a ServiceEntry.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/workload-entry/#WorkloadEntry
 */
export interface ServiceEntryEndpoint {
  /**
   * The address: an IP, a DNS name (with DNS resolution) or `unix:///path`.
   *
   * @default - none (only for endpoints reached through `network`)
   */
  readonly address?: string;

  /**
   * Port numbers by the ServiceEntry's port names, when they differ on this endpoint.
   *
   * @default - the ServiceEntry's ports
   */
  readonly ports?: { [portName: string]: number };

  /**
   * Labels of the endpoint, for subsets.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * The network the endpoint is on.
   *
   * @default - the caller's network
   */
  readonly network?: string;

  /**
   * The locality, `region/zone/subzone`.
   *
   * @default - none
   */
  readonly locality?: string;

  /**
   * The load balancing weight.
   *
   * @default - equal weights
   */
  readonly weight?: number;

  /**
   * The service account of the workload (for mTLS identities).
   *
   * @default - none
   */
  readonly serviceAccount?: string;
}

/** Props of a ServiceEntry. */
export interface ServiceEntryProps extends MeshResourceProps {
  /** The hosts of the service: DNS names, `*.example.com` wildcards. */
  readonly hosts: string[];

  /**
   * Virtual IPs or CIDRs of the service.
   *
   * @default - none
   */
  readonly addresses?: string[];

  /**
   * The ports of the service.
   *
   * @default - none; add with `addPort()`
   */
  readonly ports?: ServiceEntryPort[];

  /**
   * Whether the service is part of the mesh.
   *
   * @default - Istio's own default: MESH_EXTERNAL
   */
  readonly location?: ServiceEntryLocation;

  /**
   * How endpoints' addresses are found.
   *
   * @default - Istio's own default: NONE
   */
  readonly resolution?: ServiceEntryResolution;

  /**
   * The endpoints. Exclusive with `workloadSelector`.
   *
   * @default - none; add with `addEndpoint()`
   */
  readonly endpoints?: ServiceEntryEndpoint[];

  /**
   * Select WorkloadEntries and pods as endpoints, for MESH_INTERNAL services. Exclusive with `endpoints`.
   *
   * @default - none
   */
  readonly workloadSelector?: WorkloadSelector;

  /**
   * The namespaces the entry is visible to.
   *
   * @default - Istio's own default: every namespace
   */
  readonly exportTo?: string[];

  /**
   * Subject alternative names the endpoints' certificates must carry.
   *
   * @default - not checked
   */
  readonly subjectAltNames?: string[];
}

/**
 * An Istio ServiceEntry: adds a service (external APIs, VMs, other clusters) to the mesh's
 * registry. Emits `networking.istio.io/v1`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
 */
export class ServiceEntry extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.ServiceEntry;

  private readonly subject: string;
  private readonly props: ServiceEntryProps;
  private readonly hosts: string[];
  private readonly ports: ServiceEntryPort[] = [];
  private readonly endpoints: ServiceEntryEndpoint[] = [];

  public constructor(scope: Construct, id: string, props: ServiceEntryProps) {
    super(scope, id);
    this.subject = _constructSubject('ServiceEntry', scope, id);
    _requireProps(this.subject, props, { hosts: 'Give the host names of the service, such as [\'api.example.com\'].' });
    const problems = new _Problems(this.subject);
    const hosts = props.hosts ?? [];
    problems.check(hosts.length > 0, 'hosts', 'must not be empty', hosts, 'Give the host names of the service, such as [\'api.example.com\'].');
    _checkHosts(problems, 'hosts', hosts, { allowWildcard: true });
    if (props.workloadSelector && (props.endpoints ?? []).length > 0) {
      problems.add('endpoints', 'must not be set together with \'workloadSelector\'', props.endpoints,
        'Give endpoints, or select workloads with workloadSelector, not both.');
    }
    const cidrs = (props.addresses ?? []).filter((a) => a.includes('/'));
    const resolution = props.resolution ?? ServiceEntryResolution.NONE;
    if (cidrs.length > 0 && resolution !== ServiceEntryResolution.NONE && resolution !== ServiceEntryResolution.STATIC) {
      problems.add('addresses', `must not hold CIDR ranges with resolution ${resolution}`, cidrs,
        'Use single IP addresses, or resolution NONE or STATIC.');
    }
    (props.ports ?? []).forEach((p, i) => checkPort(p, `ports[${i}]`, problems));
    (props.endpoints ?? []).forEach((e, i) => checkEndpoint(e, `endpoints[${i}]`, problems));
    problems.throwIfAny();
    this.props = props;
    this.hosts = [...hosts];
    this.ports.push(...(props.ports ?? []).map((p) => ({ ...p })));
    this.endpoints.push(...(props.endpoints ?? []).map(copyEndpoint));
    this.apiObject = new (_networkingL1().ServiceEntry)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
    this.node.addValidation({ validate: () => this.validateNames() });
  }

  /** Adds a host of the service. */
  public addHost(host: string): void {
    _checkNotSynthesized(this, 'ServiceEntry', 'addHost');
    _requireArg(this.subject, 'host', host, 'Give a host name, such as \'api.example.com\'.');
    const problems = new _Problems(this.subject);
    _checkHosts(problems, 'hosts', [host], { allowWildcard: true }, this.hosts.length);
    problems.throwIfAny();
    this.hosts.push(host);
  }

  /** Adds a port. */
  public addPort(port: ServiceEntryPort): void {
    _checkNotSynthesized(this, 'ServiceEntry', 'addPort');
    _requireProps(this.subject, port, { number: 'Give the port number.', name: 'Give the port a name, such as \'https\'.' }, 'port');
    const problems = new _Problems(this.subject);
    checkPort(port, `ports[${this.ports.length}]`, problems);
    problems.throwIfAny();
    this.ports.push({ ...port });
  }

  /** Adds an endpoint. Fails at once when the entry selects workloads instead. */
  public addEndpoint(endpoint: ServiceEntryEndpoint): void {
    _checkNotSynthesized(this, 'ServiceEntry', 'addEndpoint');
    _requireProps(this.subject, endpoint, {}, 'endpoint', 'Pass the endpoint, such as { address: \'10.0.0.1\' }.');
    const problems = new _Problems(this.subject);
    const prop = `endpoints[${this.endpoints.length}]`;
    if (this.props.workloadSelector) {
      problems.add(prop, 'must not be added: the entry selects its endpoints with \'workloadSelector\'', endpoint,
        'Give endpoints, or select workloads with workloadSelector, not both.');
    }
    checkEndpoint(endpoint, prop, problems);
    problems.throwIfAny();
    this.endpoints.push(copyEndpoint(endpoint));
  }

  private validateNames(): string[] {
    const problems = new _Problems(this.subject);
    const names = this.ports.map((p) => p.name);
    this.endpoints.forEach((e, i) => Object.keys(e.ports ?? {}).forEach((name) => {
      if (!names.includes(name)) {
        problems.add(`endpoints[${i}].ports.${name}`, 'must name a port of the entry', name, `Use one of the port names: ${names.join(', ') || '(none)'}.`);
      }
    }));
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) problems.add('ports', 'must have unique names', duplicate, 'Give each port its own name.');
    // istiod rejects the entry ("service entry port %d already defined", pkg/config/validation/agent/validation.go).
    const numbers = this.ports.map((p) => p.number);
    const twice = numbers.find((n, i) => _isPort(n) && numbers.indexOf(n) !== i);
    if (twice !== undefined) {
      problems.add('ports', `must not hold port number ${twice} twice: istiod rejects the entry`, numbers,
        'Give each port its own number; one port carries one protocol.');
    }
    return problems.messages();
  }

  /** @internal */
  public _toKube(): k8s.ServiceEntrySpec {
    const p = this.props;
    return _compact({
      hosts: [...this.hosts],
      addresses: p.addresses ? [...p.addresses] : undefined,
      ports: this.ports.length > 0 ? this.ports.map(renderPort) : undefined,
      location: p.location as string | undefined as k8s.ServiceEntrySpecLocation | undefined,
      resolution: p.resolution as string | undefined as k8s.ServiceEntrySpecResolution | undefined,
      endpoints: this.endpoints.length > 0 ? this.endpoints.map(renderEndpoint) : undefined,
      workloadSelector: p.workloadSelector ? { labels: p.workloadSelector.matchLabels } : undefined,
      exportTo: p.exportTo ? [...p.exportTo] : undefined,
      subjectAltNames: p.subjectAltNames ? [...p.subjectAltNames] : undefined,
    });
  }
}

function checkPort(port: ServiceEntryPort, prop: string, problems: _Problems): void {
  _checkOptionalPort(problems, `${prop}.number`, port.number);
  _checkOptionalPort(problems, `${prop}.targetPort`, port.targetPort);
  problems.check(!!port.name, `${prop}.name`, 'must not be empty', port.name, 'Name the port, such as \'http\'.');
  if (port.protocol !== undefined) _checkProtocol(problems, `${prop}.protocol`, port.protocol);
}

function checkEndpoint(e: ServiceEntryEndpoint, prop: string, problems: _Problems): void {
  for (const [name, port] of Object.entries(e.ports ?? {})) _checkOptionalPort(problems, `${prop}.ports.${name}`, port);
  if (e.weight !== undefined) {
    // A uint32 in Istio's API (0 to 4294967295), so no int32 cap here.
    problems.check(Number.isInteger(e.weight) && e.weight >= 0 && e.weight <= 4_294_967_295, `${prop}.weight`, 'must be a whole number of at least 0', e.weight,
      'Use 0 or more.');
  }
  problems.check(e.address !== undefined || e.network !== undefined, `${prop}.address`, 'must be given (or else \'network\')', e.address,
    'Give the IP, DNS name or unix:// path of the endpoint.');
}

/** A copy of an endpoint as given, so later changes to the caller's object do not reach the manifest. */
function copyEndpoint(e: ServiceEntryEndpoint): ServiceEntryEndpoint {
  return { ...e, ports: e.ports ? { ...e.ports } : undefined, labels: e.labels ? { ...e.labels } : undefined };
}

function renderPort(port: ServiceEntryPort): k8s.ServiceEntrySpecPorts {
  // `name` is optional in the shared Port struct; a ServiceEntry checks it is given (checkPort).
  return _compact({ number: port.number, name: port.name!, protocol: port.protocol, targetPort: port.targetPort });
}

function renderEndpoint(e: ServiceEntryEndpoint): k8s.ServiceEntrySpecEndpoints {
  return _compact({
    address: e.address,
    ports: e.ports ? { ...e.ports } : undefined,
    labels: e.labels ? { ...e.labels } : undefined,
    network: e.network,
    locality: e.locality,
    weight: e.weight,
    serviceAccount: e.serviceAccount,
  });
}
