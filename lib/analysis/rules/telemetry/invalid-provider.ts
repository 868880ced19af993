import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0157: a Telemetry access-logging entry without providers when the mesh has no default access-log provider. */
export const INVALID_TELEMETRY_PROVIDER: _Rule = {
  id: 'IST0157',
  rule: 'telemetry/invalid-provider',
  name: 'InvalidTelemetryProvider',
  level: AnalysisLevel.WARNING,
  cause: 'A Telemetry enables access logging without naming a provider, and the mesh config has no defaultProviders.accessLogging.',
  why: 'With no provider to send them to, the access logs are silently not produced.',
  fix: 'Name a provider in accessLogging[].providers (for example envoy), or set meshConfig.defaultProviders.accessLogging.',
  istioAnalyzer: 'telemetry.ProviderAnalyzer',
  check: (model) => {
    const defaults = model.meshConfig?.defaultProviders?.accessLogging;
    if (Array.isArray(defaults) && defaults.length > 0) return [];
    return model.istio('Telemetry').flatMap((t) => (Array.isArray(t.spec.accessLogging) ? t.spec.accessLogging : [])
      .filter((l: any) => l?.disabled !== true && !(Array.isArray(l?.providers) && l.providers.length > 0))
      .map(() => ({ obj: t, message: `Telemetry ${t.name} in namespace ${t.namespace} enables access logging with no provider, and the mesh has no default: it is ignored.` })));
  },
};
