/** Writes docs/rules.md from the rule files (run by `npx projen docgen:rules`). */
import * as fs from 'fs';
import * as path from 'path';
import { _rulesMarkdown } from '../lib/analysis/_rules-doc';

fs.writeFileSync(path.join(__dirname, '..', 'docs', 'rules.md'), _rulesMarkdown());
