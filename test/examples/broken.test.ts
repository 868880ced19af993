import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { BrokenShop, EXPECTED_FINDINGS, brokenApp } from '../../examples/broken/main';
import { AuthorizationPolicy, MeshAnalysis, SynthAnalysis } from '../../lib';

describe('examples/broken', () => {
  test('its synth fails with exactly one finding per mistake', () => {
    // The path `cdk8s synth` takes: main.ts calls brokenApp().synth(). Nothing is written when it fails.
    const app = brokenApp(Testing.app().outdir);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Validation failed with the following errors:/);
    const reported = message.split('\n').slice(1).map((line) => line.replace(/^\s*\[[^\]]*\]\s*/, ''));
    expect(reported.map((line) => line.split(' (')[0])).toEqual(EXPECTED_FINDINGS);
  });

  test('each finding names the mistake and its fix', () => {
    // The shop is broken on purpose: its synth would fail, so the analysis runs here on its manifests instead.
    const app = Testing.app();
    SynthAnalysis.disable(app);
    const report = MeshAnalysis.analyze(Testing.synth(new BrokenShop(app, 'shop')));
    const text = (code: string, name: string) => report.active.find((f) => f.code === code && f.name === name)!;
    expect(text('IST0102', 'legacy').message).toContain('Namespace legacy is not enabled for sidecar injection');
    expect(text('IST0101', 'catalogue').message).toContain('destination host \'catalogue\' matches no Service');
    expect(text('IST0101', 'reviews').message).toContain('subset \'v2\' of host \'reviews\' is not defined by any DestinationRule');
    expect(text('CI0004', 'catalog-readers').message).toContain('rules[0] matches every request');
    expect(text('CI0001', 'inventory').message).toMatch(/sets TLS mode DISABLE .* PeerAuthentication shop\/default sets mTLS mode STRICT/);
    expect(report.active.every((f) => f.fix.length > 0)).toBe(true);
  });

  test('the AuthorizationPolicy L2 refuses the accidental allow-all rule the YAML brings in', () => {
    const chart = Testing.chart();
    expect(() => new AuthorizationPolicy(chart, 'catalog-readers', { rules: [{ to: [{}] }] }))
      .toThrow(/matches every request, so this ALLOW policy would allow everything/);
  });

  test('expected/findings.txt, which CI compares with the cdk8s CLI\'s output, lists the same findings', () => {
    const file = path.join(__dirname, '..', '..', 'examples', 'broken', 'expected', 'findings.txt');
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toEqual(EXPECTED_FINDINGS);
  });
});
