// get_term.py: finds the definitions of a term on www.dictionary.com (cheerio in place of lxml).
import { loadBuffer } from 'cheerio';
import req from 'fetch-requests';
import * as textwrap from './lib/textwrap';

const term = 'dog';

const resp = await req.get(`http://www.dictionary.com/browse/${term}`);
// Like html.fromstring(resp.content): the parser gets the bytes and finds their encoding itself.
const root = loadBuffer(Buffer.from(resp.content));

// xpath //span[contains(@class, 'one-click-content')] as a CSS selector.
for (const sel of root("span[class*='one-click-content']").toArray()) {
  // lxml's `sel.text`: the text before the first child element, None when an element comes first.
  const first = sel.firstChild;
  const text = first?.type === 'text' ? first.data : null;

  if (text) {
    const s = text.trim();

    if (s.length > 3) {
      console.log(textwrap.fill(s, 50));
    }
  }
}
