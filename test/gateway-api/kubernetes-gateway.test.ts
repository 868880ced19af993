import { Testing } from 'cdk8s';
import { KubernetesGateway, ListenerProtocol } from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

describe('KubernetesGateway', () => {
  describe('TLS passthrough', () => {
    test('renders tls.mode Passthrough on a TLS listener', () => {
      const c = Testing.chart();
      new KubernetesGateway(c, 'gw', {
        metadata: { name: 'gw' },
        listeners: [{ name: 'tls', port: 443, protocol: ListenerProtocol.TLS, hostname: 'db.example.com', tlsPassthrough: true }],
      });
      expect(findObject(Testing.synth(c), 'Gateway', 'gw').spec.listeners)
        .toEqual([{ name: 'tls', hostname: 'db.example.com', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } }]);
    });

    test('fails for passthrough on a non-TLS listener or with certificates', () => {
      const c = Testing.chart();
      const message = errorOf(() => new KubernetesGateway(c, 'gw', {
        listeners: [
          { name: 'http', port: 80, protocol: ListenerProtocol.HTTP, tlsPassthrough: true },
          { name: 'tls', port: 443, protocol: ListenerProtocol.TLS, tlsPassthrough: true, certificateSecrets: ['cert'] },
        ],
      }));
      expect(message).toContain('\'listeners[0].tlsPassthrough\' applies to TLS listeners only (protocol: HTTP)');
      expect(message).toContain('\'listeners[1].tlsPassthrough\' cannot be combined with certificateSecrets');
    });
  });
});
