import { describe, expect, it } from 'vitest';
import { codes, reasonPhrase } from '../../../src/status-codes';

describe('codes', () => {
  it('has every name of Requests in lower and upper case', () => {
    expect(codes.ok).toBe(200);
    expect(codes.OK).toBe(200);
    expect(codes.okay).toBe(200);
    expect(codes['\\o/']).toBe(200);
    expect(codes.not_found).toBe(404);
    expect(codes.NOT_FOUND).toBe(404);
    expect(codes['-o-']).toBe(404);
    expect(codes.teapot).toBe(418);
    expect(codes.I_AM_A_TEAPOT).toBe(418);
    expect(codes.temporary_redirect).toBe(307);
    expect(codes.permanent_redirect).toBe(308);
    expect(codes.too_many_requests).toBe(429);
    expect(codes.internal_server_error).toBe(500);
  });
  it('lets a later code win a shared name, as Requests does (precondition is 428)', () => {
    expect(codes.precondition).toBe(428);
  });
  it('does not upper-case the slash names', () => {
    expect(codes['/o\\']).toBe(500);
    expect(Object.keys(codes).filter((k) => k.startsWith('\\') || k.startsWith('/'))).toHaveLength(3);
  });
  it('is frozen', () => {
    expect(Object.isFrozen(codes)).toBe(true);
  });
});

describe('reasonPhrase', () => {
  it("gives Python's http.HTTPStatus phrases", () => {
    expect(reasonPhrase(200)).toBe('OK');
    expect(reasonPhrase(404)).toBe('Not Found');
    expect(reasonPhrase(418)).toBe("I'm a Teapot");
    expect(reasonPhrase(599)).toBe('');
  });
});
