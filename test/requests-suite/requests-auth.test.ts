/**
 * psf/requests tests/test_requests.py, class TestRequests: Basic and Digest authentication against httpbin, and an
 * AuthBase subclass on a Session. Requests' `_basic_auth_str` is the library's `basicAuthHeader`; Python's bytes
 * credentials are the strings whose UTF-8 bytes they are (the library encodes Basic credentials as UTF-8).
 */
import { describe, expect } from 'vitest';
import requests, {
  AuthBase,
  type AuthInput,
  basicAuthHeader,
  HTTPDigestAuth,
  type PreparedRequest,
  Session,
} from '../../src/index';
import { httpbin, port, portEach } from './helpers';

const digestAuthAlgo = ['MD5', 'SHA-256', 'SHA-512'];

describe('TestRequests: Basic auth', () => {
  port('test_BASICAUTH_TUPLE_HTTP_200_OK_GET', async () => {
    const auth = ['user', 'pass'] as const;
    const url = httpbin('basic-auth', 'user', 'pass');

    let r = await requests.get(url, { auth });
    expect(r.statusCode).toBe(200);

    r = await requests.get(url);
    expect(r.statusCode).toBe(401);

    const s = requests.session();
    s.auth = auth;
    r = await s.get(url);
    expect(r.statusCode).toBe(200);
  });

  portEach(
    'test_set_basicauth',
    [
      ['user-pass', 'user', 'pass'],
      ['\\xd0\\xb8\\xd0\\xbc\\xd1\\x8f-\\xd0\\xbf\\xd0\\xb0\\xd1\\x80\\xd0\\xbe\\xd0\\xbb\\xd1\\x8c', 'имя', 'пароль'],
      ['42-42', 42, 42],
      ['None-None', null, null],
    ] as const,
    async (username, password) => {
      const url = httpbin('get');
      const p = await new Session().prepareRequest('GET', url, { auth: [username, password] as unknown as AuthInput });
      expect(p.headers.get('Authorization')).toBe(basicAuthHeader(username as string, password as string));
    },
  );

  port('test_basicauth_encodes_byte_strings', async () => {
    // b"\xc5\xafsername", b"test\xc6\xb6": the UTF-8 bytes of these strings, sent as they are.
    const auth = ['ůsername', 'testƶ'] as const;
    const p = await new Session().prepareRequest('GET', 'http://localhost', { auth });
    expect(p.headers.get('Authorization')).toBe('Basic xa9zZXJuYW1lOnRlc3TGtg==');
  });

  portEach(
    'test_basic_auth_str_is_always_native',
    [
      ['test-test-Basic dGVzdDp0ZXN0', 'test', 'test', 'Basic dGVzdDp0ZXN0'],
      [
        '\\xd0\\xb8\\xd0\\xbc\\xd1\\x8f-\\xd0\\xbf\\xd0\\xb0\\xd1\\x80\\xd0\\xbe\\xd0\\xbb\\xd1\\x8c-Basic 0LjQvNGPOtC/0LDRgNC+0LvRjA==',
        'имя',
        'пароль',
        'Basic 0LjQvNGPOtC/0LDRgNC+0LvRjA==',
      ],
    ],
    (username, password, authStr) => {
      const s = basicAuthHeader(username, password);
      expect(typeof s).toBe('string');
      expect(s).toBe(authStr);
    },
  );

  port('test_prepared_from_session', async () => {
    class DummyAuth extends AuthBase {
      call(r: PreparedRequest): PreparedRequest {
        r.headers.set('Dummy-Auth-Test', 'dummy-auth-test-ok');
        return r;
      }
    }
    // `req = requests.Request(...); assert not req.auth`: there is no Request object; the request has no auth.
    const s = new Session();
    s.auth = new DummyAuth();
    const prep = await s.prepareRequest('GET', httpbin('headers'));
    const resp = await s.send(prep);
    expect(resp.json<{ headers: Record<string, string> }>().headers['Dummy-Auth-Test']).toBe('dummy-auth-test-ok');
  });
});

describe('TestRequests: Digest auth', () => {
  port('test_DIGEST_HTTP_200_OK_GET', async () => {
    for (const authtype of digestAuthAlgo) {
      const auth = new HTTPDigestAuth('user', 'pass');
      const url = httpbin('digest-auth', 'auth', 'user', 'pass', authtype, 'never');

      let r = await requests.get(url, { auth });
      expect(r.statusCode, authtype).toBe(200);

      r = await requests.get(url);
      expect(r.statusCode, authtype).toBe(401);

      const s = requests.session();
      s.auth = new HTTPDigestAuth('user', 'pass');
      r = await s.get(url);
      expect(r.statusCode, authtype).toBe(200);
    }
  });

  port('test_DIGEST_AUTH_RETURNS_COOKIE', async () => {
    for (const authtype of digestAuthAlgo) {
      const url = httpbin('digest-auth', 'auth', 'user', 'pass', authtype);
      const auth = new HTTPDigestAuth('user', 'pass');
      let r = await requests.get(url);
      expect(r.cookies.fake, authtype).toBe('fake_value');

      r = await requests.get(url, { auth });
      expect(r.statusCode, authtype).toBe(200);
    }
  });

  port('test_DIGEST_AUTH_SETS_SESSION_COOKIES', async () => {
    for (const authtype of digestAuthAlgo) {
      const url = httpbin('digest-auth', 'auth', 'user', 'pass', authtype);
      const auth = new HTTPDigestAuth('user', 'pass');
      const s = new Session();
      await s.get(url, { auth });
      expect(s.cookies.get('fake'), authtype).toBe('fake_value');
    }
  });

  port('test_DIGEST_STREAM', async () => {
    for (const authtype of digestAuthAlgo) {
      const auth = new HTTPDigestAuth('user', 'pass');
      const url = httpbin('digest-auth', 'auth', 'user', 'pass', authtype);

      let r = await requests.get(url, { auth, stream: true });
      expect((await r.raw.arrayBuffer()).byteLength, authtype).toBeGreaterThan(0);

      // Not streamed: the body has been read, nothing is left in r.raw.
      r = await requests.get(url, { auth, stream: false });
      expect(r.raw.bodyUsed, authtype).toBe(true);
    }
  });

  port('test_DIGESTAUTH_WRONG_HTTP_401_GET', async () => {
    for (const authtype of digestAuthAlgo) {
      const auth = new HTTPDigestAuth('user', 'wrongpass');
      const url = httpbin('digest-auth', 'auth', 'user', 'pass', authtype);

      let r = await requests.get(url, { auth });
      expect(r.statusCode, authtype).toBe(401);

      r = await requests.get(url);
      expect(r.statusCode, authtype).toBe(401);

      const s = requests.session();
      s.auth = auth;
      r = await s.get(url);
      expect(r.statusCode, authtype).toBe(401);
    }
  });

  port('test_DIGESTAUTH_QUOTES_QOP_VALUE', async () => {
    for (const authtype of digestAuthAlgo) {
      const auth = new HTTPDigestAuth('user', 'pass');
      const url = httpbin('digest-auth', 'auth', 'user', 'pass', authtype);

      const r = await requests.get(url, { auth });
      expect(r.request.headers.get('Authorization'), authtype).toContain('"auth"');
    }
  });
});
