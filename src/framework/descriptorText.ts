/**
 * Level descriptors (and the other framework texts) are plain text, because they live in SharePoint
 * multi-line plain-text columns that site owners edit in SharePoint's own list forms. Where the
 * strategy prints a bullet list, the text holds an optional intro line and then one line per item,
 * each starting with "- ":
 *
 *   Planned approach to talent development ... including:
 *   - Contracts pipeline
 *   - Resourcing plan
 *
 * Any other line is a paragraph. A line starting with "•", "*" or "–" and a space also counts as an
 * item, as that is what people type when they mean one.
 */

export type DescriptorBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/** What starts a list item in descriptor text. */
export const LIST_ITEM_PREFIX = '- ';

const ITEM = /^[-–•*](?:\s+(.*))?$/;

function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trim());
}

/** The text as paragraphs and lists, in order; blank lines only separate. */
export function descriptorBlocks(text: string): DescriptorBlock[] {
  const blocks: DescriptorBlock[] = [];
  for (const line of lines(text)) {
    if (!line) continue;
    const item = ITEM.exec(line);
    if (item) {
      const last = blocks[blocks.length - 1];
      const itemText = (item[1] ?? '').trim();
      if (!itemText) continue;
      if (last && last.kind === 'list') last.items.push(itemText);
      else blocks.push({ kind: 'list', items: [itemText] });
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  return blocks;
}

/** True when the text holds a list, so it should not be shown inline in a sentence. */
export function hasList(text: string): boolean {
  return descriptorBlocks(text).some((b) => b.kind === 'list');
}

/**
 * The text on one line, for places that cannot show a list (a CSV cell, a chart tooltip): items are
 * joined with semicolons unless they already end a sentence.
 */
export function descriptorOneLine(text: string): string {
  return descriptorBlocks(text)
    .map((block) => {
      if (block.kind === 'paragraph') return block.text;
      return block.items.map((item, i) => (i < block.items.length - 1 && !/[.!?;:]$/.test(item) ? `${item};` : item)).join(' ');
    })
    .join(' ');
}

/** Writes a list in the stored form: the intro (if any) and one "- " line per item. */
export function descriptorFromList(intro: string | undefined, items: string[]): string {
  return [...(intro ? [intro] : []), ...items.map((item) => `${LIST_ITEM_PREFIX}${item}`)].join('\n');
}

/** Lines of a descriptor that cannot be shown as meant: a list marker with nothing after it. */
export function descriptorTextProblems(text: string): string[] {
  const problems: string[] = [];
  lines(text).forEach((line, i) => {
    const item = ITEM.exec(line);
    if (item && !(item[1] ?? '').trim()) problems.push(`line ${i + 1} is a list item with no text`);
  });
  return problems;
}
