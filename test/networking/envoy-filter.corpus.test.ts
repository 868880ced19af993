/**
 * Rebuilds the EnvoyFilter of Istio's ratelimit sample (samples/ratelimit/local-rate-limit-service.yaml)
 * with the EnvoyFilter L2 and checks it deep-equals the sample.
 */
import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { EnvoyFilter, EnvoyFilterApplyTo, EnvoyFilterContext, EnvoyFilterOperation, EnvoyPatchValue, EnvoyRouteAction, WorkloadSelector } from '../../lib';
import { corpusPath } from '../support/corpus';

const sample = () => YAML.parseAllDocuments(fs.readFileSync(corpusPath('istio', 'samples', 'ratelimit', 'local-rate-limit-service.yaml'), 'utf8'))
  .map((d) => d.toJS()).filter((o) => o);

const comparable = (o: any) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata, spec: o.spec });

describe('ratelimit sample', () => {
  test('reproduces the local rate limit EnvoyFilter exactly', () => {
    const expected = sample().find((o) => o.kind === 'EnvoyFilter');
    const [filterPatch, routePatch] = expected.spec.configPatches;
    const c = new Chart(Testing.app(), 'test');
    new EnvoyFilter(c, 'ratelimit', {
      metadata: { name: 'filter-local-ratelimit-svc', namespace: 'istio-system' },
      workloadSelector: WorkloadSelector.labels({ app: 'productpage' }),
      configPatches: [
        {
          applyTo: EnvoyFilterApplyTo.HTTP_FILTER,
          context: EnvoyFilterContext.SIDECAR_INBOUND,
          listener: { filter: 'envoy.filters.network.http_connection_manager' },
          operation: EnvoyFilterOperation.INSERT_BEFORE,
          // Envoy's own configuration passes through as the sample writes it.
          value: EnvoyPatchValue.filter('envoy.filters.http.local_ratelimit', 'type.googleapis.com/udpa.type.v1.TypedStruct', {
            type_url: filterPatch.patch.value.typed_config.type_url,
            value: filterPatch.patch.value.typed_config.value,
          }),
        },
        {
          applyTo: EnvoyFilterApplyTo.HTTP_ROUTE,
          context: EnvoyFilterContext.SIDECAR_INBOUND,
          routeConfiguration: { vhostName: 'inbound|http|8000', routeAction: EnvoyRouteAction.ANY },
          operation: EnvoyFilterOperation.MERGE,
          value: EnvoyPatchValue.fromObject(routePatch.patch.value),
        },
      ],
    });
    const out = Testing.synth(c).map(comparable);
    expect(out).toEqual([comparable(expected)]);
  });
});
