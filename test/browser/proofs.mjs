// The library's browser behaviour, proven in Chromium against a real loopback server (no service worker on the
// page: it is opened with ?mocks=off). Each proof runs the library inside the page through `window.__fr` and
// checks both what the page got and what the server received.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { CHUNKED_TEXT } from './loopback.mjs';

/** A port nobody listens on (bound, then released). */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `fn(origin, arg)` in the page; exceptions come back as { name, message, classes }. */
function inPage(page, origin, fn, arg = null) {
  return page.evaluate(
    async ([source, origin, arg]) => {
      const fr = window.__fr;
      try {
        return await (0, eval)(`(${source})`)(fr, origin, arg);
      } catch (error) {
        const classes = ['RequestException', 'ConnectionError', 'Timeout', 'ReadTimeout', 'ConnectTimeout'].filter(
          (name) => error instanceof fr[name],
        );
        return { thrown: { name: error?.name, message: error?.message, classes } };
      }
    },
    [fn.toString(), origin, arg],
  );
}

export async function libraryProofs(page, loop, check) {
  const { origin } = loop;

  await check(
    'Chromium: allowRedirects false gives the opaque-redirect Response (status 0, no Location) after one request',
    async () => {
      const r = await inPage(page, origin, async (fr, origin) => {
        const r = await fr.get(`${origin}/redirect?status=302&to=%2Ftarget%3Ftag%3Dp1&tag=p1`, {
          allowRedirects: false,
        });
        return {
          statusCode: r.statusCode,
          opaque: r.opaqueRedirect,
          isRedirect: r.isRedirect,
          location: r.headers.get('location'),
          url: r.url,
          history: r.history.length,
          next: r.next,
          redirected: r.redirected,
          ok: r.ok,
        };
      });
      assert.deepEqual(r, {
        statusCode: 0,
        opaque: true,
        isRedirect: true,
        location: null,
        url: `${origin}/redirect?status=302&to=%2Ftarget%3Ftag%3Dp1&tag=p1`,
        history: 0,
        next: null,
        redirected: false,
        ok: true,
      });
      assert.equal(loop.requests('/redirect?status=302&to=%2Ftarget%3Ftag%3Dp1').length, 1);
      assert.equal(loop.requests('/target?tag=p1').length, 0, 'the redirect was followed');
    },
  );

  await check(
    'Chromium: a followed redirect gives the final url with redirected: true, and history stays empty',
    async () => {
      const r = await inPage(page, origin, async (fr, origin) => {
        const r = await fr.get(`${origin}/redirect?status=301&to=%2Ftarget%3Ftag%3Dp2`);
        return {
          statusCode: r.statusCode,
          url: r.url,
          redirected: r.redirected,
          history: r.history.length,
          method: r.json().method,
        };
      });
      assert.deepEqual(r, {
        statusCode: 200,
        url: `${origin}/target?tag=p2`,
        redirected: true,
        history: 0,
        method: 'GET',
      });
      assert.equal(loop.requests('/redirect?status=301&to=%2Ftarget%3Ftag%3Dp2').length, 1);
      assert.equal(loop.requests('/target?tag=p2').length, 1);
    },
  );

  await check(
    'Chromium: a POST answered by 302 is not re-sent by the library; the browser follows with one GET',
    async () => {
      const r = await inPage(page, origin, async (fr, origin) => {
        const r = await fr.post(`${origin}/redirect?status=302&to=%2Ftarget%3Ftag%3Dp3`, { data: { a: '1' } });
        return { statusCode: r.statusCode, url: r.url, redirected: r.redirected, method: r.json().method };
      });
      assert.deepEqual(r, { statusCode: 200, url: `${origin}/target?tag=p3`, redirected: true, method: 'GET' });
      const sent = [
        ...loop.requests('/redirect?status=302&to=%2Ftarget%3Ftag%3Dp3'),
        ...loop.requests('/target?tag=p3'),
      ].map((e) => `${e.method} ${e.path.split('?')[0]}`);
      assert.deepEqual(sent, ['POST /redirect', 'GET /target']);
    },
  );

  await check('Chromium: a POST answered by 307 reaches the target once, re-sent by the browser alone', async () => {
    const r = await inPage(page, origin, async (fr, origin) => {
      const r = await fr.post(`${origin}/redirect?status=307&to=%2Ftarget%3Ftag%3Dp4`, { json: { n: 4 } });
      return { statusCode: r.statusCode, redirected: r.redirected, echo: r.json() };
    });
    assert.equal(r.statusCode, 200);
    assert.equal(r.redirected, true);
    assert.deepEqual({ method: r.echo.method, body: r.echo.body }, { method: 'POST', body: '{"n": 4}' });
    assert.equal(loop.requests('/redirect?status=307&to=%2Ftarget%3Ftag%3Dp4').length, 1, 'the POST was sent twice');
    assert.equal(loop.requests('/target?tag=p4').length, 1);
  });

  await check(
    'Chromium: a POST with allowRedirects false is sent once and answered with the opaque redirect',
    async () => {
      const r = await inPage(page, origin, async (fr, origin) => {
        const r = await fr.post(`${origin}/redirect?status=303&to=%2Ftarget%3Ftag%3Dp5&tag=p5`, {
          data: 'x',
          allowRedirects: false,
        });
        return { statusCode: r.statusCode, opaque: r.opaqueRedirect, next: r.next };
      });
      assert.deepEqual(r, { statusCode: 0, opaque: true, next: null });
      assert.equal(loop.requests('/redirect?status=303&to=%2Ftarget%3Ftag%3Dp5').length, 1);
      assert.equal(loop.requests('/target?tag=p5').length, 0);
    },
  );

  await check('Chromium: Set-Cookie is invisible to the page and the Session cookie jar stays inert', async () => {
    const r = await inPage(page, origin, async (fr, origin) => {
      const s = new fr.Session();
      const first = await s.get(`${origin}/set-cookie`);
      const seen = {
        header: first.headers.get('set-cookie'),
        cookies: first.cookies,
        jarAfterResponse: s.cookies.size,
      };
      s.cookies.set('jar', '1');
      const second = await s.get(`${origin}/echo?tag=p6`, { cookies: { own: '2' } });
      return {
        ...seen,
        headerFor: s.cookies.headerFor(origin),
        requestCookie: second.request.headers.get('cookie'),
        serverCookie: second.json().headers.cookie ?? null,
      };
    });
    assert.deepEqual(r, {
      header: null,
      cookies: {},
      jarAfterResponse: 0,
      headerFor: '',
      requestCookie: null,
      serverCookie: null,
    });
    assert.equal(loop.requests('/set-cookie').length, 1);
  });

  await check(
    'Chromium: the library sets no User-Agent; the browser sends its own, even when a page asks for another',
    async () => {
      const r = await inPage(page, origin, async (fr, origin) => {
        const plain = await fr.get(`${origin}/echo?tag=p7a`);
        const asked = await fr.get(`${origin}/echo?tag=p7b`, { headers: { 'User-Agent': 'Python script' } });
        return {
          libraryHeader: plain.request.headers.get('user-agent'),
          sessionHeader: new fr.Session().headers.get('user-agent'),
          plain: plain.json().headers['user-agent'],
          asked: asked.json().headers['user-agent'],
          navigator: navigator.userAgent,
        };
      });
      assert.equal(r.libraryHeader, null);
      assert.equal(r.sessionHeader, null);
      assert.equal(r.plain, r.navigator, 'the server saw another User-Agent than the browser’s');
      assert.doesNotMatch(r.plain, /fetch-requests/);
      assert.equal(r.asked, r.navigator, `Chromium sent ${JSON.stringify(r.asked)} for a page-set User-Agent`);
    },
  );

  await check(
    'Chromium: iterContent reads the browser’s ReadableStream piece by piece, as the server writes it',
    async () => {
      const r = await inPage(page, origin, async (fr, origin) => {
        const r = await fr.get(`${origin}/chunks?tag=p8`, { stream: true });
        const pieces = [];
        const arrivals = [];
        const started = performance.now();
        for await (const chunk of r.iterContent()) {
          pieces.push(new TextDecoder().decode(chunk));
          arrivals.push(performance.now() - started);
        }
        return { isStream: r.raw.body instanceof ReadableStream, pieces, arrivals };
      });
      assert.equal(r.isStream, true);
      assert.equal(r.pieces.join(''), CHUNKED_TEXT);
      assert.ok(r.pieces.length > 1, `one piece only: ${JSON.stringify(r.pieces)}`);
      // The server pauses between writes: the last piece cannot have arrived with the first.
      assert.ok(r.arrivals.at(-1) > r.arrivals[0], `all pieces arrived together: ${r.arrivals}`);
    },
  );

  await check(
    'Chromium: iterContent(4) gives exact 4-byte pieces and iterLines splits a CRLF straddling two chunks',
    async () => {
      const r = await inPage(page, origin, async (fr, origin) => {
        const a = await fr.get(`${origin}/chunks?tag=p9a`, { stream: true });
        const sizes = [];
        for await (const chunk of a.iterContent(4)) sizes.push(chunk.byteLength);
        const b = await fr.get(`${origin}/chunks?tag=p9b`, { stream: true });
        const lines = [];
        for await (const line of b.iterLines()) lines.push(line);
        return { sizes, lines };
      });
      const total = new TextEncoder().encode(CHUNKED_TEXT).byteLength;
      assert.deepEqual(r.sizes, [...Array(Math.floor(total / 4)).fill(4), ...(total % 4 ? [total % 4] : [])]);
      assert.deepEqual(r.lines, ['alpha', 'beta', 'gamma', 'delta']);
    },
  );

  await check('Chromium: onDownloadProgress follows a streamed body to 100% of its Content-Length', async () => {
    const r = await inPage(page, origin, async (fr, origin) => {
      const events = [];
      const r = await fr.get(`${origin}/chunks?tag=p10`, {
        stream: true,
        onDownloadProgress: (p) => events.push({ ...p }),
      });
      await r.read();
      return { events, text: r.text };
    });
    const total = new TextEncoder().encode(CHUNKED_TEXT).byteLength;
    assert.equal(r.text, CHUNKED_TEXT);
    assert.ok(
      r.events.filter((e) => e.percent > 0 && e.percent < 1).length >= 1,
      `no intermediate progress: ${JSON.stringify(r.events)}`,
    );
    assert.deepEqual(r.events.at(-1), { transferred: total, total, percent: 1 });
  });

  await check(
    'Chromium: a refused connection, a CORS refusal and a silent server surface as Requests’ exceptions',
    async () => {
      const port = await closedPort();
      const r = await inPage(
        page,
        origin,
        async (fr, origin, port) => {
          const outcome = async (promise) => {
            try {
              await promise;
              return 'no error';
            } catch (error) {
              const classes = ['RequestException', 'ConnectionError', 'Timeout', 'ReadTimeout'].filter(
                (name) => error instanceof fr[name],
              );
              return { name: error.name, classes, message: error.message };
            }
          };
          return {
            refused: await outcome(fr.get(`http://127.0.0.1:${port}/`)),
            cors: await outcome(fr.get(`${origin}/no-cors`)),
            slow: await outcome(fr.get(`${origin}/slow-headers?ms=1500`, { timeout: 300 })),
          };
        },
        port,
      );
      assert.deepEqual(
        [r.refused.name, r.refused.classes],
        ['ConnectionError', ['RequestException', 'ConnectionError']],
      );
      assert.match(r.refused.message, new RegExp(`GET http://127.0.0.1:${port}/`));
      assert.deepEqual([r.cors.name, r.cors.classes], ['ConnectionError', ['RequestException', 'ConnectionError']]);
      assert.deepEqual([r.slow.name, r.slow.classes], ['ReadTimeout', ['RequestException', 'Timeout', 'ReadTimeout']]);
    },
  );
}
