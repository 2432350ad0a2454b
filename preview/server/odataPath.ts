/**
 * Splits a REST path such as web/lists/getbytitle('Action plans')/items(3)/AttachmentFiles('a.txt')
 * into segments with their arguments. Splitting respects quotes, so a name may contain "/"; arguments
 * may be OData literals or @aliases whose literal is in the query string (?@v='...').
 */
import { errors } from './errors';

export type ArgValue = string | number | boolean | null;

export interface PathArg {
  name?: string;
  value: ArgValue;
}

export interface Segment {
  name: string;
  lower: string;
  /** undefined when the segment has no parentheses; [] for "name()". */
  args?: PathArg[];
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuote = false;
  let current = '';
  for (const c of text) {
    if (c === "'") inQuote = !inQuote; // '' inside a quoted string toggles twice: still inside
    else if (!inQuote && c === '(') depth += 1;
    else if (!inQuote && c === ')') depth -= 1;
    if (c === separator && !inQuote && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Parses one OData literal: 'text' (with ''), guid'...', numbers, true/false, null. */
export function parseLiteral(text: string, where: string): ArgValue {
  const t = text.trim();
  const quoted = /^(?:guid|datetime)?'((?:[^']|'')*)'$/i.exec(t);
  if (quoted) return quoted[1].replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (/^null$/i.test(t)) return null;
  throw errors.badQuery(`The argument '${t}' in '${where}' is not a valid literal.`);
}

function parseArgs(inner: string, query: URLSearchParams, where: string): PathArg[] {
  if (inner.trim() === '') return [];
  return splitOutsideQuotes(inner, ',').map((raw) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/s.exec(raw);
    const name = m && !/^'/.test(raw.trim()) ? m[1] : undefined;
    const valueText = (name ? m![2] : raw).trim();
    if (valueText.startsWith('@')) {
      const alias = query.get(valueText);
      if (alias === null) throw errors.badQuery(`The parameter alias '${valueText}' in '${where}' has no value in the query string.`);
      return { name, value: parseLiteral(alias, where) };
    }
    return { name, value: parseLiteral(valueText, where) };
  });
}

export function parsePath(rawPath: string, query: URLSearchParams): Segment[] {
  const segments: Segment[] = [];
  for (const rawSeg of splitOutsideQuotes(rawPath, '/')) {
    if (rawSeg === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(rawSeg);
    } catch {
      throw errors.badQuery(`The path segment '${rawSeg}' is not correctly encoded.`);
    }
    const open = seg.indexOf('(');
    if (open < 0) {
      segments.push({ name: seg, lower: seg.toLowerCase() });
      continue;
    }
    if (!seg.endsWith(')')) throw errors.badQuery(`The path segment '${seg}' is not valid.`);
    const name = seg.slice(0, open);
    segments.push({ name, lower: name.toLowerCase(), args: parseArgs(seg.slice(open + 1, -1), query, seg) });
  }
  return segments;
}

/** The single (or named) argument of a segment, checked for type. */
export function argOf(seg: Segment, name?: string): ArgValue {
  const args = seg.args ?? [];
  const found = name ? args.find((a) => a.name?.toLowerCase() === name.toLowerCase()) ?? (args.length === 1 && !args[0].name ? args[0] : undefined) : args[0];
  if (!found) throw errors.badQuery(`The segment '${seg.name}' needs the argument ${name ?? ''}.`);
  return found.value;
}

export function intArg(seg: Segment, name?: string): number {
  const v = argOf(seg, name);
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw errors.badQuery(`The argument of '${seg.name}' must be an integer.`);
  return n;
}

export function stringArg(seg: Segment, name?: string): string {
  const v = argOf(seg, name);
  if (typeof v !== 'string') throw errors.badQuery(`The argument of '${seg.name}' must be a string.`);
  return v;
}

export function boolArg(seg: Segment, name: string, fallback: boolean): boolean {
  const found = (seg.args ?? []).find((a) => a.name?.toLowerCase() === name.toLowerCase());
  if (!found) return fallback;
  if (typeof found.value !== 'boolean') throw errors.badQuery(`The argument ${name} of '${seg.name}' must be true or false.`);
  return found.value;
}
