import { codes, dr, run, service, suppress } from './_fixtures';

describe('IST0174 UnknownDestinationRuleHost', () => {
  test('reports a host that is no Service or ServiceEntry', () => {
    expect(codes('IST0174', [service, dr('reveiws')])).toEqual(['IST0174 DestinationRule shop/reviews']);
    expect(run('IST0174', [service, dr('reveiws')])[0].message).toContain('reveiws');
  });
  test('reports a Service not exported to the DestinationRule\'s namespace', () => {
    const hidden = { ...service, metadata: { ...service.metadata, namespace: 'other', annotations: { 'networking.istio.io/exportTo': '.' } } };
    expect(codes('IST0174', [hidden, dr('reviews.other.svc.cluster.local')])).toEqual(['IST0174 DestinationRule shop/reviews']);
  });
  test('accepts short and full Service names, and ServiceEntry hosts including wildcards', () => {
    const se = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'ext', namespace: 'shop' }, spec: { hosts: ['*.example.com'] } };
    expect(codes('IST0174', [service, se, dr('reviews'), dr('reviews.shop.svc.cluster.local'), dr('api.example.com')])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0174', [dr('nowhere', undefined, suppress('IST0174'))])).toEqual([]);
  });
});
