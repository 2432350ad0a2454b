/**
 * $filter: a strict parser for the OData v3 subset SharePoint's REST API accepts, and an evaluator.
 * Anything the parser does not fully understand is a 400 with SharePoint's error body; nothing is
 * ever ignored, because ignoring part of a filter would silently widen a result.
 *
 * Supported: eq ne lt le gt ge, and or not, parentheses, startswith(Field,'x'), substringof('x',Field)
 * (optionally "eq true"), string literals with '' for a quote, numbers, true/false, null,
 * datetime'...' and quoted ISO dates against date columns.
 */
import { errors, SpError } from './errors';
import { parseDate } from './dates';

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'datetime'; value: number; text: string }
  | { type: 'guid'; value: string };

export type ComparisonOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; expr: FilterNode }
  | { kind: 'cmp'; op: ComparisonOp; field: string; value: Literal }
  | { kind: 'startswith' | 'substringof'; field: string; value: Literal; negate: boolean };

type Token =
  | { t: 'lparen' | 'rparen' | 'comma'; pos: number }
  | { t: 'ident'; v: string; pos: number }
  | { t: 'literal'; v: Literal; pos: number };

const OPS = new Set<string>(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

function syntaxError(source: string, pos: number): SpError {
  return errors.badQuery(`Syntax error at position ${pos} in '${source}'.`);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (start: number): string => {
    // i points at the opening quote; '' inside is one quote character.
    let out = '';
    let j = i + 1;
    for (;;) {
      if (j >= source.length) throw syntaxError(source, start);
      const c = source[j];
      if (c === "'") {
        if (source[j + 1] === "'") {
          out += "'";
          j += 2;
          continue;
        }
        i = j + 1;
        return out;
      }
      out += c;
      j += 1;
    }
  };
  while (i < source.length) {
    const c = source[i];
    const start = i;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(') {
      tokens.push({ t: 'lparen', pos: start });
      i += 1;
    } else if (c === ')') {
      tokens.push({ t: 'rparen', pos: start });
      i += 1;
    } else if (c === ',') {
      tokens.push({ t: 'comma', pos: start });
      i += 1;
    } else if (c === "'") {
      tokens.push({ t: 'literal', v: { type: 'string', value: readQuoted(start) }, pos: start });
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[LlMmDdFf]?/.exec(source.slice(i));
      if (!m || m[0] === '-') throw syntaxError(source, start);
      const value = Number(m[0].replace(/[LlMmDdFf]$/, ''));
      if (!Number.isFinite(value)) throw syntaxError(source, start);
      tokens.push({ t: 'literal', v: { type: 'number', value }, pos: start });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(i));
      const word = m![0];
      i += word.length;
      const lower = word.toLowerCase();
      if (source[i] === "'" && (lower === 'datetime' || lower === 'guid' || lower === 'datetimeoffset')) {
        const text = readQuoted(start);
        if (lower === 'guid') {
          if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) throw syntaxError(source, start);
          tokens.push({ t: 'literal', v: { type: 'guid', value: text.toLowerCase() }, pos: start });
        } else {
          const ms = parseDate(text);
          if (ms === undefined) throw errors.badQuery(`The DateTime value '${text}' in the filter at position ${start} is not valid.`);
          tokens.push({ t: 'literal', v: { type: 'datetime', value: ms, text }, pos: start });
        }
      } else if (source[i] === "'") {
        throw syntaxError(source, i);
      } else if (lower === 'true' || lower === 'false') {
        tokens.push({ t: 'literal', v: { type: 'bool', value: lower === 'true' }, pos: start });
      } else if (lower === 'null') {
        tokens.push({ t: 'literal', v: { type: 'null' }, pos: start });
      } else {
        tokens.push({ t: 'ident', v: word, pos: start });
      }
    } else {
      throw syntaxError(source, start);
    }
  }
  return tokens;
}

