import * as fs from 'fs';
import { GATEWAY_API_VERSION, ISTIO_VERSION } from '../../lib';
import { corpusPath } from '../support/corpus';

describe('versions', () => {
  test('name CRD files of the corpus', () => {
    const crds = fs.readdirSync(corpusPath('istio', 'crds'));
    expect(crds).toContain(`istio-${ISTIO_VERSION}-crds.yaml`);
    expect(crds).toContain(`gateway-api-v${GATEWAY_API_VERSION}-standard.yaml`);
  });
});
