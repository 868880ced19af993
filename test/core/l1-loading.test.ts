/**
 * The generated L1 bindings load when an L2 creates its L1 object (lib/core/_l1.ts), never when a
 * module of the library is required: `require('cdk8s-istio')` pays for no binding an app does not use.
 * (`lib/index.ts` re-exports each binding as a submodule; the compile task makes those exports
 * getters, so only the modules below it are required here.)
 */
import { Chart, Testing } from 'cdk8s';

const BINDINGS = [
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
  'gateway.networking.k8s.io',
  'crd-schemas',
  'crd-validators',
];

const MODULES = ['core', 'networking', 'security', 'telemetry', 'gateway-api', 'patterns', 'analysis'];

/** Makes every generated module throw when required, then runs `body` in a fresh module registry. */
function withoutBindings(body: (loaded: string[]) => void): void {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const binding of BINDINGS) {
      jest.doMock(`../../imports/${binding}`, () => {
        loaded.push(binding);
        throw new Error(`imports/${binding} was loaded`);
      });
    }
    body(loaded);
  });
}

describe('L1 bindings', () => {
  test.each(MODULES)('requiring lib/%s loads no generated binding', (folder) => {
    withoutBindings((loaded) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(`../../lib/${folder}`);
      expect(Object.keys(exported).length).toBeGreaterThan(0);
      expect(loaded).toEqual([]);
    });
  });

  test.each([
    ['security', 'PeerAuthentication', 'security.istio.io'],
    ['security', 'AuthorizationPolicy', 'security.istio.io'],
    ['security', 'RequestAuthentication', 'security.istio.io'],
    ['telemetry', 'Telemetry', 'telemetry.istio.io'],
    ['networking', 'Sidecar', 'networking.istio.io'],
    ['gateway-api', 'Waypoint', 'gateway.networking.k8s.io'],
  ])('lib/%s %s loads %s when it creates its L1, through lib/core/_l1.ts', (folder, construct, binding) => {
    withoutBindings((loaded) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lib = require(`../../lib/${folder}`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cdk8s: typeof import('cdk8s') = require('cdk8s');
      const chart: Chart = new cdk8s.Chart(Testing.app(), 'test');
      expect(() => new lib[construct](chart, 'resource', {})).toThrow(`imports/${binding} was loaded`);
      expect(loaded).toEqual([binding]);
    });
  });
});
