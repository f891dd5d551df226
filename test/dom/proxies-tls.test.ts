/**
 * In a browser the browser owns proxies and TLS: a request that asks for either is refused before anything is
 * sent, with InvalidSchema saying so — never sent without them.
 */
import { describe, expect, it, vi } from 'vitest';
import requests, { ConnectionError, InvalidSchema, Session } from '../../src/index';

describe('proxies, verify and cert in a browser', () => {
  it.each([
    ['proxies', { proxies: { https: 'http://proxy.test:3128' } }, /proxies cannot be used in a browser/],
    ['verify: false', { verify: false }, /verify: false cannot be used in a browser/],
    ['a CA bundle', { verify: '/etc/ca.pem' }, /verify: "\/etc\/ca.pem" cannot be used/],
    ['cert', { cert: ['c.pem', 'k.pem'] as const }, /cert cannot be used in a browser/],
  ])('%s: InvalidSchema (not a ConnectionError), nothing sent', async (_name, options, message) => {
    const fetch = vi.fn(async () => new Response('sent'));
    const error = await requests.get('https://api.test/', { ...options, fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSchema);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/the browser owns proxies and TLS/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the defaults (verify: true, trustEnv) ask for nothing', async () => {
    const fetch = vi.fn(async () => new Response('sent'));
    const r = await new Session({ fetch, verify: true, trustEnv: true }).get('https://api.test/');
    expect(r.text).toBe('sent');
  });
});
