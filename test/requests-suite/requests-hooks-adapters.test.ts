/**
 * psf/requests tests/test_requests.py, class TestRequests: response hooks (on the Session, on the request, on a
 * PreparedRequest), `Session.send()` refusing what is not a PreparedRequest, and transport adapters mounted by URL
 * prefix (`Session.mount`, `getAdapter`, the order of `s.adapters`).
 */
import { describe, expect } from 'vitest';
import { type BaseAdapter, HTTPAdapter, type Hook, type SendOptions, Session } from '../../src/index';
import { httpbin, port } from './helpers';

/** The prefixes of `s.adapters`, in its order. */
const adapterPrefixes = (s: Session): string[] => [...s.adapters.keys()];

/** Calls `send` and returns what it threw or rejected with (undefined when it did neither). */
async function sendError(s: Session, request: unknown): Promise<unknown> {
  try {
    await s.send(request as never);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('TestRequests: hooks', () => {
  port('test_hook_receives_request_arguments', async () => {
    const calls: [unknown, SendOptions][] = [];
    const hook: Hook = (resp, kwargs) => {
      calls.push([resp, kwargs]);
    };
    const s = new Session();
    const prep = await s.prepareRequest('GET', httpbin(), { hooks: { response: hook } });
    await s.send(prep);
    // Requests asserts inside the hook; here the hook records, so that a hook never run fails too.
    expect(calls).toHaveLength(1);
    const [resp, kwargs] = calls[0]!;
    expect(resp).toBeTruthy();
    expect(kwargs).toBeTypeOf('object');
    expect(kwargs).not.toEqual({});
  });

  port('test_session_hooks_are_used_with_no_request_hooks', async () => {
    const hook = (): void => {};
    const s = new Session();
    s.hooks.response.push(hook);
    const prep = await s.prepareRequest('GET', httpbin());
    expect(prep.hooks.response).not.toEqual([]);
    expect(prep.hooks.response).toEqual([hook]);
  });

  port('test_session_hooks_are_overridden_by_request_hooks', async () => {
    const hook1 = (): void => {};
    const hook2 = (): void => {};
    expect(hook1).not.toBe(hook2);
    const s = new Session();
    s.hooks.response.push(hook2);
    const prep = await s.prepareRequest('GET', httpbin(), { hooks: { response: [hook1] } });
    expect(prep.hooks.response).toEqual([hook1]);
  });

  port('test_prepared_request_hook', async () => {
    const hook: Hook = (resp) => {
      (resp as unknown as { hookWorking: boolean }).hookWorking = true;
      return resp;
    };
    // Prepared on its own (Request(...).prepare()), sent by another Session.
    const prep = await new Session().prepareRequest('GET', httpbin(), { hooks: { response: hook } });
    const s = new Session();
    const resp = await s.send(prep);
    expect(resp).toHaveProperty('hookWorking');
  });
});

describe('TestRequests: Session.send takes PreparedRequests only', () => {
  port('test_non_prepared_request_error', async () => {
    const s = new Session();
    // requests.Request('POST', '/'): a request that has not been prepared.
    const req = { method: 'POST', url: '/' };
    const error = await sendError(s, req);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('You can only send PreparedRequests.');
  });

  port('test_cannot_send_unprepared_requests', async () => {
    const r = { url: httpbin() };
    const error = await sendError(new Session(), r);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('TestRequests: transport adapters', () => {
  port('test_transport_adapter_ordering', () => {
    const s = new Session();
    let order = ['https://', 'http://'];
    expect(adapterPrefixes(s)).toEqual(order);
    s.mount('http://git', new HTTPAdapter());
    s.mount('http://github', new HTTPAdapter());
    s.mount('http://github.com', new HTTPAdapter());
    s.mount('http://github.com/about/', new HTTPAdapter());
    order = ['http://github.com/about/', 'http://github.com', 'http://github', 'http://git', 'https://', 'http://'];
    expect(adapterPrefixes(s)).toEqual(order);
    s.mount('http://gittip', new HTTPAdapter());
    s.mount('http://gittip.com', new HTTPAdapter());
    s.mount('http://gittip.com/about/', new HTTPAdapter());
    order = [
      'http://github.com/about/',
      'http://gittip.com/about/',
      'http://github.com',
      'http://gittip.com',
      'http://github',
      'http://gittip',
      'http://git',
      'https://',
      'http://',
    ];
    expect(adapterPrefixes(s)).toEqual(order);
    const s2 = new Session();
    // s2.adapters = {'http://': HTTPAdapter()}
    s2.adapters = new Map([['http://', new HTTPAdapter()]]);
    s2.mount('https://', new HTTPAdapter());
    expect(adapterPrefixes(s2)).toContain('http://');
    expect(adapterPrefixes(s2)).toContain('https://');
  });

  port('test_session_get_adapter_prefix_matching', () => {
    const prefix = 'https://example.com';
    const moreSpecificPrefix = `${prefix}/some/path`;

    const urlMatchingOnlyPrefix = `${prefix}/another/path`;
    const urlMatchingMoreSpecificPrefix = `${moreSpecificPrefix}/longer/path`;
    const urlNotMatchingPrefix = 'https://another.example.com/';

    const s = new Session();
    const prefixAdapter: BaseAdapter = new HTTPAdapter();
    const moreSpecificPrefixAdapter: BaseAdapter = new HTTPAdapter();
    s.mount(prefix, prefixAdapter);
    s.mount(moreSpecificPrefix, moreSpecificPrefixAdapter);

    expect(s.getAdapter(urlMatchingOnlyPrefix)).toBe(prefixAdapter);
    expect(s.getAdapter(urlMatchingMoreSpecificPrefix)).toBe(moreSpecificPrefixAdapter);
    expect([prefixAdapter, moreSpecificPrefixAdapter]).not.toContain(s.getAdapter(urlNotMatchingPrefix));
  });

  port('test_session_get_adapter_prefix_matching_mixed_case', () => {
    const mixedCasePrefix = 'hTtPs://eXamPle.CoM/MixEd_CAse_PREfix';
    const urlMatchingPrefix = `${mixedCasePrefix}/full_url`;

    const s = new Session();
    const myAdapter = new HTTPAdapter();
    s.mount(mixedCasePrefix, myAdapter);

    expect(s.getAdapter(urlMatchingPrefix)).toBe(myAdapter);
  });

  port('test_session_get_adapter_prefix_matching_is_case_insensitive', () => {
    const mixedCasePrefix = 'hTtPs://eXamPle.CoM/MixEd_CAse_PREfix';
    const urlMatchingPrefixWithDifferentCase = 'HtTpS://exaMPLe.cOm/MiXeD_caSE_preFIX/another_url';

    const s = new Session();
    const myAdapter = new HTTPAdapter();
    s.mount(mixedCasePrefix, myAdapter);

    expect(s.getAdapter(urlMatchingPrefixWithDifferentCase)).toBe(myAdapter);
  });
});
