import { AnalysisLevel, MeshAnalysis, SUPPRESS_ANNOTATION } from '../../lib/analysis';

const service = (name: string, ports: any[], annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'payments', ...(annotations ? { annotations } : {}) },
  spec: { selector: { app: name }, ports },
});

describe('MeshAnalysis', () => {
  test('reports each finding with code, level, resource, message and fix', () => {
    const report = MeshAnalysis.analyze([service('payments-api', [{ name: 'web', port: 8080 }])]);
    expect(report.findings).toEqual([expect.objectContaining({
      code: 'IST0118',
      level: AnalysisLevel.INFO,
      kind: 'Service',
      namespace: 'payments',
      name: 'payments-api',
      resource: 'Service payments/payments-api',
      message: expect.stringContaining("Port name 'web' (port: 8080, targetPort: 8080)"),
      fix: expect.stringContaining('Name the port after its protocol'),
    })]);
  });

  test('names a resource without namespace as Istio does: "<Kind> <name>"', () => {
    const svc = service('api', [{ name: 'web', port: 80 }]);
    delete (svc.metadata as any).namespace;
    expect(MeshAnalysis.analyze([svc]).findings[0].resource).toBe('Service api');
  });

  test('runs only the rules asked for, and none that are disabled', () => {
    const manifests = [service('api', [{ name: 'web', port: 80 }])];
    expect(MeshAnalysis.analyze(manifests, { rules: ['IST0144'] }).findings).toEqual([]);
    expect(MeshAnalysis.analyze(manifests, { disabledRules: ['IST0118'] }).findings).toEqual([]);
  });

  test('applies a suppression recorded on the object, and keeps it in the report with its reason', () => {
    const suppressed = service('legacy', [{ name: 'web', port: 80 }], {
      [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0118', reason: 'legacy port name kept for old clients' }]),
    });
    const report = MeshAnalysis.analyze([suppressed]);
    expect(report.active).toEqual([]);
    expect(report.suppressed).toEqual([expect.objectContaining({ code: 'IST0118', suppressedReason: 'legacy port name kept for old clients' })]);
    expect(report.toText()).toContain('suppressed info IST0118 Service payments/legacy');
    expect(report.toText()).toContain('[reason: legacy port name kept for old clients]');
  });

  test('ignores a suppression whose reason is shorter than 10 characters', () => {
    const svc = service('legacy', [{ name: 'web', port: 80 }], { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0118', reason: 'old' }]) });
    expect(MeshAnalysis.analyze([svc]).active.map((f) => f.code)).toEqual(['IST0118']);
  });

  test('fails at a level when an active finding is at that level or above', () => {
    const report = MeshAnalysis.analyze([service('api', [{ name: 'web', port: 80 }])]);
    expect(report.failsAt(AnalysisLevel.INFO)).toBe(true);
    expect(report.failsAt(AnalysisLevel.WARNING)).toBe(false);
    expect(report.failsAt(AnalysisLevel.ERROR)).toBe(false);
  });

  test('summarizes the counts on the last line of the text report', () => {
    const report = MeshAnalysis.analyze([service('api', [{ name: 'web', port: 80 }, { name: 'http', port: 81 }])]);
    expect(report.toText().split('\n').pop()).toBe('0 error(s), 0 warning(s), 1 info(s), 0 suppressed');
  });

  test('lists its rules with id, level, cause and fix', () => {
    const ids = MeshAnalysis.rules().map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(MeshAnalysis.rules().find((r) => r.id === 'IST0144')).toMatchObject({ level: AnalysisLevel.WARNING, istioAnalyzer: 'deployment.ApplicationUIDAnalyzer' });
  });

  describe('per-rule identity', () => {
    // Two IST0101 rules: a Sidecar and a Telemetry whose selectors match no workload.
    const selectorMisses = [
      { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'sc', namespace: 'payments' }, spec: { workloadSelector: { labels: { app: 'nope' } } } },
      { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'tm', namespace: 'payments' }, spec: { selector: { matchLabels: { app: 'nope' } } } },
    ];

    test('gives every rule a unique, stable rule name, carried by each finding', () => {
      const names = MeshAnalysis.rules().map((r) => r.rule);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
      const findings = MeshAnalysis.analyze(selectorMisses).findings.filter((f) => f.code === 'IST0101');
      expect(findings.map((f) => f.rule).sort()).toEqual(['sidecar/selector-not-found', 'telemetry/selector-not-found']);
    });

    test('disables one rule of a shared code by its name, and every rule of the code by the id', () => {
      const byName = MeshAnalysis.analyze(selectorMisses, { disabledRules: ['sidecar/selector-not-found'] }).findings.filter((f) => f.code === 'IST0101');
      expect(byName.map((f) => f.rule)).toEqual(['telemetry/selector-not-found']);
      expect(MeshAnalysis.analyze(selectorMisses, { disabledRules: ['IST0101'] }).findings.filter((f) => f.code === 'IST0101')).toEqual([]);
      expect(MeshAnalysis.analyze(selectorMisses, { rules: ['telemetry/selector-not-found'] }).findings.map((f) => f.rule)).toEqual(['telemetry/selector-not-found']);
    });

    test('a suppression by rule name silences that rule alone', () => {
      const annotated = selectorMisses.map((m) => ({
        ...m,
        metadata: { ...m.metadata, annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'sidecar/selector-not-found', reason: 'the workload is deployed by another team' }]) } },
      }));
      const report = MeshAnalysis.analyze(annotated);
      expect(report.suppressed.map((f) => f.rule)).toEqual(['sidecar/selector-not-found']);
      expect(report.active.filter((f) => f.code === 'IST0101').map((f) => f.rule)).toEqual(['telemetry/selector-not-found']);
      expect(report.toText()).toContain('[rule: telemetry/selector-not-found]');
    });
  });
});
