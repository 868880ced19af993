/**
 * The house's structure, checked: the rules docs/architecture.md states hold for every file of lib/.
 * - no file over 400 lines of code (doc comments and blank lines not counted);
 * - no import cycle (type-only imports included: a cycle of types is still a tangle to read);
 * - data flows down: nothing outside lib/analysis imports the analysis (lib/index.ts re-exports it);
 * - patterns ask other constructs for typed state, never for their rendered output.
 */
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.join(__dirname, '..', 'lib');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const FILES = sourceFiles(LIB);
const rel = (file: string) => path.relative(path.join(LIB, '..'), file);

/** Lines of code: blank lines, `//` lines and comment blocks are not counted. */
function linesOfCode(text: string): number {
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

/** The files of lib/ a file imports (static, dynamic and `require`), resolved. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/gs),
    ...text.matchAll(/(?:require|import)\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return specs.flatMap((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => FILES.includes(candidate));
    return found ? [found] : [];
  });
}

describe('lib/ structure', () => {
  test('no file has more than 400 lines of code', () => {
    const over = FILES.map((f) => [rel(f), linesOfCode(fs.readFileSync(f, 'utf8'))] as const).filter(([, n]) => n > 400);
    expect(over).toEqual([]);
  });

  test('no import cycle', () => {
    const graph = new Map(FILES.map((f) => [f, importsOf(f)]));
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)).concat(next).map(rel));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    FILES.forEach((f) => state.has(f) || visit(f));
    expect(cycles).toEqual([]);
  });

  test('nothing outside lib/analysis imports the analysis', () => {
    const analysis = path.join(LIB, 'analysis') + path.sep;
    const offenders = FILES
      .filter((f) => !f.startsWith(analysis) && f !== path.join(LIB, 'index.ts'))
      .flatMap((f) => importsOf(f).filter((d) => d.startsWith(analysis)).map((d) => `${rel(f)} -> ${rel(d)}`));
    expect(offenders).toEqual([]);
  });

  test('patterns never read or patch another construct\'s rendered output', () => {
    const patterns = FILES.filter((f) => f.startsWith(path.join(LIB, 'patterns') + path.sep));
    const offenders = patterns.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')
      .map((line, i) => [line, i + 1] as const)
      .filter(([line]) => !/^\s*(\*|\/\/)/.test(line))
      .filter(([line]) => /(?<!\bthis|\bsuper)\.(_toKube|_toIstio)\(|\.addJsonPatch\(|ApiObject\.of\([^)]*\)\.toJson\(/.test(line))
      .map(([line, n]) => `${rel(f)}:${n}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });
});
