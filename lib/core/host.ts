import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { _fail } from './_errors';
import { _CLUSTER_DOMAIN, _hostProblem, _serviceFqdn } from './_host';

/**
 * A host an Istio object routes to or configures: a name written out, or a cdk8s-plus Service.
 *
 * Istio reads a short name in the namespace of the object that uses it, so a Service in another
 * namespace renders as its FQDN (`name.namespace.svc.cluster.local`).
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
 */
export class ServiceHost {
  /**
   * A host by name: a short name, an FQDN, `*.example.com` or `*`.
   *
   * @example ServiceHost.name('reviews')
   */
  public static name(host: string): ServiceHost {
    const problem = _hostProblem(host);
    if (problem) {
      _fail('ServiceHost.name', 'host', problem, host,
        'Use a short name (`reviews`), an FQDN (`reviews.bookinfo.svc.cluster.local`), `*.example.com` or `*`.');
    }
    return new ServiceHost(() => host);
  }

  /**
   * The FQDN of a Kubernetes Service: `<name>.<namespace>.svc.<clusterDomain>`.
   *
   * @param clusterDomain the cluster's DNS domain; `cluster.local` unless the cluster was set up otherwise
   */
  public static fqdn(name: string, namespace: string, clusterDomain: string = _CLUSTER_DOMAIN): ServiceHost {
    const host = _serviceFqdn(name, namespace, clusterDomain);
    const problem = _hostProblem(host, {});
    if (problem || !name || !namespace) {
      _fail('ServiceHost.fqdn', 'name', problem ?? 'must not be empty', host, 'Give the Service name and namespace as DNS labels.');
    }
    return new ServiceHost(() => host);
  }

  /**
   * The host of a cdk8s-plus Service: its name when it lives in the namespace of the object that
   * uses it, its FQDN (`name.namespace.svc.cluster.local`) otherwise.
   */
  public static fromService(service: kplus.Service): ServiceHost {
    return new ServiceHost((namespace) => {
      const serviceNamespace = service.metadata.namespace ?? Chart.of(service).namespace;
      if (!serviceNamespace || serviceNamespace === namespace) return service.name;
      return _serviceFqdn(service.name, serviceNamespace);
    });
  }

  private constructor(private readonly render: (namespace: string | undefined) => string) {}

  /**
   * Renders the host as seen from an object in `namespace`.
   *
   * @internal
   */
  public _render(namespace: string | undefined): string {
    return this.render(namespace);
  }
}
