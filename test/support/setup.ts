/**
 * Runs before every test file: every chart a test synthesizes (`Testing.synth`,
 * `chart.toJson()`, `app.synthYaml()`) has its Istio and Gateway API objects checked
 * against the pinned CRD schemas, so no test can pass on a manifest the API server
 * would reject. Tests that need an invalid object on purpose build it with `ApiObject`
 * and call `crdSchemas().validate()` on `apiObject.toJson()` themselves.
 */
import { Chart } from 'cdk8s';
import { crdSchemas } from './crd-schema';

const original = Chart.prototype.toJson;
Chart.prototype.toJson = function validatedToJson(this: Chart): any[] {
  const manifests = original.call(this);
  crdSchemas().assertValid(manifests);
  return manifests;
};
