/**
 * OData literals for $filter. A quote in a council's text (O'Brien, "Members' training") must never end
 * the literal early and widen or break the query, so every string goes through here.
 */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function eq(field: string, value: string | number | boolean): string {
  if (typeof value === 'string') return `${field} eq ${odataString(value)}`;
  if (typeof value === 'boolean') return `${field} eq ${value ? 1 : 0}`;
  if (!Number.isFinite(value)) throw new Error(`Cannot filter ${field} by ${value}`);
  return `${field} eq ${value}`;
}

export function and(...clauses: string[]): string {
  return clauses.filter(Boolean).map((c) => `(${c})`).join(' and ');
}
