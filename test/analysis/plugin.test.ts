import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { MeshAnalysisPlugin } from '../../lib/analysis';

/** A stand-in for cdk8s-cli's ValidationContext, recording what the plugin reports. */
function context(yaml: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-test-'));
  const file = path.join(dir, 'app.k8s.yaml');
  fs.writeFileSync(file, yaml);
  const violations: any[] = [];
  const logs: string[] = [];
  const submitted: any[] = [];
  return {
    file,
    violations,
    logs,
    submitted,
    ctx: {
      manifests: [file],
      parseManifest: (p: string) => Yaml.load(p),
      logger: { log: (m: string) => logs.push(m) },
      report: { addViolation: (v: any) => violations.push(v), submit: (status: string, meta: any) => submitted.push({ status, meta }) },
    },
  };
}

const UID_1337 = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {template: {metadata: {labels: {app: api}}, spec: {securityContext: {runAsUser: 1337}, containers: [{name: api, image: x}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: web, port: 80}]}
`;

describe('MeshAnalysisPlugin', () => {
  test('reports findings at or above failOn as violations, one per rule, and fails', async () => {
    const c = context(UID_1337);
    await new MeshAnalysisPlugin({ failOn: 'warning' }).validate(c.ctx);
    expect(c.violations).toEqual([expect.objectContaining({
      ruleName: 'IST0144 InvalidApplicationUID (deployment/application-uid)',
      violatingResources: [{ resourceName: 'api', manifestPath: c.file, locations: [] }],
    })]);
    expect(c.violations[0].recommendation).toContain('Deployment shop/api: User ID (UID) 1337');
    expect(c.submitted).toEqual([{ status: 'failure', meta: expect.objectContaining({ objects: '2' }) }]);
    expect(c.logs.join('\n')).toContain('info IST0118 Service shop/api');
  });

  test('logs findings below failOn and succeeds', async () => {
    const c = context(UID_1337);
    await new MeshAnalysisPlugin().validate(c.ctx);
    expect(c.violations).toEqual([]);
    expect(c.submitted[0].status).toBe('success');
    expect(c.logs.join('\n')).toContain('warning IST0144 Deployment shop/api');
  });

  test('rejects an unknown failOn', () => {
    expect(() => new MeshAnalysisPlugin({ failOn: 'fatal' })).toThrow("'failOn' must be error, warning or info (received: \"fatal\")");
  });
});
