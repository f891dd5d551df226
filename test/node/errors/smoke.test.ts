import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, {
  ConnectionError,
  InvalidHeader,
  MissingSchema,
  ReadTimeout,
  ChunkedEncodingError,
} from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/echo') {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: req.body.toString('latin1') }),
      );
    } else if (url.pathname === '/redirect') {
      res.writeHead(302, { location: '/echo', 'set-cookie': 'a=1; Path=/' });
      res.end('moved');
    } else if (url.pathname === '/stall') {
      // never answers
    } else if (url.pathname === '/short') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only a bit');
      setTimeout(() => res.socket?.destroy(), 20);
    } else {
      res.writeHead(404, 'NOT FOUND');
      res.end('nope');
    }
  });
});
afterAll(() => srv.close());

describe('smoke', () => {
  it('gets with params', async () => {
    const r = await requests.get(`${srv.origin}/echo?x=1`, { params: { name: 'Peter', age: 23, l: ['a b', 'c'] } });
    expect(r.statusCode).toBe(200);
    expect(r.url).toBe(`${srv.origin}/echo?x=1&name=Peter&age=23&l=a+b&l=c`);
    const body = r.json<{ headers: Record<string, string> }>();
    expect(body.headers['user-agent']).toMatch(/^fetch-requests\//);
    expect(body.headers.accept).toBe('*/*');
  });
  it('posts form and json', async () => {
    const r = await requests.post(`${srv.origin}/echo`, { data: { name: 'Peter' } });
    const body = r.json<{ headers: Record<string, string>; body: string }>();
    expect(body.body).toBe('name=Peter');
    expect(body.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const j = (await requests.post(`${srv.origin}/echo`, { json: { name: 'Jané', age: 17 } })).json<{
      body: string;
      headers: Record<string, string>;
    }>();
    expect(j.body).toBe('{"name": "Jan\\u00e9", "age": 17}');
    expect(j.headers['content-type']).toBe('application/json');
  });
  it('multipart', async () => {
    const r = await requests.post(`${srv.origin}/echo`, {
      data: { a: '1' },
      files: { image: ['sid.jpg', new Uint8Array([1, 2, 3]), 'image/jpeg'] },
    });
    const body = r.json<{ body: string; headers: Record<string, string> }>();
    const boundary = body.headers['content-type']!.split('boundary=')[1]!;
    expect(body.body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="sid.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\x01\x02\x03\r\n--${boundary}--\r\n`,
    );
  });
  it('basic auth and 404', async () => {
    const r = await requests.get(`${srv.origin}/echo`, { auth: ['user7', 'pässwörd'] });
    expect(r.json<{ headers: Record<string, string> }>().headers.authorization).toBe(
      `Basic ${Buffer.from('user7:pässwörd').toString('base64')}`,
    );
    const nf = await requests.get(`${srv.origin}/none`);
    expect(nf.ok).toBe(false);
    expect(() => nf.raiseForStatus()).toThrow(`404 Client Error: NOT FOUND for url: ${srv.origin}/none`);
  });
  it('redirect with cookie', async () => {
    const r = await requests.get(`${srv.origin}/redirect`);
    expect(r.statusCode).toBe(200);
    expect(r.history.map((h) => h.statusCode)).toEqual([302]);
    expect(r.url).toBe(`${srv.origin}/echo`);
    expect(r.json<{ headers: Record<string, string> }>().headers.cookie).toBe('a=1');
  });
  it('errors', async () => {
    await expect(requests.get('http://127.0.0.1:1/')).rejects.toBeInstanceOf(ConnectionError);
    const before = srv.requests.length;
    await expect(requests.get(`${srv.origin}/echo`, { headers: { 'X-Bad': 'a\r\nb: c' } })).rejects.toBeInstanceOf(
      InvalidHeader,
    );
    expect(srv.requests.length).toBe(before);
    await expect(requests.get('httpbin.org/get')).rejects.toBeInstanceOf(MissingSchema);
    await expect(requests.get(`${srv.origin}/stall`, { timeout: 200 })).rejects.toBeInstanceOf(ReadTimeout);
    await expect(requests.get(`${srv.origin}/short`)).rejects.toBeInstanceOf(ChunkedEncodingError);
  });
  it('streams', async () => {
    const r = await requests.get(`${srv.origin}/echo`, { stream: true });
    const parts: number[] = [];
    for await (const chunk of r.iterContent(10)) parts.push(chunk.length);
    expect(parts.slice(0, -1).every((n) => n === 10)).toBe(true);
  });
});
