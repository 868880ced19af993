/**
 * The house's structure, checked: the rules docs/architecture.md states hold for every file of lib/.
 * - no file over 400 lines of code (doc comments and blank lines not counted);
 * - no import cycle (type-only imports included: a cycle of types is still a tangle to read);
 * - data flows down: nothing outside lib/analysis imports the analysis (lib/index.ts re-exports it);
 * - patterns ask other constructs for typed state, never for their rendered output.
 * The analysis' own layout (rule areas, the registry) is checked in test/analysis/layout.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { importCycles, LIB, linesOfCode, relativeImports, show, tsFiles } from './support/source';

const FILES = tsFiles(LIB);

describe('lib/ structure', () => {
  test('no file has more than 400 lines of code', () => {
    const over = FILES.map((f) => [show(f), linesOfCode(fs.readFileSync(f, 'utf8'))] as const).filter(([, n]) => n > 400);
    expect(over).toEqual([]);
  });

  test('lines of code leave out blank lines and comments', () => {
    expect(linesOfCode('/**\n * doc\n */\nconst a = 1;\n\n// note\n/* x */ const b = 2;\n')).toBe(2);
  });

  test('no import cycle', () => {
    expect(importCycles(FILES)).toEqual([]);
  });

  test('the cycle check finds a cycle, and no cycle in a chain', () => {
    const [a, b, c] = ['a.ts', 'b.ts', 'c.ts'].map((f) => path.join(LIB, f));
    const graph: Record<string, string[]> = { [a]: [b], [b]: [c], [c]: [a] };
    expect(importCycles([a, b, c], (f) => graph[f])).toEqual([['lib/a.ts', 'lib/b.ts', 'lib/c.ts']]);
    expect(importCycles([a, b, c], (f) => (f === c ? [] : graph[f]))).toEqual([]);
  });

  test('nothing outside lib/analysis imports the analysis (lib/index.ts re-exports it)', () => {
    const analysis = path.join(LIB, 'analysis');
    const offending = FILES
      .filter((f) => path.relative(analysis, f).startsWith('..') && f !== path.join(LIB, 'index.ts'))
      .flatMap((file) => relativeImports(file)
        .filter((target) => !path.relative(analysis, target).startsWith('..'))
        .map((target) => `${show(file)} imports ${show(target)}`));
    expect(offending).toEqual([]);
  });

  test('patterns never read or patch another construct\'s rendered output', () => {
    const patterns = FILES.filter((f) => f.startsWith(path.join(LIB, 'patterns') + path.sep));
    const offenders = patterns.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')
      .map((line, i) => [line, i + 1] as const)
      .filter(([line]) => !/^\s*(\*|\/\/)/.test(line))
      .filter(([line]) => READS_OUTPUT.test(line))
      .map(([line, n]) => `${show(f)}:${n}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });

  test('the output check catches a read and a patch, and lets a construct\'s own rendering through', () => {
    expect(['route._toKube().parentRefs', 'vs.addJsonPatch(p)', 'ApiObject.of(svc).toJson().spec', 'm._toIstio()']
      .filter((l) => READS_OUTPUT.test(l))).toHaveLength(4);
    expect(['return super._toKube();', 'this._toKube()'].filter((l) => READS_OUTPUT.test(l))).toEqual([]);
  });
});

/** A call that reads another construct's rendering (`_toKube()`, `_toIstio()`, `ApiObject.of(x).toJson()`) or patches it. */
const READS_OUTPUT = /(?<!\bthis|\bsuper)\.(_toKube|_toIstio)\(|\.addJsonPatch\(|ApiObject\.of\([^)]*\)\.toJson\(/;
