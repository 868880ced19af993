import { _Rule } from '../rule';
import { AMBIENT_RULES } from './ambient';
import { ANNOTATIONS_RULES } from './annotations';
import { AUTHZ_RULES } from './authz';
import { CRD_RULES } from './crd';
import { DEPLOYMENT_RULES } from './deployment';
import { DEPRECATION_RULES } from './deprecation';
import { DESTINATIONRULE_RULES } from './destinationrule';
import { ENVOYFILTER_RULES } from './envoyfilter';
import { GATEWAY_RULES } from './gateway';
import { INJECTION_RULES } from './injection';
import { INPUT_RULES } from './input';
import { K8SGATEWAY_RULES } from './k8sgateway';
import { MESH_RULES } from './mesh';
import { SCHEMA_RULES } from './schema';
import { SERVICE_RULES } from './service';
import { SERVICEENTRY_RULES } from './serviceentry';
import { SIDECAR_RULES } from './sidecar';
import { TELEMETRY_RULES } from './telemetry';
import { VIRTUALSERVICE_RULES } from './virtualservice';

/** Every rule of the analysis, area by area (each area's index.ts lists its rules). @internal */
export const ALL_RULES: readonly _Rule[] = [
  ...AMBIENT_RULES,
  ...ANNOTATIONS_RULES,
  ...AUTHZ_RULES,
  ...CRD_RULES,
  ...DEPLOYMENT_RULES,
  ...DEPRECATION_RULES,
  ...DESTINATIONRULE_RULES,
  ...ENVOYFILTER_RULES,
  ...GATEWAY_RULES,
  ...INJECTION_RULES,
  ...INPUT_RULES,
  ...K8SGATEWAY_RULES,
  ...MESH_RULES,
  ...SCHEMA_RULES,
  ...SERVICE_RULES,
  ...SERVICEENTRY_RULES,
  ...SIDECAR_RULES,
  ...TELEMETRY_RULES,
  ...VIRTUALSERVICE_RULES,
];
