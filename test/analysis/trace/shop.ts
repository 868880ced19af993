/** A small two-namespace shop mesh, as plain manifests, for the trace tests. */

export function ns(name: string, labels: Record<string, string> = { 'istio-injection': 'enabled' }): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface PodOptions {
  readonly sa?: string;
  readonly labels?: Record<string, string>;
  readonly port?: number;
  readonly annotations?: Record<string, string>;
}

export function deployment(namespace: string, name: string, opts: PodOptions = {}): any {
  const labels = { app: name, ...(opts.labels ?? {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: opts.labels?.version ? `${name}-${opts.labels.version}` : name, namespace },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: opts.annotations },
        spec: { serviceAccountName: opts.sa ?? name, containers: [{ name, image: `example/${name}`, ports: [{ containerPort: opts.port ?? 8080 }] }] },
      },
    },
  };
}

export function service(namespace: string, name: string, port = 80, targetPort = 8080, portName = 'http'): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ name: portName, port, targetPort }] },
  };
}

export function istio(kind: string, namespace: string, name: string, spec: any, group = 'networking'): any {
  return { apiVersion: `${group}.istio.io/v1`, kind, metadata: { name, namespace }, spec };
}

/** web/frontend calls shop/cart; shop is STRICT and allows only frontend. */
export function shop(): any[] {
  return [
    ns('web'), ns('shop'),
    deployment('web', 'frontend'), service('web', 'frontend'),
    deployment('shop', 'cart'), service('shop', 'cart'),
    istio('PeerAuthentication', 'shop', 'default', { mtls: { mode: 'STRICT' } }, 'security'),
    istio('AuthorizationPolicy', 'shop', 'allow-nothing', {}, 'security'),
    istio('AuthorizationPolicy', 'shop', 'cart-from-frontend', {
      selector: { matchLabels: { app: 'cart' } },
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/web/sa/frontend'] } }] }],
    }, 'security'),
  ];
}
