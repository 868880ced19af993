import * as fs from 'fs';
import * as path from 'path';
import { GATEWAY_API_VERSION, ISTIO_VERSION, MeshLabels, Versions } from '../../lib';

describe('versions', () => {
  test('name the pinned Istio and Gateway API releases', () => {
    expect(ISTIO_VERSION).toBe('1.30.3');
    expect(GATEWAY_API_VERSION).toBe('1.5.1');
    expect(Versions.ISTIO).toBe(ISTIO_VERSION);
    expect(Versions.GATEWAY_API).toBe(GATEWAY_API_VERSION);
  });

  test('match the CRD files the embedded schemas were generated from', () => {
    const header = fs.readFileSync(path.join(__dirname, '..', '..', 'imports', 'crd-schemas.ts'), 'utf8').split('\n')[0];
    expect(header).toContain(`istio-${ISTIO_VERSION}-crds.yaml`);
    expect(header).toContain(`gateway-api-v${GATEWAY_API_VERSION}-standard.yaml`);
  });
});

describe('MeshLabels', () => {
  test('are the label keys Istio and Kiali read', () => {
    expect([MeshLabels.APP, MeshLabels.VERSION, MeshLabels.INJECTION, MeshLabels.REVISION, MeshLabels.DATAPLANE_MODE])
      .toEqual(['app', 'version', 'istio-injection', 'istio.io/rev', 'istio.io/dataplane-mode']);
  });
});
