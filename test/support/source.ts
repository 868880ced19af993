/**
 * Reading lib/'s source files as text, for the tests that check the house's structure
 * (test/architecture.test.ts, test/analysis/layout.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const LIB = path.join(ROOT, 'lib');

/** A file's path from the repository root, as messages show it. */
export const show = (file: string) => path.relative(ROOT, file);

/** Every .ts file under a folder (declaration files aside), as absolute paths. */
export function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The files a source file imports by relative path (import, export ... from, require, dynamic import), resolved. */
export function relativeImports(file: string, text: string = fs.readFileSync(file, 'utf8')): string[] {
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/gs),
    ...text.matchAll(/(?:require|import)\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return specs.map((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    return [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c)) ?? base;
  });
}

/** The import cycles among files (each as the files of one cycle found by a depth-first walk), type-only imports included. */
export function importCycles(files: string[], importsOf: (file: string) => string[] = (f) => relativeImports(f)): string[][] {
  const inSet = new Set(files);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of importsOf(file).filter((t) => inSet.has(t))) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)).map(show));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

/** Lines of code: blank lines, `//` lines and comment blocks are not counted. */
export function linesOfCode(text: string): number {
  let count = 0;
  let inBlock = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) {
        inBlock = false;
        if (line.split('*/')[1].trim()) count++;
      }
      continue;
    }
    if (!line || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      if (!line.includes('*/')) inBlock = true;
      else if (line.split('*/')[1].trim()) count++;
      continue;
    }
    count++;
  }
  return count;
}
