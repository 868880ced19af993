/** MeshControlPlane reproduces the seed document's IstioOperator. */
import { Chart, Testing } from 'cdk8s';
import { MeshControlPlane, MeshControlPlaneProps } from '../../lib';
import { seedObject } from '../support/seed';

function build(props: MeshControlPlaneProps = {}): { cp: MeshControlPlane; chart: Chart } {
  const chart = new Chart(Testing.app(), 'test');
  return { cp: new MeshControlPlane(chart, 'istio', props), chart };
}

describe('MeshControlPlane', () => {
  describe('the seed', () => {
    test('reproduces the seed\'s IstioOperator (profile default, access log to /dev/stdout)', () => {
      const { cp } = build({ meshConfig: { accessLogFile: '/dev/stdout' } });
      const objects = Testing.synth(cp.istioOperatorChart!);
      expect(objects).toEqual([seedObject('IstioOperator', 'istio-control-plane')]);
    });
  });
});
