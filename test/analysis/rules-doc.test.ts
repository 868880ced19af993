import * as fs from 'fs';
import * as path from 'path';
import { MeshAnalysis } from '../../lib/analysis';
import { _rulesMarkdown } from '../../lib/analysis/_rules-doc';

describe('docs/rules.md', () => {
  test('is what the rule files generate (run `npx projen docgen:rules` after changing a rule)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    expect(file).toBe(_rulesMarkdown());
  });

  test('lists every rule with its id, level, cause and fix', () => {
    const md = _rulesMarkdown();
    for (const rule of MeshAnalysis.rules()) {
      expect(md).toContain(`| ${rule.id} | ${rule.rule} | ${rule.level} | ${rule.name} |`);
    }
  });

  test('every rule states a cause, why and fix', () => {
    for (const rule of MeshAnalysis.rules()) {
      expect(rule.cause.length).toBeGreaterThan(10);
      expect(rule.why.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });
});
