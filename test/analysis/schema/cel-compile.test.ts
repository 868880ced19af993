/**
 * CEL rules compiled to JavaScript (lib/analysis/schema/_cel-compile.ts) give the interpreter's verdict, or none
 * (they throw, and the interpreter decides): on the forms the pinned CRDs use and on the values where JavaScript
 * and CEL part (missing fields, nulls, numbers from the data, mixed types, code points, errors inside `all`).
 */
import { _encodeCelRules, _failedCelChecks } from '../../../lib/analysis/schema/_cel';
import { _compileCelRule } from '../../../lib/analysis/schema/_cel-compile';
import { _CEL_JS } from '../../../lib/analysis/schema/_cel-source';

/** The compiled verdict: true/false, or 'interpreter' when the compiled code leaves the value to the interpreter. */
function compiled(rule: string, self: unknown): boolean | 'interpreter' {
  const body = _compileCelRule(rule);
  if (body === undefined) throw new Error(`not compiled: ${rule}`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('c', 's', body) as (c: typeof _CEL_JS, s: unknown) => unknown;
  try {
    const verdict = fn(_CEL_JS, self);
    if (typeof verdict !== 'boolean') throw new Error(`not a boolean: ${String(verdict)}`);
    return verdict;
  } catch (e) {
    if ((e as Error).message === 'not compiled for this data') return 'interpreter';
    throw e;
  }
}

/** The interpreter's verdict: true when the rule holds. */
function interpreted(rule: string, self: unknown, type: any = {}): boolean {
  return _failedCelChecks({ s: _encodeCelRules([{ rule }], type) }, self).length === 0;
}

const OBJECT_VALUES: unknown[] = [
  {}, { selector: {} }, { selector: { matchLabels: {} } }, { selector: { matchLabels: { app: 'a' } } }, { targetRef: {} },
  { selector: {}, targetRefs: [] }, { selector: null }, { type: 'Hostname' }, { type: 'Hostname', value: 'a.b' }, { type: 5 },
  { type: null }, { portLevelMtls: { 80: {} } }, { portLevelMtls: {}, selector: { matchLabels: { a: 'b' } } }, { wasm: {} },
  { wasm: {}, lua: {} }, { address: 'unix:///x', ports: {} }, { address: 'x' }, { address: 5 }, { resolution: 'DNS' },
  { resolution: 'NONE', endpoints: [] }, { addresses: ['1.2.3.4/8'], resolution: 'DNS' }, { serviceAccounts: ['a'], principals: [] },
];
const MAP_VALUES: unknown[] = [{}, { a: 'b' }, { '': 'x' }, { 'a*': 'b' }, { '*': 'x' }, { '*': 'x', 'b': 'y' }, { 'é😀': '1' }];
const LIST_VALUES: unknown[] = [
  [], [{ name: 'a' }], [{ name: 'a' }, { name: 'a' }], [{ name: 'a' }, { name: 'b' }], [{ name: 1 }, { name: 1 }],
  [{ protocol: 'HTTP', tls: {} }], [{ protocol: 'TCP' }], [{}], [null], [{ type: 'RequestHeaderModifier' }, { type: 'RequestHeaderModifier' }],
  [{ type: 'CORS' }], ['a', 'b'], [1, 2],
];
const SCALAR_VALUES: unknown[] = ['', 'a', '*', 'a*b', 'unix://x', 'unix:///', '😀', 0, 1, 65536, true, null];

const CASES: Array<{ rule: string; values: unknown[]; numbers?: boolean }> = [
  { rule: '(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1', values: OBJECT_VALUES },
  { rule: 'has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true', values: OBJECT_VALUES },
  { rule: 'has(self.wasm) != has(self.lua)', values: OBJECT_VALUES },
  { rule: '(has(self.address) ? self.address : "").startsWith("unix://") ? !has(self.ports) : true', values: OBJECT_VALUES },
  { rule: '!(self.type == "Hostname" && (!has(self.value) || self.value == ""))', values: OBJECT_VALUES },
  { rule: '((has(self.resolution) ? self.resolution : "NONE") == "NONE") ? !has(self.endpoints) : true', values: OBJECT_VALUES },
  { rule: '!((has(self.addresses) ? self.addresses : []).exists(k, k.contains("/")) && !((has(self.resolution) ? self.resolution : "NONE") in ["STATIC", "NONE"]))', values: OBJECT_VALUES },
  { rule: '(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) && !has(self.notPrincipals)) : true', values: OBJECT_VALUES },
  { rule: 'self.all(key, !key.contains("*"))', values: [...MAP_VALUES, ...LIST_VALUES] },
  { rule: 'self.all(key, key.size() != 0)', values: [...MAP_VALUES, ...LIST_VALUES] },
  { rule: 'self.all(key, size(key) < 2)', values: MAP_VALUES },
  { rule: '!(\'*\' in self && self.size() > 1)', values: [...MAP_VALUES, ...LIST_VALUES] },
  { rule: 'self.all(l1, self.exists_one(l2, l1.name == l2.name))', values: LIST_VALUES },
  { rule: 'self.filter(f, f.type == \'RequestHeaderModifier\').size() <= 1', values: LIST_VALUES },
  { rule: 'self.all(l, l.protocol in [\'HTTP\', \'TCP\', \'UDP\'] ? !has(l.tls) : true)', values: LIST_VALUES },
  { rule: '(self.size() > 0 ? (has(self[0].name) ? 1 : 0) : 0) <= 1', values: LIST_VALUES },
  { rule: '!self.contains("*")', values: SCALAR_VALUES },
  { rule: 'self != "*"', values: SCALAR_VALUES },
  { rule: 'self in ["", "HTTP", "HTTPS"]', values: SCALAR_VALUES },
  { rule: 'self.size() == 0', values: [...SCALAR_VALUES, ...MAP_VALUES, ...LIST_VALUES] },
  { rule: 'self.startsWith("unix://") ? !self.endsWith("/") : true', values: SCALAR_VALUES },
  // Numbers read from the data are int or double by the schema: always the interpreter's.
  { rule: '0 < self && self <= 65535', values: SCALAR_VALUES, numbers: true },
];

describe('CEL rules compiled to JavaScript', () => {
  test.each(CASES)('give the interpreter\'s verdict or leave it to the interpreter: $rule', ({ rule, values, numbers }) => {
    let decided = 0;
    for (const self of values) {
      const verdict = compiled(rule, self);
      if (verdict === 'interpreter') continue;
      decided++;
      expect({ self, verdict }).toEqual({ self, verdict: interpreted(rule, self) });
    }
    // Each rule is decided by the compiled code on some values (else the fast path is never taken).
    if (numbers) expect(decided).toBe(0);
    else expect(decided).toBeGreaterThan(0);
  });

  test('decide the common cases themselves, with CEL\'s meaning', () => {
    expect(compiled('self.size() == 1', '😀')).toBe(true); // code points, not UTF-16 units
    expect(compiled('has(self.a)', { a: null })).toBe(true);
    expect(compiled('self.all(k, k.size() > 0)', { '': 'x', 'b': 'y' })).toBe(false);
    expect(compiled('self.exists(x, x == "b")', ['a', 'b'])).toBe(true);
  });

  test('leave to the interpreter what they do not model', () => {
    expect(compiled('self.a == "x"', {})).toBe('interpreter'); // no such key: a CEL error
    expect(compiled('self == 1', 1)).toBe('interpreter'); // a number read from the data: int or double by the schema
    expect(compiled('self.a == "x"', { a: null })).toBe('interpreter');
    expect(compiled('self == "x"', true)).toBe('interpreter'); // mixed types
    // Yet an error beside a false item in `all` is CEL's false.
    expect(compiled('self.all(x, x.a == "y")', [{}, { a: 'z' }])).toBe(false);
    expect(interpreted('self.all(x, x.a == "y")', [{}, { a: 'z' }])).toBe(false);
  });

  test.each([
    'self.matches("^a$")', 'duration(self) >= duration(\'1ms\')', 'isURL(self)', 'self.split("/")[0].size() < 253',
    'self.all(key, 0 < int(key))', 'has(self.__namespace__)', 'self == "a\\nb"', 'self == 1.5', 'self == null',
  ])('are not compiled for other forms: %s', (rule) => {
    expect(_compileCelRule(rule)).toBeUndefined();
  });
});
