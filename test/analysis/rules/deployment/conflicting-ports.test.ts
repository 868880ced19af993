import { codes, deployment, injected, run, suppress, svc } from './_fixtures';

const clash = [svc('a', [{ port: 80, targetPort: 8080 }]), svc('b', [{ port: 9090, targetPort: 8080 }])];

describe('IST0137 DeploymentConflictingPorts', () => {
  test('reports two service ports sent to one targetPort', () => {
    expect(codes('IST0137', [injected, deployment(), ...clash])).toEqual(['IST0137 Deployment shop/api']);
    expect(run('IST0137', [injected, deployment(), ...clash])[0].message).toContain('targetPort 8080');
  });
  test('accepts the same port for a targetPort', () => {
    expect(codes('IST0137', [injected, deployment(), svc('a', [{ port: 80, targetPort: 8080 }]), svc('b', [{ port: 80, targetPort: 8080 }])])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0137', [injected, deployment(suppress('IST0137')), ...clash])).toEqual([]);
  });
});
