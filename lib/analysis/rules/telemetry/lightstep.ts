import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0002: a Telemetry that traces to a Lightstep extension provider, which Istio deprecated. */
export const DEPRECATED_LIGHTSTEP_PROVIDER: _Rule = {
  id: 'IST0002',
  rule: 'telemetry/lightstep',
  name: 'Deprecated',
  level: AnalysisLevel.WARNING,
  cause: 'A Telemetry\'s tracing uses a mesh extension provider of type lightstep.',
  why: 'The Lightstep provider is deprecated and will be removed: tracing through it stops working on upgrade.',
  fix: 'Define an opentelemetry extension provider (Lightstep accepts OTLP) and point the Telemetry\'s tracing at it.',
  istioAnalyzer: 'telemetry.LightstepAnalyzer',
  check: (model) => {
    const providers: any[] = Array.isArray(model.meshConfig?.extensionProviders) ? model.meshConfig.extensionProviders : [];
    const lightstep = new Set(providers.filter((p) => p?.lightstep).map((p) => p.name));
    if (lightstep.size === 0) return [];
    return model.istio('Telemetry').flatMap((t) => (Array.isArray(t.spec.tracing) ? t.spec.tracing : [])
      .flatMap((tr: any) => (Array.isArray(tr?.providers) ? tr.providers : []))
      .filter((p: any) => lightstep.has(p?.name))
      .map((p: any) => ({ obj: t, message: `Telemetry ${t.name} traces to the Lightstep provider ${p.name}, which is deprecated: migrate to an OpenTelemetry provider.` })));
  },
};
