import { _isExperimentalGatewayApi } from '../../../core/_gateway-api-channel';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';
import { _CrdSchemaValidator } from '../../schema/_validator';

/** IST0106: an Istio or Gateway API object the API server would reject: its CRD's schema or CEL rules fail. */
export const SCHEMA_VALIDATION_ERROR: _Rule = {
  id: 'IST0106',
  rule: 'crd/schema-validation',
  name: 'SchemaValidationError',
  level: AnalysisLevel.ERROR,
  cause: "An Istio or Gateway API object does not match its CRD's OpenAPI schema or breaks one of its CEL rules.",
  why: 'The API server rejects the object on apply (or, for fields it prunes, silently drops them), so the mesh never gets the configuration.',
  fix: 'Correct the field named in the message; the CRD reference on istio.io lists the allowed values.',
  istioAnalyzer: 'schema.ValidationAnalyzer',
  unsuppressible: true,
  check: (model) => {
    const validator = _CrdSchemaValidator.get();
    return model.objects
      // Experimental Gateway API kinds have no schema here (standard channel only): CI0011 reports them instead.
      .filter((obj) => validator.owns(obj.raw) && !_isExperimentalGatewayApi(obj.apiVersion, obj.kind))
      .flatMap((obj) => validator.validate(obj.raw).map((p) => ({ obj, message: `Schema validation error at ${p.path || '/'}: ${p.message}` })));
  },
};
