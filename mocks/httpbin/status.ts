/**
 * /status/:codes and /response-headers.
 *
 *   /status/418                 → the teapot (helpers.status_code's table)
 *   /status/200:0.9,500:0.1     → 200 nine times in ten: httpbin's weighted choice (`code:weight`, weight 1 if absent)
 *   /response-headers?X-A=1&X-A=2 → those headers, and a JSON body listing every response header
 */
import { pythonJson } from './python-json';
import { PLAIN, reply, statusCode } from './responses';
import { ANY, route, type Route } from './router';

/** Python's int() on a string: optional sign, digits, surrounding blanks and `_` between digits. */
function pythonInt(text: string): number | null {
  const m = /^\s*([+-]?\d+(?:_\d+)*)\s*$/.exec(text);
  return m ? Number(m[1]!.replace(/_/g, '')) : null;
}

/** Python's float() on a string (also `inf`, `nan`). */
function pythonFloat(text: string): number | null {
  const t = text
    .trim()
    .replace(/(\d)_(?=\d)/g, '$1')
    .toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t) ? Number(t) : null;
}

/** utils.weighted_choice: uniform in [0, total), then the first cumulative weight above it (bisect_right). */
export function weightedChoice(choices: [number, number][], random: () => number = Math.random): number {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of choices) cumulative.push((total += weight));
  const x = random() * total;
  const index = cumulative.findIndex((c) => c > x);
  if (index === -1) throw new Error('weighted_choice fell off the end'); // Python's IndexError: a 500
  return choices[index]![0];
}

/** Statuses fetch's Response can carry; the real server can send others, a mock cannot. */
function representable(code: number): boolean {
  return code >= 200 && code <= 599;
}

function invalid(): Response {
  return reply('Invalid status code', { status: 400, contentType: PLAIN });
}

function chosen(code: number, root: string): Response {
  if (!representable(code)) {
    return reply(`fetch cannot represent status ${code}; the mock answers 500 instead`, {
      status: 500,
      contentType: PLAIN,
    });
  }
  return statusCode(code, root);
}

export const statusRoutes: Route[] = [
  route('/status/<codes>', ANY, (_req, { codes }, app) => {
    if (!codes!.includes(',')) {
      const code = pythonInt(codes!);
      return code === null ? invalid() : chosen(code, app.root);
    }
    const choices: [number, number][] = [];
    for (const choice of codes!.split(',')) {
      const parts = choice.split(':');
      if (parts.length > 2) throw new Error('too many values to unpack'); // a ValueError outside the try: 500
      const code = pythonInt(parts[0]!);
      const weight = parts.length === 2 ? pythonFloat(parts[1]!) : 1;
      if (code === null || weight === null) return invalid();
      choices.push([code, weight]);
    }
    return chosen(weightedChoice(choices), app.root);
  }),

  route('/response-headers', ['GET', 'POST'], (req) => {
    const asked = req.argPairs;
    // core.response_headers: the body lists the response's own headers, so re-render until it stops changing.
    let entries: [string, string][] = [];
    let body = `${pythonJson(semiLists(asked), { indent: 2, sortKeys: true })}\n`;
    for (let round = 0; round < 10; round++) {
      entries = [
        ['Content-Type', 'application/json'],
        ['Content-Length', String(new TextEncoder().encode(body).byteLength)],
        ...asked,
      ];
      const next = `${pythonJson(headerDict(entries), { indent: 2, sortKeys: true })}\n`;
      if (next === body) break;
      body = next;
    }
    return reply(body, { headers: asked, contentType: 'application/json' });
  }),
];

/** The first jsonify(list(headers.lists())): pairs of [name, [values…]]. */
function semiLists(pairs: [string, string][]): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const [k, v] of pairs) out.set(k, [...(out.get(k) ?? []), v]);
  return [...out];
}

/** {name: value or [values]} over Werkzeug Headers: names as written, values looked up case-insensitively. */
function headerDict(entries: [string, string][]): Record<string, string | string[]> {
  const d: Record<string, string | string[]> = {};
  for (const [name] of entries) {
    const values = entries.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
    d[name] = values.length === 1 ? values[0]! : values;
  }
  return d;
}
