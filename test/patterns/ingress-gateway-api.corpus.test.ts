/** IngressGateway with `routing: RoutingApi.GATEWAY_API` reproduces Istio's Gateway API samples. */
import { Chart, Testing } from 'cdk8s';
import { HttpMatch, IngressGateway, RoutingApi } from '../../lib';
import { comparableObject, findObject, sampleObjects } from '../support/seed';

const GATEWAY_API = RoutingApi.GATEWAY_API;

const chart = (namespace?: string) => new Chart(Testing.app(), 'test', { namespace });

describe('IngressGateway (RoutingApi.GATEWAY_API)', () => {
  describe('Istio samples', () => {
    test.each(['bookinfo/gateway-api/bookinfo-gateway.yaml', 'ambient-argo/application/ingress-gateway.yaml'])('reproduces %s', (file) => {
      const c = chart();
      const ingress = new IngressGateway(c, 'bookinfo-gateway', { routing: GATEWAY_API, httpServers: [{ hosts: ['*'] }] });
      const returned = ingress.exposeHost('productpage', 9080, {
        virtualServiceName: 'bookinfo',
        match: [HttpMatch.exact('/productpage'), HttpMatch.prefix('/static'), HttpMatch.exact('/login'), HttpMatch.exact('/logout'), HttpMatch.prefix('/api/v1/products')],
      });
      expect(returned).toBeUndefined();
      const out = Testing.synth(c);
      const expected = sampleObjects(file);
      expect(out.map(comparableObject)).toHaveLength(expected.length);
      for (const want of expected) expect(comparableObject(findObject(out, want.kind, want.metadata.name))).toEqual(comparableObject(want));
      expect(ingress.gateway).toBeUndefined();
      expect(ingress.kubernetesGateway?.gatewayClassName).toBe('istio');
      expect(ingress.gatewayRoutes.map((r) => r.name)).toEqual(['bookinfo']);
      expect(ingress.virtualServices).toEqual([]);
    });
  });
});
