import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { Destination, DestinationRule, EnvoyFilter, EnvoyFilterApplyTo, EnvoyFilterOperation, EnvoyPatchValue, VirtualService } from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

describe('MeshResource JSON patches (escape hatch)', () => {
  test('fails the synth when a patch sets a field the binding does not declare (websocketUpgrade), naming the path and value', () => {
    const c = Testing.chart();
    const vs = new VirtualService(c, 'tornado', { hosts: ['tornado'], http: [{ route: [Destination.to('tornado')] }] });
    vs.apiObject.addJsonPatch(JsonPatch.add('/spec/http/0/websocketUpgrade', true));
    expect(errorOf(() => Testing.synth(c))).toContain(
      'VirtualService \'test/tornado\': a JSON patch sets \'/spec/http/0/websocketUpgrade\', which the networking.istio.io/v1 VirtualService schema does not declare, '
      + 'so it would be dropped from the manifest (received: true).');
  });

  test('reaches patches made through ApiObject.of(), and nested unknown fields', () => {
    const c = Testing.chart();
    const dr = new DestinationRule(c, 'dr', { host: 'reviews' });
    ApiObject.of(dr).addJsonPatch(JsonPatch.add('/spec/trafficPolicy', { tls: { mode: 'ISTIO_MUTUAL', sniHost: 'x' } }));
    expect(errorOf(() => Testing.synth(c))).toContain('a JSON patch sets \'/spec/trafficPolicy/tls/sniHost\'');
  });

  test('keeps patches of declared fields, fields the bindings spell differently, and free-form values', () => {
    const c = Testing.chart();
    const dr = new DestinationRule(c, 'dr', { metadata: { name: 'dr' }, host: 'reviews' });
    // The binding spells the wire field consecutive5xxErrors as consecutive5XxErrors, and renders it under the wire name.
    dr.apiObject.addJsonPatch(JsonPatch.add('/spec/trafficPolicy', { outlierDetection: { consecutive5XxErrors: 5 }, tls: { mode: 'ISTIO_MUTUAL' } }));
    const ef = new EnvoyFilter(c, 'ef', {
      metadata: { name: 'ef' },
      configPatches: [{ applyTo: EnvoyFilterApplyTo.CLUSTER, operation: EnvoyFilterOperation.MERGE, value: EnvoyPatchValue.fromObject({}) }],
    });
    ef.apiObject.addJsonPatch(JsonPatch.add('/spec/configPatches/0/patch/value/any_envoy_field', 1));
    const out = Testing.synth(c);
    expect(findObject(out, 'DestinationRule', 'dr').spec.trafficPolicy).toEqual({ outlierDetection: { consecutive5xxErrors: 5 }, tls: { mode: 'ISTIO_MUTUAL' } });
    expect(findObject(out, 'EnvoyFilter', 'ef').spec.configPatches[0].patch.value).toEqual({ any_envoy_field: 1 });
  });

  test('names the binding\'s spelling when a patch uses the wire name of one of the four fields the bindings rename', () => {
    const c = Testing.chart();
    const dr = new DestinationRule(c, 'dr', { host: 'reviews' });
    dr.apiObject.addJsonPatch(JsonPatch.add('/spec/trafficPolicy', { outlierDetection: { consecutive5xxErrors: 5 } }));
    expect(errorOf(() => Testing.synth(c))).toContain('a JSON patch sets \'/spec/trafficPolicy/outlierDetection/consecutive5xxErrors\', which the generated '
      + 'DestinationRule binding reads as \'consecutive5XxErrors\', so it would be dropped from the manifest (received: 5). '
      + 'Patch \'/spec/trafficPolicy/outlierDetection/consecutive5XxErrors\' instead');
  });
});
