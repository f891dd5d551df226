import { describe, expect, it } from 'vitest';
import requests, * as lib from '../../../src/index';

const { exceptions } = lib;

describe('exception tree', () => {
  it('keeps Requests class names as err.name', () => {
    for (const [name, Cls] of Object.entries(exceptions)) {
      const err =
        Cls === lib.JSONDecodeError
          ? new lib.JSONDecodeError('m', '', 0)
          : new (Cls as typeof lib.RequestException)('m');
      expect(err.name).toBe(name);
      expect(err).toBeInstanceOf(Error);
      expect(err).toBeInstanceOf(lib.RequestException);
    }
  });
  it.each([
    [lib.ProxyError, lib.ConnectionError],
    [lib.SSLError, lib.ConnectionError],
    [lib.ConnectTimeout, lib.ConnectionError],
    [lib.ConnectTimeout, lib.Timeout],
    [lib.ReadTimeout, lib.Timeout],
    [lib.JSONDecodeError, lib.InvalidJSONError],
    [lib.InvalidProxyURL, lib.InvalidURL],
  ])('%o is a %o', (Child, Parent) => {
    const err =
      Child === lib.JSONDecodeError
        ? new lib.JSONDecodeError('m', '', 0)
        : new (Child as typeof lib.RequestException)('m');
    expect(err).toBeInstanceOf(Parent);
  });
  it('does not make a ReadTimeout a ConnectionError, nor a plain ConnectionError a Timeout', () => {
    expect(new lib.ReadTimeout('x')).not.toBeInstanceOf(lib.ConnectionError);
    expect(new lib.ConnectionError('x')).not.toBeInstanceOf(lib.Timeout);
    expect(new lib.ReadTimeout('x')).not.toBeInstanceOf(lib.ConnectTimeout);
  });
  it('carries request and response (request defaults to the response request)', () => {
    const request = new lib.PreparedRequest({ url: 'http://h/' });
    const response = { request } as unknown as lib.Response;
    const err = new lib.HTTPError('x', { response });
    expect(err.response).toBe(response);
    expect(err.request).toBe(request);
  });
  it('JSONDecodeError reports line, column and char like Python', () => {
    const err = new lib.JSONDecodeError('Expecting value', '{\n  "a": x}', 9);
    expect(err.lineno).toBe(2);
    expect(err.colno).toBe(8);
    expect(err.message).toMatch(/^Expecting value: line 2 column 8 \(char 9\)/);
  });
  it('is exposed on the default export and as requests.exceptions', () => {
    expect(requests.exceptions.ReadTimeout).toBe(lib.ReadTimeout);
    expect(requests.HTTPError).toBe(lib.HTTPError);
    expect(requests.delete).toBe(lib.del);
    expect(requests.codes.teapot).toBe(418);
    expect(requests.version).toBe(lib.version);
    expect(requests.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(requests.copyright).toMatch(/Copyright/);
  });
});
