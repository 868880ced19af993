/**
 * Reading Kubernetes YAML and JSON from files and folders, as `kubectl` and `istioctl analyze` read them:
 * YAML 1.2 core schema (an unquoted `.` in `exportTo: [.]` is the string "."), every document of a stream,
 * `kind: List` expanded. In process, no child process and no temp file; one document at a time, so a large
 * stream never exists as one syntax tree. Bad input never throws: each problem is returned with its file and line,
 * beside the objects of every document that could be read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Composer, LineCounter, Parser } from 'yaml';

/** A problem with the input: the file, the 1-based line where known, and what is wrong. @internal */
export interface _InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** What was read: the objects, the file each came from (index for index), and the problems. @internal */
export interface _LoadedInput {
  readonly manifests: any[];
  readonly sources: string[];
  /** The files read, in order. */
  readonly files: string[];
  readonly problems: _InputProblem[];
}

/** The most aliases one document may resolve: more is a "billion laughs" resource-exhaustion attack. */
const MAX_ALIAS_COUNT = 100;

/** Bytes inspected to tell a binary file from text. */
const SNIFF_BYTES = 8192;

/** `<file>:<line>: <message>`, or `<file>: <message>` without a line. @internal */
export function _formatProblem(p: _InputProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`;
}

/**
 * Files and folders, read into objects. Folders are read recursively for `*.yaml`, `*.yml` and `*.json`
 * (each real folder once, whatever links lead to it). A path that does not exist, a folder without such
 * files, a binary or malformed file, a document that is not a Kubernetes object (no `apiVersion` or `kind`),
 * and an input without any object at all are problems; everything else is read. `onFiles` hears how many
 * files there are before they are read.
 * @internal
 */
export function _loadManifests(paths: readonly string[], onFiles?: (count: number) => void): _LoadedInput {
  const problems: _InputProblem[] = [];
  const files: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    if (!fs.existsSync(p)) {
      problems.push({ file: p, message: 'no such file or folder' });
      continue;
    }
    if (fs.statSync(p).isDirectory()) {
      const found = filesIn(p, seen);
      if (found.length === 0) problems.push({ file: p, message: 'folder holds no *.yaml, *.yml or *.json file' });
      files.push(...found);
    } else {
      files.push(p);
    }
  }
  onFiles?.(files.length);
  const manifests: any[] = [];
  const sources: string[] = [];
  for (const file of files) {
    for (const obj of _readFile(file, problems)) {
      manifests.push(obj);
      sources.push(file);
    }
  }
  if (manifests.length === 0 && paths.length > 0 && problems.length === 0) {
    problems.push({ file: paths.join(', '), message: 'no Kubernetes object in the input (every document is empty)' });
  }
  return { manifests, sources, files, problems };
}

function filesIn(dir: string, seen: Set<string>): string[] {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return [];
  }
  if (seen.has(real)) return [];
  seen.add(real);
  return fs.readdirSync(dir).sort().flatMap((entry) => {
    const full = path.join(dir, entry);
    let isDir: boolean;
    try {
      isDir = fs.statSync(full).isDirectory();
    } catch {
      return []; // a dangling link
    }
    if (isDir) return filesIn(full, seen);
    return /\.(ya?ml|json)$/i.test(entry) ? [full] : [];
  });
}

/**
 * The objects of one file; its problems are added to `problems`. Documents that are empty (comments only,
 * `---` alone) are skipped, as kubectl skips them.
 * @internal
 */
export function _readFile(file: string, problems: _InputProblem[]): any[] {
  const text = _readText(file, problems);
  if (text === undefined) return [];
  const objects: any[] = [];
  if (/\.json$/i.test(file)) {
    // JSON.parse is several times faster than a YAML parser; on an error the YAML parser (JSON is YAML) finds the line.
    let value: any;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const yamlError = [..._parseYamlDocuments(text)].find((d) => d.error !== undefined);
      const at = /position (\d+)/.exec((e as Error).message);
      problems.push({
        file,
        line: yamlError?.line ?? (at ? text.slice(0, Number(at[1])).split('\n').length : undefined),
        message: `malformed JSON: ${firstLine((e as Error).message)}`,
      });
      return [];
    }
    addObject(value, objects, problems, file, 1);
    return objects;
  }
  for (const { value, line, error } of _parseYamlDocuments(text)) {
    if (error !== undefined) problems.push({ file, line, message: error });
    else addObject(value, objects, problems, file, line);
  }
  return objects;
}

/** The text of a file, or undefined (with the problem added) when it cannot be read or is binary. @internal */
export function _readText(file: string, problems: _InputProblem[]): string | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    problems.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return undefined;
  }
  if (isBinary(bytes)) {
    problems.push({ file, message: 'binary file, not YAML or JSON' });
    return undefined;
  }
  return bytes.toString('utf8');
}

/**
 * The documents of a YAML stream, one at a time: each document's value (plain JSON data) and the line it starts on,
 * or the error that stops it being read. A document is built, converted and dropped before the next is parsed.
 * @internal
 */
export function* _parseYamlDocuments(text: string): Generator<{ value?: any; line: number; error?: string }> {
  const lines = new LineCounter();
  const composer = new Composer({ version: '1.2', schema: 'core', prettyErrors: false });
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const docs = (function* () {
    for (const token of new Parser(lines.addNewLine).parse(text)) yield* composer.next(token);
    yield* composer.end();
  })();
  for (const doc of docs) {
    const start = doc.range?.[0] ?? 0;
    const line = lineOf(firstContent(text, start));
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      yield { line: lineOf(e.pos[0]), error: `malformed YAML: ${firstLine(e.message)}` };
      continue;
    }
    if (doc.contents === null) continue;
    try {
      yield { line, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (e) {
      const message = (e as Error).message;
      yield {
        line,
        error: /alias/i.test(message)
          ? `refused: the document expands more than ${MAX_ALIAS_COUNT} aliases (a YAML alias bomb?): ${firstLine(message)}`
          : `cannot read YAML: ${firstLine(message)}`,
      };
    }
  }
}

/** The offset of the first character of a document that is not blank, a comment or a marker, for its line. */
function firstContent(text: string, from: number): number {
  const re = /(?:[ \t]*(?:#.*)?|---[ \t]*|%.*)\r?\n/y;
  re.lastIndex = from;
  let at = from;
  while (re.test(text) && re.lastIndex > at) at = re.lastIndex;
  return at;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

function addObject(value: any, objects: any[], problems: _InputProblem[], file: string, line: number): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ file, line, message: `not a Kubernetes object: the document is ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value).slice(0, 40)}`}` });
    return;
  }
  const missing = ['apiVersion', 'kind'].filter((k) => typeof value[k] !== 'string' || value[k] === '');
  if (missing.length > 0) {
    problems.push({ file, line, message: `not a Kubernetes object: no ${missing.join(' or ')}` });
    return;
  }
  if ((value.kind === 'List' || value.kind.endsWith('List')) && Array.isArray(value.items)) {
    value.items.forEach((item: any, i: number) => {
      const before = problems.length;
      addObject(item, objects, problems, file, line);
      for (let j = before; j < problems.length; j++) problems[j] = { ...problems[j], message: `${value.kind} item ${i}: ${problems[j].message}` };
    });
    return;
  }
  objects.push(value);
}

/** True when the bytes are not text: a NUL byte, or invalid UTF-8, in the first few kilobytes. */
function isBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return true;
  // Cut at a character boundary: a multi-byte character split by the sniff window is not an error.
  let end = head.length;
  if (bytes.length > SNIFF_BYTES) {
    while (end > 0 && head[end - 1] >= 0x80 && head[end - 1] < 0xc0) end--; // continuation bytes
    if (end > 0 && head[end - 1] >= 0xc0) end--;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return false;
  } catch {
    return true;
  }
}
