/** IngressGateway reproduces the Gateway and VirtualService of Istio's Bookinfo samples. */
import { Chart, Testing } from 'cdk8s';
import { HttpMatch, IngressGateway } from '../../lib';
import { comparableObject, findObject, sampleObjects } from '../support/seed';

const chart = (namespace?: string) => new Chart(Testing.app(), 'test', { namespace });

describe('IngressGateway', () => {
  describe('Istio samples', () => {
    test('reproduces bookinfo-gateway.yaml: the Gateway and its VirtualService', () => {
      const c = chart();
      const ingress = new IngressGateway(c, 'bookinfo-gateway', { httpServers: [{ port: 8080, hosts: ['*'] }], restrictHostsToRoutesNamespace: false });
      ingress.exposeHost('productpage', 9080, {
        virtualServiceName: 'bookinfo',
        match: [HttpMatch.exact('/productpage'), HttpMatch.prefix('/static'), HttpMatch.exact('/login'), HttpMatch.exact('/logout'), HttpMatch.prefix('/api/v1/products')],
      });
      const out = Testing.synth(c);
      const expected = sampleObjects('bookinfo/networking/bookinfo-gateway.yaml');
      expect(out).toHaveLength(2);
      expect(comparableObject(findObject(out, 'Gateway', 'bookinfo-gateway'))).toEqual(comparableObject(findObject(expected, 'Gateway', 'bookinfo-gateway')));
      expect(comparableObject(findObject(out, 'VirtualService', 'bookinfo'))).toEqual(comparableObject(findObject(expected, 'VirtualService', 'bookinfo')));
    });

    test('reproduces certmanager-gateway.yaml: Gateway and VirtualService in istio-system', () => {
      const c = chart();
      const ingress = new IngressGateway(c, 'cert-manager-gateway', { namespace: 'istio-system', httpServers: [{ hosts: ['*'] }], restrictHostsToRoutesNamespace: false });
      ingress.exposeHost('cert-manager-resolver', 8089, { virtualServiceName: 'cert-manager', match: [HttpMatch.prefix('/.well-known/acme-challenge/')] });
      const out = Testing.synth(c);
      const expected = sampleObjects('bookinfo/networking/certmanager-gateway.yaml');
      expect(comparableObject(findObject(out, 'Gateway', 'cert-manager-gateway'))).toEqual(comparableObject(findObject(expected, 'Gateway', 'cert-manager-gateway')));
      expect(comparableObject(findObject(out, 'VirtualService', 'cert-manager'))).toEqual(comparableObject(findObject(expected, 'VirtualService', 'cert-manager')));
    });
  });
});
