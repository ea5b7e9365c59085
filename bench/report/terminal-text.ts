/**
 * Plain text for a terminal: the summary printed at the end of a run. Columns are padded by their
 * widest cell, lists wrap at the width people's terminals have (SUMMARY_WIDTH), markdown is undone.
 */

/** The summary fits a 100-column terminal. */
export const SUMMARY_WIDTH = 100;

export interface Column {
  title: string;
  /** numbers right, names left */
  align: 'left' | 'right';
}

/** A table as lines: each column as wide as its widest cell, two spaces between columns, indented. */
export function textTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent +
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return c.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)];
}

/** Words wrapped at `width`; lines after the first indented by `hang` (a list item's text under its text). */
export function wrap(text: string, width = SUMMARY_WIDTH, hang = '  '): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = hang + word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** A titled list on as few lines as fit: `title: a, b, c` wrapped under the title. */
export function wrappedList(title: string, items: readonly string[], width = SUMMARY_WIDTH): string[] {
  return items.length === 0 ? [] : wrap(`${title}: ${items.join(', ')}`, width, '    ');
}

/** A markdown line as a person reads it in a terminal: no emphasis marks, no code quotes. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');
}
