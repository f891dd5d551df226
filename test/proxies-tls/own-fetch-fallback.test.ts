/**
 * A Node whose fetch refuses an npm undici dispatcher (undici 8's in Node 22 or 24: "invalid onRequestStart
 * method", before anything is sent): the request goes through undici's own fetch with its own dispatcher instead,
 * and so do the later ones. Simulated by a global fetch that refuses as Node's does.
 */
import { join } from 'node:path';
import { afterEach, expect, inject, it, vi } from 'vitest';
import requests from '../../src/index';
import type { Seen } from './world';

const world = inject('world');
const ca = join(world.dir, 'ca.pem');

afterEach(() => {
  vi.unstubAllGlobals();
});

it('falls back to undici’s own fetch, the response being the runtime’s own class', async () => {
  const refusing = vi.fn(async (_input: unknown, init?: { dispatcher?: unknown }) => {
    if (!init?.dispatcher) throw new Error('expected a dispatcher');
    const cause = Object.assign(new Error('invalid onRequestStart method'), { code: 'UND_ERR_INVALID_ARG' });
    throw new TypeError('fetch failed', { cause });
  });
  vi.stubGlobal('fetch', refusing);
  const form = new FormData();
  form.set('field', 'value');
  const r = await requests.post(`${world.https}/form`, { verify: ca, data: form });
  expect(r.statusCode).toBe(200);
  expect(r.raw).toBeInstanceOf(Response);
  expect(r.headers).toBeInstanceOf(Headers);
  expect(r.json<Seen>().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  expect(refusing).toHaveBeenCalledTimes(1);
  // Remembered: the next request goes straight to undici's fetch.
  expect((await requests.get(`${world.https}/again`, { verify: ca })).statusCode).toBe(200);
  expect(refusing).toHaveBeenCalledTimes(1);
});
