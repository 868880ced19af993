import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PolicyTargetRef, WorkloadSelector } from '../../lib';

describe('WorkloadSelector', () => {
  test('selects pods by labels', () => {
    expect(WorkloadSelector.labels({ app: 'payments-api', version: 'v1' }).matchLabels).toEqual({ app: 'payments-api', version: 'v1' });
  });

  test('copies the labels, so later changes to the input do not leak in', () => {
    const labels: { [k: string]: string } = { app: 'a' };
    const selector = WorkloadSelector.labels(labels);
    labels.app = 'b';
    expect(selector.matchLabels).toEqual({ app: 'a' });
  });

  test('fails on an empty label set, which would select the whole namespace', () => {
    expect(() => WorkloadSelector.labels({})).toThrow("WorkloadSelector.labels: 'labels' must hold at least one label (received: {})");
  });

  test('selects the pods of a cdk8s-plus workload by its selector labels', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'api', { containers: [{ image: 'nginx' }] });
    const selector = WorkloadSelector.fromWorkload(deployment);
    const [manifest] = Testing.synth(chart).filter((o) => o.kind === 'Deployment');
    expect(selector.matchLabels).toEqual(manifest.spec.selector.matchLabels);
    expect(manifest.spec.template.metadata.labels).toMatchObject(selector.matchLabels);
  });

  test('fails on a workload that selects with label expressions', () => {
    const chart = Testing.chart();
    const pods = kplus.Pods.select(chart, 'pods', { expressions: [kplus.LabelExpression.in('tier', ['web'])] });
    expect(() => WorkloadSelector.fromWorkload(pods)).toThrow("WorkloadSelector.fromWorkload: 'workload' selects its pods with label expressions");
  });
});

describe('PolicyTargetRef', () => {
  test.each([
    [PolicyTargetRef.service('payments-api'), { group: '', kind: 'Service', name: 'payments-api' }],
    [PolicyTargetRef.gateway('ingress', 'istio-ingress'), { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress', namespace: 'istio-ingress' }],
    [PolicyTargetRef.gatewayClass('istio'), { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: 'istio' }],
    [PolicyTargetRef.serviceEntry('bank'), { group: 'networking.istio.io', kind: 'ServiceEntry', name: 'bank' }],
    [PolicyTargetRef.of('apps', 'Deployment', 'x'), { group: 'apps', kind: 'Deployment', name: 'x' }],
  ])('renders %#', (ref, expected) => {
    expect(ref._toIstio()).toEqual(expected);
  });

  test('fails on an empty name', () => {
    expect(() => PolicyTargetRef.service('')).toThrow("'name' must not be empty");
  });
});
