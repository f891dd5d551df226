/**
 * psf/requests tests/test_requests.py, class TestRequests: request bodies — forms, files (multipart), streams.
 *
 * Python's open file objects are Files here (a Blob with the file's name, as Requests takes an open file's name);
 * `io.BytesIO` (a body whose length is known) is a Blob; a generator (a body of unknown length) is an async
 * iterable or a ReadableStream.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import requests, { Session } from '../../src/index';
import { bodyText, httpbin, port, portEach } from './helpers';

/** `open(path, 'rb')`: the file's bytes under its name. */
function openFile(path: string): File {
  return new File([readFileSync(path)], basename(path));
}

/** Requests opens its own test file and requirements-dev.txt; these are this file and the package manifest. */
const THIS_FILE = fileURLToPath(import.meta.url);
const REQUIREMENTS = fileURLToPath(new URL('../../package.json', import.meta.url));

describe('TestRequests: forms and files', () => {
  port('test_POSTBIN_GET_POST_FILES', async () => {
    const url = httpbin('post');
    (await requests.post(url)).raiseForStatus();

    const post1 = await requests.post(url, { data: { some: 'data' } });
    expect(post1.statusCode).toBe(200);

    const post2 = await requests.post(url, { files: { some: openFile(REQUIREMENTS) } });
    expect(post2.statusCode).toBe(200);

    const post4 = await requests.post(url, { data: '[{"some": "json"}]' });
    expect(post4.statusCode).toBe(200);

    // ValueError in Python; API.md: a TypeError before anything is sent.
    await expect(requests.post(url, { files: ['bad file data'] as never })).rejects.toBeInstanceOf(TypeError);
  });

  port('test_invalid_files_input', async () => {
    const url = httpbin('post');
    const post = await requests.post(url, { files: { 'random-file-1': null, 'random-file-2': 1 } as never });
    const body = await bodyText(post.request.body);
    expect(body).not.toContain('name="random-file-1"');
    expect(body).toContain('name="random-file-2"');
  });

  port('test_POSTBIN_SEEKED_OBJECT_WITH_NO_ITER', async () => {
    // TestStream: an object with a length and read(), not iterable: a Blob.
    const post1 = await requests.post(httpbin('post'), { data: new Blob(['test']) });
    expect(post1.statusCode).toBe(200);
    expect(post1.json<{ data: string }>().data).toBe('test');

    // The same stream seeked to 2 before it is sent: bytes seen from offset 2 (a view into them).
    const post2 = await requests.post(httpbin('post'), { data: new TextEncoder().encode('test').subarray(2) });
    expect(post2.statusCode).toBe(200);
    expect(post2.json<{ data: string }>().data).toBe('st');
  });

  port('test_POSTBIN_GET_POST_FILES_WITH_DATA', async () => {
    const url = httpbin('post');
    (await requests.post(url)).raiseForStatus();

    const post1 = await requests.post(url, { data: { some: 'data' } });
    expect(post1.statusCode).toBe(200);

    const post2 = await requests.post(url, { data: { some: 'data' }, files: { some: openFile(REQUIREMENTS) } });
    expect(post2.statusCode).toBe(200);

    const post4 = await requests.post(url, { data: '[{"some": "json"}]' });
    expect(post4.statusCode).toBe(200);

    await expect(requests.post(url, { files: ['bad file data'] as never })).rejects.toBeInstanceOf(TypeError);
  });

  port('test_post_with_custom_mapping', async () => {
    // A MutableMapping that is not a dict: a Map.
    const data = new Map([['some', 'data']]);
    const url = httpbin('post');
    const foundJson = (await requests.post(url, { data })).json<{ form: unknown }>().form;
    expect(foundJson).toEqual({ some: 'data' });
  });

  port('test_conflicting_post_params', async () => {
    const url = httpbin('post');
    await expect(
      requests.post(url, { data: '[{"some": "data"}]', files: { some: openFile(REQUIREMENTS) } }),
    ).rejects.toThrow();
  });

  port('test_different_encodings_dont_break_post', async () => {
    const r = await requests.post(httpbin('post'), {
      data: { stuff: JSON.stringify({ a: 123 }) },
      params: { blah: 'asdf1234' },
      files: { file: ['test_requests.py', openFile(THIS_FILE)] },
    });
    expect(r.statusCode).toBe(200);
  });

  portEach(
    'test_unicode_multipart_post',
    [
      ['data0', { stuff: 'ëlïxr' }],
      ['data2', { stuff: 'elixr' }],
    ],
    async (data) => {
      const r = await requests.post(httpbin('post'), {
        data,
        files: { file: ['test_requests.py', openFile(THIS_FILE)] },
      });
      expect(r.statusCode).toBe(200);
    },
  );

  port('test_unicode_method_name', async () => {
    const files = { file: openFile(THIS_FILE) };
    const r = await requests.request('POST', httpbin('post'), { files });
    expect(r.statusCode).toBe(200);
  });

  port('test_unicode_method_name_with_request_object', async () => {
    const s = new Session();
    const files = { file: openFile(THIS_FILE) };
    const prep = await s.prepareRequest('POST', httpbin('post'), { files });
    expect(typeof prep.method).toBe('string');
    expect(prep.method).toBe('POST');

    const resp = await s.send(prep);
    expect(resp.statusCode).toBe(200);
  });

  port('test_custom_content_type', async () => {
    const data = { stuff: JSON.stringify({ a: 123 }) };
    const files = {
      file1: ['test_requests.py', openFile(THIS_FILE)] as const,
      file2: ['test_requests', openFile(THIS_FILE), 'text/py-content-type'] as const,
    };
    const r = await requests.post(httpbin('post'), { data, files });
    expect(r.statusCode).toBe(200);
    expect(await bodyText(r.request.body)).toContain('text/py-content-type');
  });

  portEach(
    'test_can_send_objects_with_files',
    [
      ['foo0', 'foo'],
      ['foo1', new TextEncoder().encode('foo')],
      // bytearray, the mutable bytes: an ArrayBuffer.
      ['files2', new TextEncoder().encode('foo').buffer as ArrayBuffer],
    ] as const,
    async (content) => {
      const data = { a: 'this is a string' };
      const files = { b: content };
      const p = await new Session().prepareRequest('POST', httpbin('post'), { data, files });
      expect(p.headers.get('Content-Type')).toContain('multipart/form-data');
    },
  );

  port('test_can_send_file_object_with_non_string_filename', async () => {
    // A file object whose name is the number 2.
    const f = Object.assign(new Blob([]), { name: 2 });
    const p = await new Session().prepareRequest('POST', httpbin('post'), { files: { f } });
    expect(p.headers.get('Content-Type')).toContain('multipart/form-data');
  });
});

