/**
 * Python's `textwrap.wrap` and `textwrap.fill` with their default options (expand tabs, whitespace → spaces,
 * break long words, break on hyphens, drop whitespace at line ends), ported from CPython's textwrap.py so that
 * get_term wraps its definitions exactly as the Python original does. Lengths count code points, as Python's do.
 */

// Python's textwrap only treats US-ASCII whitespace as breakable (a no-break space is not).
const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';
// Python's Unicode `\w` (alphanumerics and `_`), `[\w!"'&.,?]`, and `[^\d\W]` (a letter: `\w` minus digits).
const W = '[\\p{L}\\p{N}_]';
const WORD_PUNCT = `[\\p{L}\\p{N}_!"'&.,?]`;
const LETTER = '[\\p{L}\\p{Nl}\\p{No}_]';

/** CPython's `wordsep_re`: whitespace, em-dashes between words, and words split after their hyphens. */
const WORDSEP = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${W})` +
    `|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${WS}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${W})))`,
  'u',
);

const length = (s: string): number => [...s].length;
/** Python's `s.strip() == ''`. */
const isBlank = (s: string): boolean => s.trim() === '';

/** `str.expandtabs(8)`, then every ASCII whitespace character becomes a space. */
function mungeWhitespace(text: string, tabsize = 8): string {
  let out = '';
  let column = 0;
  for (const c of text) {
    if (c === '\t') {
      const spaces = tabsize - (column % tabsize);
      out += ' '.repeat(spaces);
      column += spaces;
    } else if (c === '\n' || c === '\r') {
      out += ' ';
      column = 0;
    } else {
      out += /[\x0b\x0c]/.test(c) ? ' ' : c;
      column += 1;
    }
  }
  return out;
}

/** A chunk too long for any line: put as much as fits, breaking after a hyphen when one is in reach. */
function handleLongWord(reversedChunks: string[], curLine: string[], curLen: number, width: number): void {
  const spaceLeft = width < 1 ? 1 : width - curLen;
  const chunk = [...reversedChunks[reversedChunks.length - 1]!];
  let end = spaceLeft;
  if (chunk.length > spaceLeft) {
    const hyphen = chunk.slice(0, spaceLeft).lastIndexOf('-');
    if (hyphen > 0 && chunk.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
  }
  curLine.push(chunk.slice(0, end).join(''));
  reversedChunks[reversedChunks.length - 1] = chunk.slice(end).join('');
}

/** `textwrap.wrap(text, width)`: the paragraph as lines of at most `width` characters. */
export function wrap(text: string, width = 70): string[] {
  if (width <= 0) throw new RangeError(`invalid width ${width} (must be > 0)`);
  const chunks = mungeWhitespace(text)
    .split(WORDSEP)
    .filter((c) => c)
    .reverse();
  const lines: string[] = [];
  while (chunks.length > 0) {
    const curLine: string[] = [];
    let curLen = 0;
    // A line (other than the first) never starts with whitespace.
    if (isBlank(chunks[chunks.length - 1]!) && lines.length > 0) chunks.pop();
    while (chunks.length > 0) {
      const l = length(chunks[chunks.length - 1]!);
      if (curLen + l > width) break;
      curLine.push(chunks.pop()!);
      curLen += l;
    }
    if (chunks.length > 0 && length(chunks[chunks.length - 1]!) > width) {
      handleLongWord(chunks, curLine, curLen, width);
      curLen = curLine.reduce((n, c) => n + length(c), 0);
    }
    // Nor ends with it.
    if (curLine.length > 0 && isBlank(curLine[curLine.length - 1]!)) {
      curLen -= length(curLine.pop()!);
    }
    if (curLine.length > 0) lines.push(curLine.join(''));
  }
  return lines;
}

/** `textwrap.fill(text, width)`: `wrap` joined with newlines. */
export function fill(text: string, width = 70): string {
  return wrap(text, width).join('\n');
}
