// get_term.py: finds definitions of a term on a dictionary page (cheerio in place of lxml).
import { load } from 'cheerio';
import req from 'fetch-requests';

const term = 'dog';

const resp = await req.get('http://www.dictionary.com/browse/' + term);
// Like lxml's html.fromstring(resp.content): parse the page (cheerio takes the decoded text).
const root = load(resp.text);

/** Python's textwrap.fill: greedy wrapping of words to a maximum width. */
function fill(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

for (const sel of root("span[class*='one-click-content']").toArray()) {
  // lxml's `sel.text`: the text before the first child element.
  const text = root(sel).contents().first();
  if (text.length && sel.children[0]?.type === 'text') {
    const s = text.text().trim();

    if (s.length > 3) {
      console.log(fill(s, 50));
    }
  }
}