describe('TestRequests: streamed bodies', () => {
  port('test_empty_stream_with_auth_does_not_set_content_length_header', async () => {
    // A byte stream with nothing in it (Requests: io.BytesIO(b""), whose length 0 counts as unknown).
    const auth = ['user', 'pass'] as const;
    const url = httpbin('post');
    const fileObj = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const preparedRequest = await new Session().prepareRequest('POST', url, { auth, data: fileObj });
    expect(preparedRequest.headers.has('Transfer-Encoding')).toBe(true);
    expect(preparedRequest.headers.has('Content-Length')).toBe(false);
  });

  port('test_stream_with_auth_does_not_set_transfer_encoding_header', async () => {
    // A byte stream whose size is known (io.BytesIO(b"test data")): a Blob.
    const auth = ['user', 'pass'] as const;
    const url = httpbin('post');
    const fileObj = new Blob(['test data']);
    const preparedRequest = await new Session().prepareRequest('POST', url, { auth, data: fileObj });
    expect(preparedRequest.headers.has('Transfer-Encoding')).toBe(false);
    expect(preparedRequest.headers.has('Content-Length')).toBe(true);
  });

  port('test_chunked_upload_does_not_set_content_length_header', async () => {
    // A generator body: an async iterable of byte chunks.
    async function* data(): AsyncGenerator<Uint8Array> {
      for (const chunk of ['a', 'b', 'c']) yield new TextEncoder().encode(chunk);
    }
    const url = httpbin('post');
    const preparedRequest = await new Session().prepareRequest('POST', url, { data: data() });
    expect(preparedRequest.headers.has('Transfer-Encoding')).toBe(true);
    expect(preparedRequest.headers.has('Content-Length')).toBe(false);
  });
});
