/** A problem with one field, in words the person filling in the form can act on. */
export interface FieldProblem {
  field: string;
  message: string;
}

export function checkRequired(problems: FieldProblem[], field: string, label: string, value: string | undefined): void {
  if (!value || value.trim() === '') problems.push({ field, message: `${label} is required.` });
}

export function checkLength(problems: FieldProblem[], field: string, label: string, value: string | undefined, limit: number): void {
  if (value && value.length > limit) {
    problems.push({
      field,
      message: `${label} is ${value.length.toLocaleString('en-GB')} characters; the limit is ${limit.toLocaleString('en-GB')}. Shorten it by ${(value.length - limit).toLocaleString('en-GB')}.`,
    });
  }
}

/** Links to evidence must be web addresses (SharePoint, OneDrive or public pages), never script. */
export function isSafeHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(value.trim());
}
