/** examples/payments reproduces the seed document's YAML. */
import { Testing } from 'cdk8s';
import { buildApp, DEFAULT_CANARY_WEIGHT } from '../../examples/payments/main';
import { SUPPRESS_ANNOTATION } from '../../lib';
import { findObject, seedObject, seedObjects } from '../support/seed';

/** The object without the analysis's suppression annotation (the seed has none). */
function withoutSuppressions(obj: any): any {
  const annotations = { ...obj.metadata.annotations };
  delete annotations[SUPPRESS_ANNOTATION];
  const { annotations: _, ...metadata } = obj.metadata;
  return { ...obj, metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata };
}

describe('examples/payments reproduces the seed', () => {
  const seed = seedObjects();
  const app = Testing.app();
  const { mesh, payments } = buildApp(app, { weight: DEFAULT_CANARY_WEIGHT });
  const operator = Testing.synth(mesh.controlPlane.istioOperatorChart!);
  const meshObjects = Testing.synth(mesh);
  const paymentsObjects = Testing.synth(payments);

  test.each([
    ['DestinationRule', 'payments-api'],
    ['VirtualService', 'payments-api'],
    ['PeerAuthentication', 'default'],
    ['AuthorizationPolicy', 'payments-api-policy'],
  ])('its %s %s equals the seed YAML (the default canary position is the seed\'s 90/10)', (kind, name) => {
    expect(withoutSuppressions(findObject(paymentsObjects, kind, name))).toEqual(findObject(seed, kind, name));
  });

  test('its IstioOperator, alone in its own file, equals the seed\'s', () => {
    expect(operator).toEqual([seedObject('IstioOperator', 'istio-control-plane')]);
    expect(meshObjects.map((o) => o.kind)).not.toContain('IstioOperator');
  });
});
