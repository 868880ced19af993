import { App, Chart, Testing } from 'cdk8s';
import { errorOf } from './_util';
import {
  EgressLockdown, OutboundTrafficPolicyMode, Protocol, ServiceEntryResolution, Sidecar, WorkloadSelector, ZeroTrustNamespace,
} from '../../lib';
import { findObject } from '../support/seed';

const chart = (namespace: string | null = 'payments') => new Chart(Testing.app(), 'test', { namespace: namespace ?? undefined });
const https = (name: string, host: string) => ({ name, hosts: [host], ports: [{ number: 443, protocol: Protocol.HTTPS }] });

describe('EgressLockdown', () => {
  describe('sidecar', () => {
    test('creates a Sidecar default with REGISTRY_ONLY when none is given', () => {
      const c = chart();
      const lockdown = new EgressLockdown(c, 'egress');
      const sidecar = findObject(Testing.synth(c), 'Sidecar', 'default');
      expect(sidecar.metadata.namespace).toBe('payments');
      expect(sidecar.spec).toEqual({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
      expect(lockdown.sidecar.outboundTrafficPolicy?.mode).toBe(OutboundTrafficPolicyMode.REGISTRY_ONLY);
    });

    test('sets REGISTRY_ONLY on a ZeroTrustNamespace\'s Sidecar instead of adding a second one', () => {
      const c = chart();
      const ns = new ZeroTrustNamespace(c, 'payments');
      new EgressLockdown(c, 'egress', { sidecar: ns.sidecar, externalServices: [https('stripe', 'api.stripe.com')] });
      const sidecars = Testing.synth(c).filter((o) => o.kind === 'Sidecar');
      expect(sidecars).toHaveLength(1);
      expect(sidecars[0].spec.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
      expect(sidecars[0].spec.egress).toEqual([{ hosts: ['./*', 'istio-system/*'] }]);
    });

    test('fails for a Sidecar with a selector, with ALLOW_ANY, or of another namespace', () => {
      const c = chart();
      const selective = new Sidecar(c, 'selective', { workloadSelector: WorkloadSelector.labels({ app: 'a' }) });
      expect(errorOf(() => new EgressLockdown(c, 'a', { sidecar: selective })))
        .toContain('\'sidecar\' selects workloads, so REGISTRY_ONLY would not cover the whole namespace (received: {"app":"a"})');
      const open = new Sidecar(c, 'open', { outboundTrafficPolicy: { mode: OutboundTrafficPolicyMode.ALLOW_ANY } });
      expect(errorOf(() => new EgressLockdown(c, 'b', { sidecar: open }))).toContain('\'sidecar\' already sets outboundTrafficPolicy ALLOW_ANY');
      const other = new Sidecar(c, 'other', { metadata: { name: 'default', namespace: 'shop' } });
      expect(errorOf(() => new EgressLockdown(c, 'c', { sidecar: other }))).toContain('\'sidecar\' lives in namespace \'shop\', not \'payments\'');
    });
  });

  describe('external services', () => {
    test('renders one ServiceEntry per service: DNS, named ports, exported to the namespace only', () => {
      const c = chart();
      const lockdown = new EgressLockdown(c, 'egress', {
        externalServices: [{ name: 'stripe', hosts: ['api.stripe.com'], ports: [{ number: 443, protocol: Protocol.TLS }, { number: 8443, protocol: Protocol.TLS }, { number: 80, protocol: Protocol.HTTP, name: 'plain' }] }],
      });
      expect(lockdown.serviceEntries).toHaveLength(1);
      expect(findObject(Testing.synth(c), 'ServiceEntry', 'stripe').spec).toEqual({
        hosts: ['api.stripe.com'],
        ports: [{ number: 443, name: 'tls-443', protocol: 'TLS' }, { number: 8443, name: 'tls-8443', protocol: 'TLS' }, { number: 80, name: 'plain', protocol: 'HTTP' }],
        resolution: 'DNS',
        exportTo: ['.'],
      });
    });

    test('leaves resolution out (NONE) for wildcard hosts', () => {
      const c = chart();
      new EgressLockdown(c, 'egress', { externalServices: [{ name: 'wiki', hosts: ['*.wikipedia.org'], ports: [{ number: 443, protocol: Protocol.TLS }] }] });
      expect(findObject(Testing.synth(c), 'ServiceEntry', 'wiki').spec.resolution).toBeUndefined();
    });

    test('originates TLS on an HTTP port: target port 443 and a DestinationRule with SIMPLE TLS (istio.io egress-tls-origination)', () => {
      // https://istio.io/latest/docs/tasks/traffic-management/egress/egress-tls-origination/
      const c = chart('default');
      const lockdown = new EgressLockdown(c, 'egress', {
        exportToMesh: true,
        externalServices: [{
          name: 'edition-cnn-com',
          hosts: ['edition.cnn.com'],
          ports: [{ number: 80, name: 'http-port', protocol: Protocol.HTTP, originateTls: true }, { number: 443, name: 'https-port', protocol: Protocol.HTTPS }],
        }],
      });
      const out = Testing.synth(c);
      expect(findObject(out, 'ServiceEntry', 'edition-cnn-com').spec).toEqual({
        hosts: ['edition.cnn.com'],
        ports: [{ number: 80, name: 'http-port', protocol: 'HTTP', targetPort: 443 }, { number: 443, name: 'https-port', protocol: 'HTTPS' }],
        resolution: 'DNS',
      });
      expect(findObject(out, 'DestinationRule', 'edition-cnn-com').spec).toEqual({
        host: 'edition.cnn.com',
        trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] },
      });
      expect(lockdown.tlsOriginationRules).toHaveLength(1);
    });

    test('from plain JavaScript, fails on a port without a protocol, which decides how the host is routed', () => {
      const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
      expect(errorOf(() => new EgressLockdown(c, 'egress', { externalServices: [{ name: 'stripe', hosts: ['api.stripe.com'], ports: [{ number: 443 }] }] })))
        .toContain("EgressLockdown 'c/egress': 'externalServices[0].ports[0].protocol' is required: it decides how the host is routed (received: undefined)");
    });

    test('fails for a host listed twice, a duplicate name, TLS origination on a passthrough port, DNS for a wildcard', () => {
      const c = chart();
      const message = errorOf(() => new EgressLockdown(c, 'egress', {
        externalServices: [
          https('stripe', 'api.stripe.com'),
          { ...https('stripe', 'api.stripe.com') },
          { name: 'tls', hosts: ['a.example.com'], ports: [{ number: 443, protocol: Protocol.TLS, originateTls: true }] },
          { name: 'wild', hosts: ['*.example.org'], ports: [{ number: 443, protocol: Protocol.TLS }], resolution: ServiceEntryResolution.DNS },
        ],
      }));
      expect(message).toContain('EgressLockdown \'test/egress\' has 4 problems');
      expect(message).toContain('\'externalServices[1].hosts[0]\' lists \'api.stripe.com\', which externalServices[0] already lists');
      expect(message).toContain('\'externalServices[1].name\' must be unique: it names the ServiceEntry (received: "stripe")');
      expect(message).toContain('\'externalServices[2].ports[0].originateTls\' cannot be set on a TLS port: the workload\'s TLS passes through it');
      expect(message).toContain('\'externalServices[3].resolution\' cannot be DNS with the wildcard host \'*.example.org\'');
    });

    test('fails for a bad namespace, service name, host, target port, protocol, duplicate port names and gateway name', () => {
      const message = errorOf(() => new EgressLockdown(chart(), 'egress', {
        namespace: 'Payments',
        externalServices: [{
          name: 'Bad_Name',
          hosts: ['*', 'mail.example.com'],
          ports: [{ number: 80, protocol: Protocol.HTTP, targetPort: 70000 }, { number: 81, protocol: Protocol.HTTP, name: 'http-80' }, { number: 82, protocol: 'SMTP' as any }],
        }],
        egressGateway: { hosts: ['mail.example.com'], gatewayName: 'Egress_GW' },
      }));
      expect(message).toContain('\'namespace\' must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and \'-\') (received: "Payments")');
      expect(message).toContain('\'externalServices[0].name\' must be a DNS-1123 subdomain');
      expect(message).toContain('\'externalServices[0].hosts[0]\' must name a host, not `*`');
      expect(message).toContain('\'externalServices[0].ports[0].targetPort\' must be a port number from 1 to 65535 (received: 70000)');
      expect(message).toContain('\'externalServices[0].ports[2].protocol\' must be a Protocol (received: "SMTP")');
      expect(message).toContain('\'externalServices[0].ports[1].name\' must be unique in the service (received: "http-80")');
      expect(message).toContain('\'egressGateway.gatewayName\' must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, \'-\' and \'.\' (received: "Egress_GW")');
      expect(message).not.toContain('cannot be SMTP');
    });

    test('applies Kubernetes\' length limits: a namespace of at most 63 characters, a Gateway name of at most 253', () => {
      // A namespace is a DNS-1123 label and a Gateway's name a DNS-1123 subdomain (apimachinery's validation).
      const message = errorOf(() => new EgressLockdown(chart(), 'egress', {
        namespace: 'n'.repeat(64),
        externalServices: [https('stripe', 'api.stripe.com')],
        egressGateway: { hosts: ['api.stripe.com'], gatewayName: 'g'.repeat(254) },
      }));
      expect(message).toContain(`'namespace' must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and '-') (received: "${'n'.repeat(64)}")`);
      expect(message).toContain(`'egressGateway.gatewayName' must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' and '.' (received: "${'g'.repeat(254)}")`);
      expect(() => new EgressLockdown(chart(), 'fine', {
        namespace: 'n'.repeat(63), externalServices: [https('stripe', 'api.stripe.com')], egressGateway: { hosts: ['api.stripe.com'], gatewayName: 'g'.repeat(253) },
      })).not.toThrow();
    });

    test('fails for a missing namespace, empty hosts and ports, and bad port numbers', () => {
      const message = errorOf(() => new EgressLockdown(chart(null), 'egress', {
        externalServices: [{ name: 'x', hosts: [], ports: [] }, { name: 'y', hosts: ['y.example.com'], ports: [{ number: 0, protocol: Protocol.HTTP }] }],
      }));
      expect(message).toContain('\'namespace\' must be given, or the chart must have a namespace');
      expect(message).toContain('\'externalServices[0].hosts\' must not be empty');
      expect(message).toContain('\'externalServices[0].ports\' must not be empty');
      expect(message).toContain('\'externalServices[1].ports[0].number\' must be a port number from 1 to 65535 (received: 0)');
    });
  });

  describe('egress gateway (istio.io Egress Gateways task)', () => {
    // The objects of https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/, field by field.
    const EGW = 'istio-egressgateway.istio-system.svc.cluster.local';

    test('HTTP: Gateway on port 80, a subset for the gateway Service, mesh -> gateway -> edition.cnn.com', () => {
      const c = chart('default');
      new EgressLockdown(c, 'egress', {
        exportToMesh: true,
        externalServices: [{ name: 'cnn', hosts: ['edition.cnn.com'], ports: [{ number: 80, name: 'http-port', protocol: Protocol.HTTP }, { number: 443, protocol: Protocol.HTTPS }] }],
        egressGateway: { hosts: ['edition.cnn.com'] },
      });
      const out = Testing.synth(c);
      expect(findObject(out, 'ServiceEntry', 'cnn').spec).toEqual({
        hosts: ['edition.cnn.com'],
        ports: [{ number: 80, name: 'http-port', protocol: 'HTTP' }, { number: 443, name: 'https', protocol: 'HTTPS' }],
        resolution: 'DNS',
      });
      const gw = findObject(out, 'Gateway', 'istio-egressgateway');
      expect(gw.spec.selector).toEqual({ istio: 'egressgateway' });
      expect(gw.spec.servers[0]).toEqual({ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['edition.cnn.com'] });
      expect(findObject(out, 'DestinationRule', 'egressgateway-for-cnn').spec).toEqual({ host: EGW, subsets: [{ name: 'cnn' }] });
      const vs = findObject(out, 'VirtualService', 'direct-cnn-through-egress-gateway').spec;
      expect(vs.hosts).toEqual(['edition.cnn.com']);
      expect(vs.gateways).toEqual(['istio-egressgateway', 'mesh']);
      expect(vs.http).toEqual([
        { match: [{ gateways: ['mesh'], port: 80 }], route: [{ destination: { host: EGW, subset: 'cnn', port: { number: 80 } }, weight: 100 }] },
        { match: [{ gateways: ['istio-egressgateway'], port: 80 }], route: [{ destination: { host: 'edition.cnn.com', port: { number: 80 } }, weight: 100 }] },
      ]);
      // This lockdown's service has the HTTPS port too, so it also passes 443 through by SNI (the task's next section).
      expect(gw.spec.servers[1]).toEqual({ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } });
    });

    test('HTTPS: TLS passthrough on 443, routed by SNI', () => {
      const c = chart('default');
      const lockdown = new EgressLockdown(c, 'egress', {
        exportToMesh: true,
        externalServices: [{ name: 'cnn', hosts: ['edition.cnn.com'], ports: [{ number: 443, protocol: Protocol.TLS }] }],
        egressGateway: { hosts: ['edition.cnn.com'] },
      });
      const out = Testing.synth(c);
      expect(findObject(out, 'ServiceEntry', 'cnn').spec).toEqual({ hosts: ['edition.cnn.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' });
      expect(findObject(out, 'Gateway', 'istio-egressgateway').spec).toEqual({
        selector: { istio: 'egressgateway' },
        servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } }],
      });
      expect(findObject(out, 'DestinationRule', 'egressgateway-for-cnn').spec).toEqual({ host: EGW, subsets: [{ name: 'cnn' }] });
      const vs = findObject(out, 'VirtualService', 'direct-cnn-through-egress-gateway').spec;
      expect(vs.hosts).toEqual(['edition.cnn.com']);
      // The task lists the gateways as [mesh, istio-egressgateway] here; their order has no meaning.
      expect([...vs.gateways].sort()).toEqual(['istio-egressgateway', 'mesh']);
      // The task leaves weight out of the mesh route; 100 is what Istio gives a single destination.
      expect(vs.tls).toEqual([
        { match: [{ gateways: ['mesh'], port: 443, sniHosts: ['edition.cnn.com'] }], route: [{ destination: { host: EGW, subset: 'cnn', port: { number: 443 } }, weight: 100 }] },
        { match: [{ gateways: ['istio-egressgateway'], port: 443, sniHosts: ['edition.cnn.com'] }], route: [{ destination: { host: 'edition.cnn.com', port: { number: 443 } }, weight: 100 }] },
      ]);
      expect(lockdown.egressGateway).toBeDefined();
      expect(lockdown.egressGatewayRules).toHaveLength(1);
      expect(lockdown.egressGatewayRoutes).toHaveLength(1);
    });

    test('exports what the egress gateway reads to its namespace too, by default', () => {
      const c = chart();
      new EgressLockdown(c, 'egress', { externalServices: [https('stripe', 'api.stripe.com'), https('other', 'other.example.com')], egressGateway: { hosts: ['api.stripe.com'] } });
      const out = Testing.synth(c);
      expect(findObject(out, 'ServiceEntry', 'stripe').spec.exportTo).toEqual(['.', 'istio-system']);
      expect(findObject(out, 'VirtualService', 'direct-stripe-through-egress-gateway').spec.exportTo).toEqual(['.', 'istio-system']);
      expect(findObject(out, 'DestinationRule', 'egressgateway-for-stripe').spec.exportTo).toEqual(['.']);
      expect(findObject(out, 'ServiceEntry', 'other').spec.exportTo).toEqual(['.']);
    });

    test('routes one host of a service with several, with its own subset; another gateway selector, Service and name', () => {
      const c = chart();
      new EgressLockdown(c, 'egress', {
        externalServices: [{ name: 'pypi', hosts: ['pypi.org', 'files.pythonhosted.org'], ports: [{ number: 443, protocol: Protocol.TLS }] }],
        egressGateway: { hosts: ['files.pythonhosted.org'], selector: WorkloadSelector.labels({ app: 'egress' }), service: 'egress.gateways.svc.cluster.local', gatewayName: 'egress' },
      });
      const out = Testing.synth(c);
      expect(findObject(out, 'Gateway', 'egress').spec.selector).toEqual({ app: 'egress' });
      expect(findObject(out, 'DestinationRule', 'egressgateway-for-pypi-2').spec).toEqual({ host: 'egress.gateways.svc.cluster.local', subsets: [{ name: 'pypi-2' }], exportTo: ['.'] });
      const vs = findObject(out, 'VirtualService', 'direct-pypi-2-through-egress-gateway').spec;
      expect(vs.gateways).toEqual(['egress', 'mesh']);
      expect(vs.tls[1].route[0].destination.host).toBe('files.pythonhosted.org');
    });

    test('routes a wildcard host by SNI with DYNAMIC_DNS', () => {
      const c = chart();
      new EgressLockdown(c, 'egress', {
        externalServices: [{ name: 'wiki', hosts: ['*.wikipedia.org'], ports: [{ number: 443, protocol: Protocol.TLS }] }],
        egressGateway: { hosts: ['*.wikipedia.org'] },
      });
      const out = Testing.synth(c);
      expect(findObject(out, 'ServiceEntry', 'wiki').spec.resolution).toBe('DYNAMIC_DNS');
      expect(findObject(out, 'VirtualService', 'direct-wiki-through-egress-gateway').spec.tls[0].match[0].sniHosts).toEqual(['*.wikipedia.org']);
    });

    test('fails for a route to a host with no external service, a wildcard without SNI, TCP, NONE and TLS origination through the gateway', () => {
      const c = chart();
      const message = errorOf(() => new EgressLockdown(c, 'egress', {
        externalServices: [
          { name: 'wiki', hosts: ['*.wikipedia.org'], ports: [{ number: 80, protocol: Protocol.HTTP }] },
          { name: 'db', hosts: ['db.example.com'], ports: [{ number: 5432, protocol: Protocol.TCP }] },
          { name: 'raw', hosts: ['raw.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }], resolution: ServiceEntryResolution.NONE },
          { name: 'up', hosts: ['up.example.com'], ports: [{ number: 80, protocol: Protocol.HTTP, originateTls: true }] },
        ],
        egressGateway: { hosts: ['*.wikipedia.org', 'db.example.com', 'raw.example.com', 'up.example.com', 'api.strpe.com', 'db.exampel.com'] },
      }));
      expect(message).toContain('\'externalServices[0].ports[0].protocol\' cannot be HTTP for the wildcard host \'*.wikipedia.org\' through the egress gateway: the gateway needs SNI');
      expect(message).toContain('\'externalServices[1].ports[0].protocol\' cannot be routed through the egress gateway: only HTTP (by Host) and HTTPS/TLS (by SNI) ports can');
      expect(message).toContain('\'externalServices[2].resolution\' cannot be NONE for a host routed through the egress gateway');
      expect(message).toContain('\'externalServices[3].ports[0].originateTls\' cannot be combined with routing the host through the egress gateway');
      expect(message).toContain('\'egressGateway.hosts[4]\' is the host of no external service, so no ServiceEntry would let it out (received: "api.strpe.com")');
      expect(message).toContain('\'egressGateway.hosts[5]\' is the host of no external service');
      expect(message).toContain('Did you mean \'db.example.com\'?');
      expect(message).toContain('has 6 problems');
    });

    test('fails for empty routed hosts and a gateway Service that is no FQDN', () => {
      const message = errorOf(() => new EgressLockdown(chart(), 'egress', { egressGateway: { hosts: [], service: 'istio-egressgateway' } }));
      expect(message).toContain('\'egressGateway.hosts\' must not be empty');
      expect(message).toContain('\'egressGateway.service\' must be the FQDN of the egress gateway\'s Service');
    });
  });

  test('snapshot of a locked-down namespace with an egress gateway', () => {
    const c = new Chart(new App(), 'payments', { namespace: 'payments' });
    new EgressLockdown(c, 'egress', {
      externalServices: [https('stripe', 'api.stripe.com'), { name: 'status', hosts: ['status.example.com'], ports: [{ number: 80, protocol: Protocol.HTTP }] }],
      egressGateway: { hosts: ['api.stripe.com', 'status.example.com'] },
    });
    expect(Testing.synth(c)).toMatchSnapshot();
  });
});
