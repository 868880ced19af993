/**
 * Istio's annotation table (istio/api `annotation/annotations.yaml` as of Istio 1.30): each annotation's name,
 * the resource kinds it belongs on, its feature status, whether it is deprecated, and the kind of value the
 * sidecar injector accepts for it (only the annotations the injector validates carry a value type).
 */

/** The kind of value an annotation takes, as the injector validates it. @internal */
export type _AnnotationValue =
  | 'bool' | 'uint32' | 'port' | 'ports' | 'portsOrStar' | 'cidrs' | 'cidrsOrStar'
  | 'interfaces' | 'quantity' | 'interceptionMode' | 'proxyConfig';

/** One Istio annotation. @internal */
export interface _IstioAnnotation {
  readonly name: string;
  /** Kinds it belongs on; 'Any' for every kind. */
  readonly resources: readonly string[];
  readonly status: 'Alpha' | 'Beta' | 'Stable';
  readonly deprecated?: boolean;
  readonly value?: _AnnotationValue;
}

/** Every annotation Istio defines. @internal */
export const _ISTIO_ANNOTATIONS: readonly _IstioAnnotation[] = [
  { name: 'alpha.istio.io/canonical-serviceaccounts', resources: ['Service'], status: 'Alpha', deprecated: true },
  { name: 'alpha.istio.io/kubernetes-serviceaccounts', resources: ['Service'], status: 'Alpha', deprecated: true },
  { name: 'ambient.istio.io/bypass-inbound-capture', resources: ['Pod'], status: 'Alpha' },
  { name: 'ambient.istio.io/dns-capture', resources: ['Pod'], status: 'Alpha' },
  { name: 'ambient.istio.io/redirection', resources: ['Pod'], status: 'Beta' },
  { name: 'ambient.istio.io/waypoint-inbound-binding', resources: ['GatewayClass', 'Gateway'], status: 'Alpha' },
  { name: 'galley.istio.io/analyze-suppress', resources: ['Any'], status: 'Alpha' },
  { name: 'gateway.istio.io/controller-version', resources: ['Any'], status: 'Alpha' },
  { name: 'gateway.istio.io/name-override', resources: ['Gateway'], status: 'Alpha' },
  { name: 'gateway.istio.io/service-account', resources: ['Gateway'], status: 'Alpha' },
  { name: 'inject.istio.io/templates', resources: ['Pod'], status: 'Alpha' },
  { name: 'istio.io/autoRegistrationGroup', resources: ['WorkloadEntry'], status: 'Alpha' },
  { name: 'istio.io/connectedAt', resources: ['WorkloadEntry'], status: 'Alpha' },
  { name: 'istio.io/disconnectedAt', resources: ['WorkloadEntry'], status: 'Alpha' },
  { name: 'istio.io/dry-run', resources: ['AuthorizationPolicy'], status: 'Alpha' },
  { name: 'istio.io/reroute-virtual-interfaces', resources: ['Pod'], status: 'Alpha', value: 'interfaces' },
  { name: 'istio.io/rev', resources: ['Pod'], status: 'Alpha' },
  { name: 'istio.io/workloadController', resources: ['WorkloadEntry'], status: 'Alpha' },
  { name: 'kubernetes.io/ingress.class', resources: ['Ingress'], status: 'Stable' },
  { name: 'networking.istio.io/exportTo', resources: ['Service'], status: 'Alpha' },
  { name: 'networking.istio.io/service-type', resources: ['Gateway'], status: 'Alpha' },
  { name: 'networking.istio.io/traffic-distribution', resources: ['Namespace', 'Service', 'ServiceEntry'], status: 'Alpha' },
  { name: 'prometheus.istio.io/merge-metrics', resources: ['Pod'], status: 'Alpha', value: 'bool' },
  { name: 'proxy.istio.io/config', resources: ['Pod'], status: 'Beta', value: 'proxyConfig' },
  { name: 'proxy.istio.io/overrides', resources: ['Pod'], status: 'Alpha' },
  { name: 'readiness.status.sidecar.istio.io/applicationPorts', resources: ['Pod'], status: 'Alpha' },
  { name: 'readiness.status.sidecar.istio.io/failureThreshold', resources: ['Pod'], status: 'Alpha', value: 'uint32' },
  { name: 'readiness.status.sidecar.istio.io/initialDelaySeconds', resources: ['Pod'], status: 'Alpha', value: 'uint32' },
  { name: 'readiness.status.sidecar.istio.io/periodSeconds', resources: ['Pod'], status: 'Alpha', value: 'uint32' },
  { name: 'sidecar.istio.io/agentLogLevel', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/bootstrapOverride', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/componentLogLevel', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/discoveryAddress', resources: ['Pod'], status: 'Alpha', deprecated: true },
  { name: 'sidecar.istio.io/extraStatTags', resources: ['Pod'], status: 'Alpha', deprecated: true },
  { name: 'sidecar.istio.io/inject', resources: ['Pod'], status: 'Beta', deprecated: true },
  { name: 'sidecar.istio.io/interceptionMode', resources: ['Pod'], status: 'Alpha', value: 'interceptionMode' },
  { name: 'sidecar.istio.io/logLevel', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/nativeSidecar', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/proxyCPU', resources: ['Pod'], status: 'Alpha', value: 'quantity' },
  { name: 'sidecar.istio.io/proxyCPULimit', resources: ['Pod'], status: 'Alpha', value: 'quantity' },
  { name: 'sidecar.istio.io/proxyImage', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/proxyImageType', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/proxyMemory', resources: ['Pod'], status: 'Alpha', value: 'quantity' },
  { name: 'sidecar.istio.io/proxyMemoryLimit', resources: ['Pod'], status: 'Alpha', value: 'quantity' },
  { name: 'sidecar.istio.io/rewriteAppHTTPProbers', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/statsCompression', resources: ['Pod'], status: 'Alpha', deprecated: true },
  { name: 'sidecar.istio.io/statsEvictionInterval', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/statsFlushInterval', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/statsHistogramBins', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/statsHistogramBuckets', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/statsInclusionPrefixes', resources: ['Pod'], status: 'Alpha', deprecated: true },
  { name: 'sidecar.istio.io/statsInclusionRegexps', resources: ['Pod'], status: 'Alpha', deprecated: true },
  { name: 'sidecar.istio.io/statsInclusionSuffixes', resources: ['Pod'], status: 'Alpha', deprecated: true },
  { name: 'sidecar.istio.io/status', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/userVolume', resources: ['Pod'], status: 'Alpha' },
  { name: 'sidecar.istio.io/userVolumeMount', resources: ['Pod'], status: 'Alpha' },
  { name: 'status.sidecar.istio.io/port', resources: ['Pod'], status: 'Alpha', value: 'port' },
  { name: 'topology.istio.io/controlPlaneClusters', resources: ['Namespace'], status: 'Alpha' },
  { name: 'traffic.istio.io/nodeSelector', resources: ['Service'], status: 'Stable' },
  { name: 'traffic.sidecar.istio.io/excludeInboundPorts', resources: ['Pod'], status: 'Alpha', value: 'ports' },
  { name: 'traffic.sidecar.istio.io/excludeInterfaces', resources: ['Pod'], status: 'Alpha', value: 'interfaces' },
  { name: 'traffic.sidecar.istio.io/excludeOutboundIPRanges', resources: ['Pod'], status: 'Alpha', value: 'cidrs' },
  { name: 'traffic.sidecar.istio.io/excludeOutboundPorts', resources: ['Pod'], status: 'Alpha', value: 'ports' },
  { name: 'traffic.sidecar.istio.io/includeInboundPorts', resources: ['Pod'], status: 'Alpha', value: 'portsOrStar' },
  { name: 'traffic.sidecar.istio.io/includeOutboundIPRanges', resources: ['Pod'], status: 'Alpha', value: 'cidrsOrStar' },
  { name: 'traffic.sidecar.istio.io/includeOutboundPorts', resources: ['Pod'], status: 'Alpha' },
  { name: 'traffic.sidecar.istio.io/kubevirtInterfaces', resources: ['Pod'], status: 'Alpha', deprecated: true, value: 'interfaces' },
];
