import { codes, deployment, injected, run, suppress, svc } from './_fixtures';

const clash = [svc('a', [{ port: 53, protocol: 'TCP' }]), svc('b', [{ port: 53, protocol: 'UDP' }])];

describe('IST0116 DeploymentAssociatedToMultipleServices', () => {
  test('reports one port with two protocols across Services', () => {
    expect(codes('IST0116', [injected, deployment(), ...clash])).toEqual(['IST0116 Deployment shop/api']);
    expect(run('IST0116', [injected, deployment(), ...clash])[0].message).toContain('port 53');
  });
  test('accepts one protocol per port, and Deployments outside the mesh', () => {
    expect(codes('IST0116', [injected, deployment(), svc('a', [{ port: 80 }]), svc('b', [{ port: 80, protocol: 'TCP' }])])).toEqual([]);
    expect(codes('IST0116', [deployment(), ...clash])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0116', [injected, deployment(suppress('IST0116')), ...clash])).toEqual([]);
  });
});
