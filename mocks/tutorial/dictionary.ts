/**
 * http://www.dictionary.com/browse/:term — a dictionary page marked up the way dictionary.com marked it up when the
 * tutorial was written: each definition in a `span.one-click-content`, its leading text before any child element.
 * Some spans start with an element or with a short word, so the tutorial's `if sel.text` and `len(s) > 3` filters
 * have something to do. Unknown terms get a "no results" page with a 404.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

const ORIGIN = 'http://www.dictionary.com';

/** The definition markup of each known term (the spans' inner HTML). */
const ENTRIES: Record<string, { pos: string; definitions: string[] }[]> = {
  dog: [
    {
      pos: 'noun',
      definitions: [
        'a domesticated canid, <span class="italic">Canis familiaris,</span> bred in many varieties.',
        'any carnivore of the dog family Canidae, having prominent canine teeth and, in the wild state, a long and slender muzzle, a deep-chested muscular body, a bushy tail, and large, erect ears. <span class="luna-example">Compare <a href="/browse/canid" class="luna-xref">canid</a>.</span>',
        'the male of such an animal.',
        'any of various animals resembling a dog.',
        'a despicable man or youth.',
        '<span class="italic">Informal.</span> a fellow in general: <span class="luna-example italic">a lucky dog.</span>',
        'dogs, <span class="italic">Slang.</span> feet.',
        'Slang. something worthless or of extremely poor quality: <span class="luna-example italic">That used car you bought is a dog.</span>',
        'an ugly, boring, or crude person.',
        'a <a href="/browse/firedog" class="luna-xref">firedog</a>; andiron.',
      ],
    },
    {
      pos: 'verb (used with object), dogged, dog\u00b7ging.',
      definitions: [
        'to follow or track like a dog, especially with hostile intent; hound.',
        'to drive or chase with a dog or dogs.',
      ],
    },
    {
      pos: 'idioms',
      definitions: [
        ' <span class="bold">go to the dogs,</span> to deteriorate; degenerate morally or physically.',
        'a dog\u2019s life, a miserable existence: <span class="luna-example italic">He complained that he led a dog\u2019s life.</span>',
        'put on the dog, to assume an attitude of wealth or importance; put on airs: <span class="luna-example italic">a man\u2019s attempt to put on the dog.</span>',
      ],
    },
  ],
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

function entryPage(term: string, entry: { pos: string; definitions: string[] }[]): string {
  const sections = entry
    .map(
      ({ pos, definitions }) => `      <section class="css-pnw38j e1hk9ate0">
        <h3><span class="luna-pos">${escapeHtml(pos)}</span></h3>
        <div class="css-1o58fj8 e1hk9ate4">
${definitions
  .map(
    (html, i) =>
      `          <div value="${i + 1}" class="css-kg6o37 e1q3nk1v3"><span class="one-click-content css-1p89gle e1q3nk1v4">${html}</span></div>`,
  )
  .join('\n')}
        </div>
      </section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(term[0]!.toUpperCase() + term.slice(1))} | Definition of ${escapeHtml(term)} at Dictionary.com</title>
  </head>
  <body>
    <main>
      <h1 class="css-1jzk4d9 e1rg2mtf8">${escapeHtml(term)}</h1>
${sections}
    </main>
  </body>
</html>
`;
}

function noResultsPage(term: string): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>No results found for ${escapeHtml(term)} | Dictionary.com</title></head>
  <body><main><h1>No results found for <span class="no-results-title">${escapeHtml(term)}</span></h1></main></body>
</html>
`;
}

export function dictionaryHandlers(): HttpHandler[] {
  return [
    http.get(`${ORIGIN}/browse/:term`, ({ params }) => {
      const term = decodeURIComponent(String(params.term)).toLowerCase();
      const entry = ENTRIES[term];
      const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'max-age=3600' };
      if (!entry) return new HttpResponse(noResultsPage(term), { status: 404, headers });
      return new HttpResponse(entryPage(term, entry), { status: 200, headers });
    }),
  ];
}
