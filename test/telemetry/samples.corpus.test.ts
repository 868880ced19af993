/**
 * Every Telemetry of Istio's samples (`istio/samples/` in the corpus), rebuilt by hand with the Telemetry
 * construct: the synthesized spec must deep-equal the sample's.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObjectMetadata, Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { Telemetry } from '../../lib';
import { corpusPath } from '../support/corpus';

const SAMPLES = corpusPath('istio', 'samples');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

/** Every Telemetry of the samples, keyed `file/kind/name`. */
function loadTelemetries(): Array<{ key: string; object: any }> {
  return yamlFiles(SAMPLES).sort().flatMap((file) => YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter((o) => o?.kind === 'Telemetry')
    .map((object) => ({ key: `${path.relative(SAMPLES, file)}/Telemetry/${object.metadata.name}`, object })));
}

const CASES: { [key: string]: (chart: Chart, metadata: ApiObjectMetadata) => void } = {
  'open-telemetry/loki/telemetry.yaml/Telemetry/mesh-logging': (chart, metadata) =>
    new Telemetry(chart, 'telemetry', { metadata, accessLogging: [{ providers: ['otel'] }] }),
  'open-telemetry/tracing/telemetry.yaml/Telemetry/otel-demo': (chart, metadata) =>
    new Telemetry(chart, 'telemetry', { metadata, tracing: [{ providers: ['otel-tracing'], randomSamplingPercentage: 0 }] }),
};

describe('Telemetry samples rebuilt with the Telemetry construct', () => {
  const samples = loadTelemetries();

  test('covers every Telemetry of the samples: 2 of 2 reproduced', () => {
    expect(samples.map((s) => s.key).sort()).toEqual(Object.keys(CASES).sort());
    expect(samples).toHaveLength(2);
  });

  test.each(samples.map((s) => [s.key, s.object] as const))('%s: the synthesized v1 spec equals the sample', (key, object) => {
    const chart = new Chart(Testing.app(), 'samples', object.metadata.namespace ? { namespace: object.metadata.namespace } : {});
    CASES[key](chart, { name: object.metadata.name });
    const [manifest] = Testing.synth(chart);
    expect(manifest.apiVersion).toBe('telemetry.istio.io/v1');
    expect(manifest.metadata).toEqual(object.metadata);
    expect(manifest.spec).toEqual(object.spec);
  });
});