/** Parses a $filter expression into a tree; throws a 400 SpError on anything malformed. */
export function parseFilter(source: string): FilterNode {
  const tokens = tokenize(source);
  if (tokens.length === 0) throw errors.badQuery(`The expression '${source}' is not a valid filter: it is empty.`);
  let p = 0;
  const peek = () => tokens[p];
  const posOf = (tok: Token | undefined) => (tok ? tok.pos : source.length);
  const isWord = (tok: Token | undefined, word: string) => tok?.t === 'ident' && tok.v.toLowerCase() === word;
  const expect = (kind: Token['t']): Token => {
    const tok = tokens[p];
    if (!tok || tok.t !== kind) throw syntaxError(source, posOf(tok));
    p += 1;
    return tok;
  };
  const literal = (): Literal => {
    const tok = tokens[p];
    if (!tok || tok.t !== 'literal') throw syntaxError(source, posOf(tok));
    p += 1;
    return tok.v;
  };
  const field = (): string => {
    const tok = tokens[p];
    if (!tok || tok.t !== 'ident' || ['and', 'or', 'not', ...OPS].includes(tok.v.toLowerCase())) throw syntaxError(source, posOf(tok));
    p += 1;
    return tok.v;
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      p += 1;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (isWord(peek(), 'and')) {
      p += 1;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterNode => {
    if (isWord(peek(), 'not')) {
      p += 1;
      return { kind: 'not', expr: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): FilterNode => {
    const tok = peek();
    if (!tok) throw syntaxError(source, source.length);
    if (tok.t === 'lparen') {
      p += 1;
      const inner = parseOr();
      expect('rparen');
      return inner;
    }
    if (tok.t !== 'ident') throw syntaxError(source, tok.pos);
    const next = tokens[p + 1];
    if (next?.t === 'lparen') return parseFunction();
    const name = field();
    const opTok = peek();
    if (!opTok || opTok.t !== 'ident' || !OPS.has(opTok.v.toLowerCase())) throw syntaxError(source, posOf(opTok));
    p += 1;
    return { kind: 'cmp', op: opTok.v.toLowerCase() as ComparisonOp, field: name, value: literal() };
  };
  const parseFunction = (): FilterNode => {
    const nameTok = tokens[p] as { t: 'ident'; v: string; pos: number };
    const name = nameTok.v.toLowerCase();
    p += 1;
    expect('lparen');
    let node: FilterNode;
    if (name === 'startswith') {
      const f = field();
      expect('comma');
      node = { kind: 'startswith', field: f, value: literal(), negate: false };
    } else if (name === 'substringof') {
      const value = literal();
      expect('comma');
      node = { kind: 'substringof', field: field(), value, negate: false };
    } else {
      throw errors.badQuery(`An unknown function with name '${nameTok.v}' was found. This may also be a key lookup on a navigation property, which is not allowed.`);
    }
    expect('rparen');
    if (node.value.type !== 'string') throw errors.badQuery(`The function '${name}' needs a string literal at position ${nameTok.pos} in '${source}'.`);
    // OData v2 style: substringof('x',Title) eq true
    const after = peek();
    if (after?.t === 'ident' && (after.v.toLowerCase() === 'eq' || after.v.toLowerCase() === 'ne')) {
      p += 1;
      const v = literal();
      if (v.type !== 'bool') throw syntaxError(source, posOf(tokens[p - 1]));
      const negate = (after.v.toLowerCase() === 'eq') !== v.value;
      node = { ...node, negate };
    }
    return node;
  };

  const tree = parseOr();
  if (p < tokens.length) throw syntaxError(source, tokens[p].pos);
  return tree;
}

/** Every field path the filter mentions, in order of appearance (the first drives the threshold rule). */
export function filterFields(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterFields(node.left), ...filterFields(node.right)];
    case 'not':
      return filterFields(node.expr);
    default:
      return [node.field];
  }
}

// ---- evaluation ---------------------------------------------------------------------------------

export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'guid';

/** How a filter reaches one field of a row: its kind and a getter. */
export interface FieldAccessor<Row> {
  name: string;
  kind: ValueKind;
  get(row: Row): unknown;
}

export type Resolver<Row> = (path: string) => FieldAccessor<Row>;
export type Predicate<Row> = (row: Row) => boolean;

type Normalised = string | number | boolean | null;

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** Turns a literal into a comparable value of the field's kind, or throws 400 on a type mismatch. */
function literalFor(kind: ValueKind, lit: Literal, fieldName: string): Normalised {
  if (lit.type === 'null') return null;
  const mismatch = () => errors.badQuery(`The value in the filter is not valid for the field '${fieldName}' (${kind}).`);
  switch (kind) {
    case 'text':
      if (lit.type === 'string') return lit.value.toLowerCase();
      if (lit.type === 'number') return String(lit.value).toLowerCase();
      throw mismatch();
    case 'number':
      if (lit.type === 'number') return lit.value;
      if (lit.type === 'string' && lit.value.trim() !== '' && Number.isFinite(Number(lit.value))) return Number(lit.value);
      throw mismatch();
    case 'boolean':
      if (lit.type === 'bool') return lit.value;
      if (lit.type === 'number' && (lit.value === 0 || lit.value === 1)) return lit.value === 1;
      throw mismatch();
    case 'date': {
      if (lit.type === 'datetime') return lit.value;
      if (lit.type === 'string') {
        const ms = parseDate(lit.value);
        if (ms !== undefined) return ms;
      }
      throw mismatch();
    }
    case 'guid':
      if (lit.type === 'guid' || lit.type === 'string') return lit.value.toLowerCase();
      throw mismatch();
  }
}

function normaliseValue(kind: ValueKind, v: unknown): Normalised {
  if (isEmpty(v)) return null;
  switch (kind) {
    case 'text':
    case 'guid':
      return String(v).toLowerCase();
    case 'number':
      return Number(v);
    case 'boolean':
      return Boolean(v);
    case 'date':
      return typeof v === 'number' ? v : Date.parse(String(v));
  }
}

function compare(op: ComparisonOp, a: Normalised, b: Normalised): boolean {
  if (b === null) {
    if (op === 'eq') return a === null;
    if (op === 'ne') return a !== null;
    return false;
  }
  if (a === null) return op === 'ne';
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

/** Binds a parsed filter to a row type; unknown fields and type mismatches fail here, before any row is read. */
export function compileFilter<Row>(node: FilterNode, resolve: Resolver<Row>): Predicate<Row> {
  switch (node.kind) {
    case 'and': {
      const l = compileFilter(node.left, resolve);
      const r = compileFilter(node.right, resolve);
      return (row) => l(row) && r(row);
    }
    case 'or': {
      const l = compileFilter(node.left, resolve);
      const r = compileFilter(node.right, resolve);
      return (row) => l(row) || r(row);
    }
    case 'not': {
      const e = compileFilter(node.expr, resolve);
      return (row) => !e(row);
    }
    case 'cmp': {
      const acc = resolve(node.field);
      const want = literalFor(acc.kind, node.value, acc.name);
      const op = node.op;
      return (row) => compare(op, normaliseValue(acc.kind, acc.get(row)), want);
    }
    case 'startswith':
    case 'substringof': {
      const acc = resolve(node.field);
      if (acc.kind !== 'text') throw errors.badQuery(`The function '${node.kind}' cannot be used with the field '${acc.name}'.`);
      const needle = (node.value as { value: string }).value.toLowerCase();
      const starts = node.kind === 'startswith';
      const negate = node.negate;
      return (row) => {
        const v = normaliseValue('text', acc.get(row)) as string | null;
        const hit = v !== null && (starts ? v.startsWith(needle) : v.includes(needle));
        return negate ? !hit : hit;
      };
    }
  }
}

/** Resolver for plain JSON entities (lists, fields, users, groups...): kinds come from the values. */
export function entityResolver(sample: Record<string, unknown>, typeName: string): Resolver<Record<string, unknown>> {
  return (path) => {
    const key = Object.keys(sample).find((k) => k.toLowerCase() === path.toLowerCase());
    if (!key) throw errors.badQuery(`The property '${path}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type.`);
    const v = sample[key];
    const kind: ValueKind = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : /^\d{4}-\d{2}-\d{2}T/.test(String(v)) ? 'date' : 'text';
    return { name: key, kind, get: (row) => row[key] };
  };
}
