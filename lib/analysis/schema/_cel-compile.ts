/**
 * Compiles the common forms of CRD CEL rules to JavaScript, when the validators are generated: field tests
 * (`has()`), string and integer comparisons, `size()`, `in`, `contains`/`startsWith`/`endsWith`, the boolean
 * operators, `?:`, and `all`/`exists`/`exists_one`/`filter` over a list or a map. The code calls `_CEL_JS`
 * (`_cel-source.ts`), whose helpers take CEL's meaning on the values they are written for and throw on any
 * other (a missing field, a null, a number read from the data, mixed types): the interpreter (`_cel.ts`) then
 * evaluates the rule. So a compiled rule gives the interpreter's verdict or none, and a mesh whose rules
 * all compile never loads the CEL runtime. Rules of other forms (`matches`, `duration`, `url`, `int(...)`,
 * `split`, ...) are not compiled: `_compileCelRule` returns undefined.
 */

type Token =
  | { readonly t: 'id'; readonly v: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'op'; readonly v: string };

class Unsupported extends Error {}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '?', ':', '+', '-', '(', ')', '[', ']', '{', '}', '.', ','];

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const raw = (ch === 'r' || ch === 'R') && (text[i + 1] === '"' || text[i + 1] === '\'');
    if (ch === '"' || ch === '\'' || raw) {
      const start = raw ? i + 1 : i;
      const quote = text.startsWith(text[start].repeat(3), start) ? text[start].repeat(3) : text[start];
      const end = text.indexOf(quote, start + quote.length);
      if (end === -1) unsupported('unterminated string');
      const value = text.slice(start + quote.length, end);
      // Escapes are not decoded here: a string that has one is not compiled (unless raw).
      if (!raw && value.includes('\\')) unsupported('escape in a string');
      if (value.includes('\n')) unsupported('newline in a string');
      out.push({ t: 'str', v: value });
      i = end + quote.length;
      continue;
    }
    const digits = /^[0-9]+/.exec(text.slice(i));
    if (digits) {
      const after = text[i + digits[0].length];
      if (after !== undefined && /[.eExXuU]/.test(after)) unsupported('a number other than a decimal int');
      const v = Number(digits[0]);
      if (!Number.isSafeInteger(v)) unsupported('a large int');
      out.push({ t: 'int', v });
      i += digits[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) unsupported(`character ${JSON.stringify(ch)}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

const MACROS: Record<string, string> = { all: 'all', exists: 'exists', exists_one: 'existsOne', filter: 'filter' };
const STRING_METHODS = new Set(['contains', 'startsWith', 'endsWith']);
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** A recursive-descent parser of CEL's grammar (cel-spec's langdef.md), emitting JavaScript as it goes. */
class Compiler {
  private pos = 0;
  /** CEL names of the comprehension variables in scope, innermost last. */
  private readonly scope: string[] = [];

  constructor(private readonly tokens: Token[]) {}

  public compile(): string {
    const code = this.expr();
    if (this.pos !== this.tokens.length) unsupported('trailing tokens');
    return code;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  }

  private eat(v: string): void {
    if (!this.isOp(v)) unsupported(`expected ${v}`);
    this.pos++;
  }

  private ident(): string {
    const t = this.peek();
    if (!t || t.t !== 'id') return unsupported('expected a name');
    this.pos++;
    return t.v;
  }

  // expr = conditionalOr ['?' conditionalOr ':' expr]
  private expr(): string {
    const cond = this.or();
    if (!this.isOp('?')) return cond;
    this.pos++;
    const then = this.or();
    this.eat(':');
    const otherwise = this.expr();
    return `(c.b(${cond}) ? ${then} : ${otherwise})`;
  }

  private or(): string {
    let left = this.and();
    while (this.isOp('||')) {
      this.pos++;
      left = `(c.b(${left}) || c.b(${this.and()}))`;
    }
    return left;
  }

  private and(): string {
    let left = this.relation();
    while (this.isOp('&&')) {
      this.pos++;
      left = `(c.b(${left}) && c.b(${this.relation()}))`;
    }
    return left;
  }

  private relation(): string {
    let left = this.addition();
    for (;;) {
      const t = this.peek();
      if (t?.t === 'id' && t.v === 'in') {
        this.pos++;
        left = `c.in(${left}, ${this.addition()})`;
        continue;
      }
      if (t?.t !== 'op' || !['==', '!=', '<', '<=', '>', '>='].includes(t.v)) return left;
      this.pos++;
      const right = this.addition();
      if (t.v === '==') left = `c.eq(${left}, ${right})`;
      else if (t.v === '!=') left = `!c.eq(${left}, ${right})`;
      else left = `(c.cmp(${left}, ${right}) ${t.v} 0)`;
    }
  }

  private addition(): string {
    let left = this.unary();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.peek()!.v;
      this.pos++;
      left = `c.${op === '+' ? 'add' : 'sub'}(${left}, ${this.unary()})`;
    }
    return left;
  }

  private unary(): string {
    if (this.isOp('!')) {
      this.pos++;
      return `!c.b(${this.unary()})`;
    }
    if (this.isOp('-')) {
      this.pos++;
      const t = this.peek();
      if (t?.t !== 'int') unsupported('unary minus on other than an int literal');
      this.pos++;
      return `(${-t.v})`;
    }
    return this.member();
  }

  private member(): string {
    let code = this.primary();
    for (;;) {
      if (this.isOp('.')) {
        this.pos++;
        const name = this.ident();
        if (name.includes('__')) unsupported('an escaped name');
        if (!this.isOp('(')) {
          code = `c.get(${code}, ${JSON.stringify(name)})`;
          continue;
        }
        this.pos++;
        if (MACROS[name] !== undefined) {
          const variable = this.ident();
          if (RESERVED.has(variable) || variable === 'self') unsupported('a reserved variable name');
          this.eat(',');
          this.scope.push(variable);
          const body = this.expr();
          this.scope.pop();
          this.eat(')');
          code = `c.${MACROS[name]}(${code}, (${jsName(variable)}) => ${body})`;
          continue;
        }
        const args = this.args();
        if (name === 'size' && args.length === 0) code = `c.size(${code})`;
        else if (STRING_METHODS.has(name) && args.length === 1) code = `c.${name}(${code}, ${args[0]})`;
        else unsupported(`method ${name}`);
        continue;
      }
      if (this.isOp('[')) {
        this.pos++;
        const index = this.expr();
        this.eat(']');
        code = `c.at(${code}, ${index})`;
        continue;
      }
      return code;
    }
  }

  /** Arguments after `(`, up to and including `)`. */
  private args(): string[] {
    const args: string[] = [];
    if (this.isOp(')')) {
      this.pos++;
      return args;
    }
    for (;;) {
      args.push(this.expr());
      if (this.isOp(')')) {
        this.pos++;
        return args;
      }
      this.eat(',');
    }
  }

  private primary(): string {
    const t = this.peek();
    if (!t) return unsupported('unexpected end');
    this.pos++;
    if (t.t === 'str') return JSON.stringify(t.v);
    if (t.t === 'int') return String(t.v);
    if (t.t === 'op') {
      if (t.v === '(') {
        const inner = this.expr();
        this.eat(')');
        return `(${inner})`;
      }
      if (t.v === '[') {
        const items: string[] = [];
        while (!this.isOp(']')) {
          items.push(this.expr());
          if (!this.isOp(']')) this.eat(',');
        }
        this.pos++;
        return `[${items.join(', ')}]`;
      }
      if (t.v === '{') {
        this.eat('}');
        return '({})';
      }
      return unsupported(`operator ${t.v}`);
    }
    const name = t.v;
    if (name === 'true' || name === 'false') return name;
    if (this.isOp('(')) {
      this.pos++;
      if (name === 'has') {
        // has(a.f): the operand must be a field selection.
        const target = this.member();
        this.eat(')');
        const m = /^c\.get\((.*), ("(?:[^"\\]|\\.)*")\)$/s.exec(target);
        if (!m) unsupported('has() of other than a field');
        return `c.has(${m[1]}, ${m[2]})`;
      }
      const args = this.args();
      if (name === 'size' && args.length === 1) return `c.size(${args[0]})`;
      return unsupported(`function ${name}`);
    }
    // Kubernetes escapes property names that are CEL keywords (`__namespace__`): not compiled.
    if (name.includes('__')) unsupported('an escaped name');
    if (name === 'self') return 's';
    if (this.scope.includes(name)) return jsName(name);
    return unsupported(`name ${name}`);
  }
}

/** The JavaScript name of a comprehension variable (prefixed: never a JavaScript keyword, nor `c` or `s`). */
function jsName(celName: string): string {
  return `v_${celName}`;
}

/**
 * @internal
 * The body of `function (c, s) { ... }` that evaluates one CEL rule on `s` (its `self`), calling `c` (`_CEL_JS`);
 * undefined when the rule's form is not one this compiles.
 */
export function _compileCelRule(rule: string): string | undefined {
  try {
    const code = new Compiler(tokenize(rule)).compile();
    return `s = c.d(s); return c.b(${code});`;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
