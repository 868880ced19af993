import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ControlPlaneComponentSettings, ControlPlaneGateway, ControlPlaneGatewayPort, ControlPlaneServiceType } from './control-plane-component';
import { _compact } from '../core/_compact';
import { _didYouMean, _Problems } from '../core/_errors';
import { _isDnsLabel } from '../core/_names';
import { _checkCount } from '../core/_numbers';
import { _checkOptionalPort, _checkPort } from '../core/_port';

/**
 * The checks and the rendering MeshControlPlane shares between its IstioOperator and its Helm
 * values: a component's replicas, autoscaling and resources, a gateway's Service and its ports.
 */

export function _checkComponent(problems: _Problems, at: string, c: ControlPlaneComponentSettings): void {
  _checkCount(problems, `${at}.replicas`, c.replicas, 0);
  problems.check(!(c.replicas !== undefined && c.autoscaling !== undefined), `${at}.replicas`,
    'cannot be set together with autoscaling: the autoscaler owns the replica count', c.replicas,
    'Keep replicas for a fixed count, or autoscaling for minReplicas..maxReplicas.');
  const a = c.autoscaling;
  if (a) {
    problems.check(Number.isInteger(a.minReplicas) && a.minReplicas >= 1, `${at}.autoscaling.minReplicas`, 'must be a whole number of at least 1',
      a.minReplicas, 'Give the fewest pods, such as 2.');
    problems.check(Number.isInteger(a.maxReplicas) && a.maxReplicas >= 1, `${at}.autoscaling.maxReplicas`, 'must be a whole number of at least 1',
      a.maxReplicas, 'Give the most pods, such as 5.');
    problems.check(!(a.minReplicas > a.maxReplicas), `${at}.autoscaling.minReplicas`, `must not be above maxReplicas (${a.maxReplicas})`,
      a.minReplicas, `Lower minReplicas to ${a.maxReplicas} or less, or raise maxReplicas.`);
    const t = a.targetCpuUtilizationPercentage;
    problems.check(t === undefined || (Number.isInteger(t) && t >= 1 && t <= 100), `${at}.autoscaling.targetCpuUtilizationPercentage`,
      'must be a whole percentage from 1 to 100', t, 'Give a target such as 80.');
  }
}

export function _checkGatewayService(problems: _Problems, at: string, gw: ControlPlaneGateway, egress: boolean): void {
  const types = Object.values(ControlPlaneServiceType) as string[];
  problems.check(gw.serviceType === undefined || types.includes(gw.serviceType), `${at}.serviceType`, `must be one of ${types.join(', ')}`,
    gw.serviceType, `Use a member of ControlPlaneServiceType.${_didYouMean(String(gw.serviceType), types)}`);
  const type = gw.serviceType ?? (egress ? ControlPlaneServiceType.CLUSTER_IP : ControlPlaneServiceType.LOAD_BALANCER);
  const names = new Set<string>();
  const numbers = new Set<number>();
  (gw.ports ?? []).forEach((port, j) => {
    const pat = `${at}.ports[${j}]`;
    const renamed = (port as { port?: unknown }).port;
    problems.check(renamed === undefined, `${pat}.port`, 'was renamed number, as in every port of the library', renamed, `Write number: ${renamed} instead of port.`);
    // A DNS label (the core check), with this construct's own tighter limit of 15 characters kept.
    problems.check(_isDnsLabel(port.name) && port.name.length <= 15, `${pat}.name`,
      'must be a port name (at most 15 lower-case letters, digits and \'-\')', port.name, 'Give a name such as \'http2\' or \'https\'.');
    problems.check(!names.has(port.name ?? ''), `${pat}.name`, 'is used by another port', port.name, 'Give each port its own name.');
    names.add(port.name ?? '');
    if (renamed === undefined) {
      _checkPort(problems, `${pat}.number`, port.number);
    }
    _checkOptionalPort(problems, `${pat}.targetPort`, port.targetPort);
    problems.check(!numbers.has(port.number), `${pat}.number`, 'is used by another port', port.number, 'Give each port its own number.');
    numbers.add(port.number);
    if (port.nodePort !== undefined) {
      problems.check(type !== ControlPlaneServiceType.CLUSTER_IP, `${pat}.nodePort`, 'needs a NodePort or LoadBalancer Service, not ClusterIP',
        port.nodePort, 'Set serviceType: ControlPlaneServiceType.NODE_PORT, or remove nodePort.');
      problems.check(Number.isInteger(port.nodePort) && port.nodePort >= 30000 && port.nodePort <= 32767, `${pat}.nodePort`,
        'must be in Kubernetes\' node port range, 30000 to 32767', port.nodePort, 'Give a port such as 30080, or leave nodePort out.');
    }
  });
}

export function _k8sSpec(c: ControlPlaneComponentSettings): { [key: string]: unknown } {
  const hpa = c.autoscaling ? _compact({
    minReplicas: c.autoscaling.minReplicas,
    maxReplicas: c.autoscaling.maxReplicas,
    metrics: c.autoscaling.targetCpuUtilizationPercentage !== undefined ? [{
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: c.autoscaling.targetCpuUtilizationPercentage } },
    }] : undefined,
  }) : undefined;
  return _compact({
    replicaCount: c.replicas,
    resources: _renderResources(c.resources),
    hpaSpec: hpa,
  });
}

export function _renderResources(r: kplus.ContainerResources | undefined): { [key: string]: unknown } | undefined {
  if (!r) return undefined;
  const requests = _compact({ cpu: r.cpu?.request?.amount, memory: renderSize(r.memory?.request) });
  const limits = _compact({ cpu: r.cpu?.limit?.amount, memory: renderSize(r.memory?.limit) });
  const out = _compact({
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

function renderSize(size: Size | undefined): string | undefined {
  if (!size) return undefined;
  const none = { rounding: SizeRoundingBehavior.NONE };
  const gi = size.toGibibytes(none);
  if (Number.isInteger(gi)) return `${gi}Gi`;
  const mi = size.toMebibytes(none);
  if (Number.isInteger(mi)) return `${mi}Mi`;
  return `${Math.round(size.toKibibytes(none))}Ki`;
}

/** A gateway Service port as the IstioOperator's `k8s.service.ports` takes it. */
export function _operatorServicePort(port: ControlPlaneGatewayPort): { [key: string]: unknown } {
  return _compact({ name: port.name, port: port.number, targetPort: port.targetPort, nodePort: port.nodePort, appProtocol: appProtocol(port) });
}

/** A gateway Service port as the Helm `gateway` chart's `service.ports` takes it. */
export function _helmServicePort(port: ControlPlaneGatewayPort): { [key: string]: unknown } {
  return _compact({
    name: port.name, port: port.number, protocol: 'TCP', targetPort: port.targetPort ?? port.number, nodePort: port.nodePort, appProtocol: appProtocol(port),
  });
}

/** The Service port's `appProtocol` for a port's protocol: its lower-case name, as Istio reads it. */
function appProtocol(port: ControlPlaneGatewayPort): string | undefined {
  return port.protocol?.toLowerCase();
}
