/**
 * Saving bytes made in the browser (the period workbook) as a download: a Blob, an object URL and a
 * temporary link that is clicked and removed. No imports, so it costs nothing to load with the
 * export.
 */

/** How long the object URL is kept after the click, so the browser has started reading it before it goes. */
export const REVOKE_AFTER_MS = 10000;

/** Starts a download of the bytes under the file name given. */
export function saveBytes(bytes: Uint8Array, fileName: string, mimeType: string): void {
  const blob = new Blob([bytes], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(fileName);
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/** "2025/26" → "Procurement maturity 2025-26.xlsx"; with the council's name, "Anytown Borough Council procurement maturity 2025-26.xlsx". */
export function periodWorkbookFileName(periodName: string, councilName?: string): string {
  const council = (councilName ?? '').trim();
  return safeFileName(council ? `${council} procurement maturity ${periodName}.xlsx` : `Procurement maturity ${periodName}.xlsx`);
}

/**
 * A file name every desktop system accepts: no slashes or other reserved characters (a slash or
 * backslash becomes a dash), no control characters, no trailing dots or spaces, at most 150 characters
 * before the extension.
 */
export function safeFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const hasExtension = dot > 0 && /^\.[A-Za-z0-9]{1,8}$/.test(fileName.slice(dot));
  const extension = hasExtension ? fileName.slice(dot) : '';
  const stem = Array.from(hasExtension ? fileName.slice(0, dot) : fileName, (ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch))
    .join('')
    .replace(/[/\\]/g, '-')
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150)
    .replace(/[. ]+$/, '');
  return `${stem || 'Download'}${extension}`;
}
