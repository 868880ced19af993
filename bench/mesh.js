'use strict';
/**
 * The benchmark's mesh: one chart, a ZeroTrustNamespace `mesh`, and N MeshServices `svc-00000`...,
 * each with one `allowFrom` naming the service before it (a ring), so every AuthorizationPolicy
 * principal names a ServiceAccount that exists.
 */

/**
 * Builds the mesh into `app` with the library `lib` (the compiled cdk8s-istio).
 * @param {any} lib the loaded cdk8s-istio module
 * @param {import('cdk8s').App} app
 * @param {number} n number of services
 */
function buildMesh(lib, app, n) {
  const { Chart } = require('cdk8s');
  const chart = new Chart(app, 'mesh', { namespace: 'mesh' });
  new lib.ZeroTrustNamespace(chart, 'namespace');
  const services = [];
  for (let i = 0; i < n; i++) {
    services.push(new lib.MeshService(chart, serviceName(i), {
      image: `registry.example.com/${serviceName(i)}:1.0.0`,
      ports: [{ number: 8080, protocol: lib.Protocol.HTTP }],
    }));
  }
  services.forEach((svc, i) => {
    const peer = services[(i + n - 1) % n];
    svc.allowFrom(lib.MeshPeer.service(peer), { methods: [lib.HttpMethod.GET], paths: ['/api/*'] });
  });
  return chart;
}

function serviceName(i) {
  return `svc-${String(i).padStart(5, '0')}`;
}

module.exports = { buildMesh };
