/**
 * Streaming runs in a fresh process. Two modes:
 *
 *   stream-client.ts memory <variant> <url>
 *     one run; prints `{"bytes","items","ms","cpuMs","rssGrowth"}`, rssGrowth being the peak RSS (the process's
 *     maxRSS, sampled RSS as a cross-check) above the RSS just before the request: per-variant memory.
 *   stream-client.ts rounds <rounds> <url> <variant,variant,…>
 *     each variant once per round, in a fresh shuffled order, each printing a line
 *     `{"round","variant","bytes","ms","cpuMs"}`: runs close in time, so their ratios can be paired.
 */
import { shuffle, withPeakRssGrowth } from './harness';
import { loadLibrary } from './library';

export const STREAM_VARIANTS = {
  raw: 'raw fetch, `body.getReader()` loop',
  'iterContent(null)': '`iterContent(null)` (chunks as received)',
  'iterContent(65536)': '`iterContent(65536)` (exact 64 KiB pieces)',
  'lines naive': 'raw fetch, `(await res.text()).split("\\n")`',
  iterLines: '`iterLines()` (decoded, split as the chunks arrive)',
} as const;
export type StreamVariant = keyof typeof STREAM_VARIANTS;
export const LINE_VARIANTS: readonly StreamVariant[] = ['lines naive', 'iterLines'];

async function run(variant: StreamVariant, url: string): Promise<{ bytes: number; items: number }> {
  const { get } = await loadLibrary();
  let bytes = 0;
  let items = 0;
  switch (variant) {
    case 'raw': {
      const reader = (await fetch(url)).body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        bytes += r.value.byteLength;
        items++;
      }
      break;
    }
    case 'iterContent(null)':
    case 'iterContent(65536)': {
      const r = await get(url, { stream: true });
      for await (const chunk of r.iterContent(variant === 'iterContent(null)' ? null : 65536)) {
        bytes += chunk.byteLength;
        items++;
      }
      break;
    }
    case 'lines naive': {
      const text = await (await fetch(url)).text();
      bytes = text.length;
      const lines = text.split('\n');
      items = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
      break;
    }
    case 'iterLines': {
      const r = await get(url, { stream: true });
      for await (const line of r.iterLines()) {
        bytes += line.length + 1;
        items++;
      }
      break;
    }
  }
  return { bytes, items };
}

async function timed(
  variant: StreamVariant,
  url: string,
): Promise<{ bytes: number; items: number; ms: number; cpuMs: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run(variant, url);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { ...result, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const small = (url: string): string => url.replace(/\?.*$/, '?n=1048576');

if (import.meta.url === `file://${process.argv[1]}`) {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'memory') {
    const [variant, url] = rest as [StreamVariant, string];
    // A warm-up request, so JIT and connection setup are not part of the timing or the memory growth.
    await run(variant, small(url));
    const { result, rssGrowth } = await withPeakRssGrowth(() => timed(variant, url));
    process.stdout.write(`${JSON.stringify({ ...result, rssGrowth })}\n`);
  } else if (mode === 'rounds') {
    const [rounds, url, list] = rest as [string, string, string];
    const variants = list.split(',') as StreamVariant[];
    for (const v of variants) await run(v, small(url));
    for (let round = 0; round < Number(rounds); round++) {
      for (const variant of shuffle(variants)) {
        const { bytes, ms, cpuMs } = await timed(variant, url);
        process.stdout.write(`${JSON.stringify({ round, variant, bytes, ms, cpuMs })}\n`);
      }
    }
  } else {
    throw new Error('usage: stream-client.ts memory <variant> <url> | rounds <n> <url> <variants>');
  }
}
