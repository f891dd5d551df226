#!/usr/bin/python3
"""The reference side of the parity suite: runs every scenario with Python Requests.

Reads the whole scenario table as JSON on stdin (URLs already resolved), runs each scenario in order with
Debian's Requests (run it with /usr/bin/python3) and prints one JSON object on stdout: scenario id -> outcome,
in the shape test/parity/scenario.ts describes. Times in the table are milliseconds; Requests takes seconds.
The TypeScript side (library-runner.ts) observes exactly the same fields, and compare.ts diffs the two.
"""
import base64
import hashlib
import json
import sys
import traceback

import requests
from requests.auth import HTTPDigestAuth


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def pairs_or_dict(value):
    return [tuple(p) for p in value] if isinstance(value, list) else value


def auth_of(spec):
    if spec is None:
        return None
    if 'digest' in spec:
        return HTTPDigestAuth(*spec['digest'])
    return tuple(spec['basic'])


def file_of(spec):
    content = base64.b64decode(spec['contentBase64']) if 'contentBase64' in spec else spec.get('content', '')
    if spec.get('bare'):
        return content
    parts = [spec.get('filename'), content]
    if 'contentType' in spec or 'headers' in spec:
        parts.append(spec.get('contentType'))
    if 'headers' in spec:
        parts.append(spec['headers'])
    return tuple(parts)


def seconds(ms):
    return None if ms is None else ms / 1000


def kwargs_of(call):
    kw = {}
    if 'params' in call:
        kw['params'] = pairs_or_dict(call['params'])
    if 'data' in call:
        data = call['data']
        if 'form' in data:
            kw['data'] = pairs_or_dict(data['form'])
        elif 'text' in data:
            kw['data'] = data['text']
        else:
            kw['data'] = base64.b64decode(data['base64'])
    if 'json' in call:
        kw['json'] = call['json']
    if 'files' in call:
        kw['files'] = [(field, file_of(spec)) for field, spec in call['files']]
    if 'headers' in call:
        kw['headers'] = call['headers']
    if 'cookies' in call:
        kw['cookies'] = call['cookies']
    if 'auth' in call:
        kw['auth'] = auth_of(call['auth'])
    if 'timeout' in call:
        t = call['timeout']
        kw['timeout'] = seconds(t) if isinstance(t, (int, float)) else (seconds(t.get('connect')), seconds(t.get('read')))
    if 'allowRedirects' in call:
        kw['allow_redirects'] = call['allowRedirects']
    if call.get('stream'):
        kw['stream'] = True
    return kw


def raise_for_status_message(r):
    try:
        r.raise_for_status()
    except requests.HTTPError as e:
        return str(e)
    return None


def render_line(line):
    return 't:' + line if isinstance(line, str) else 'b:' + line.decode('latin-1')


def piece_bytes(piece):
    return piece.encode('utf-8') if isinstance(piece, str) else piece


def read_body(r, call, out):
    read = call.get('read') or {'kind': 'content'}
    kind = read['kind']
    if kind == 'content':
        content = r.content
        out['bodySha256'] = sha256(content)
        if call.get('echo'):
            try:
                out['echo'] = json.loads(content.decode('utf-8'))
            except ValueError:
                out['echo'] = None
        if call.get('text'):
            out['textSha256'] = sha256(r.text.encode('utf-8'))
            out['apparentEncoding'] = r.apparent_encoding
        if call.get('links'):
            out['links'] = r.links
    elif kind == 'json':
        out['json'] = r.json()
    elif kind == 'chunks':
        pieces = list(r.iter_content(chunk_size=read['size'], decode_unicode=read.get('decodeUnicode', False)))
        joined = b''.join(piece_bytes(p) for p in pieces)
        out['bodySha256'] = sha256(joined)
        types = {'text' if isinstance(p, str) else 'bytes' for p in pieces}
        out['chunkType'] = types.pop() if len(types) == 1 else ('none' if not types else 'mixed')
        if read['size'] is not None:
            out['chunkSizes'] = [len(piece_bytes(p)) for p in pieces]
    elif kind == 'lines':
        decode = read.get('decodeUnicode', False)
        delimiter = read.get('delimiter')
        if delimiter is not None and not decode:
            delimiter = delimiter.encode('utf-8')  # bytes lines need a bytes delimiter in Python
        lines = r.iter_lines(chunk_size=read.get('chunkSize', 512), decode_unicode=decode, delimiter=delimiter)
        out['lines'] = [render_line(line) for line in lines]
    else:
        raise ValueError('unknown read kind %r' % kind)


def run_call(target, call):
    out = {}
    try:
        kw = kwargs_of(call)
        if call.get('via') == 'request':
            r = target.request(call['method'], call['url'], **kw)
        else:
            r = getattr(target, call['method'].lower())(call['url'], **kw)
    except Exception as e:  # every exception is a result: its class name is compared
        out['error'] = type(e).__name__
        out['errorAt'] = 'send'
        return out
    try:
        out.update(
            status=r.status_code,
            reason=r.reason,
            ok=r.ok,
            url=r.url,
            history=[{'status': h.status_code, 'url': h.url} for h in r.history],
            isRedirect=r.is_redirect,
            isPermanentRedirect=r.is_permanent_redirect,
            next={'method': r.next.method, 'url': r.next.url} if r.next is not None else None,
            encoding=r.encoding,
            headers={name.lower(): value for name, value in r.headers.items() if name.lower() != 'date'},
            cookies=r.cookies.get_dict(),
            raiseForStatus=raise_for_status_message(r),
        )
        try:
            read_body(r, call, out)
        except Exception as e:
            out['error'] = type(e).__name__
            out['errorAt'] = 'read'
    finally:
        r.close()
    return out


def run_scenario(scenario):
    spec = scenario.get('session')
    if spec is None:
        return {'calls': [run_call(requests, call) for call in scenario['calls']]}
    with requests.Session() as s:
        s.headers.update(spec.get('headers', {}))
        if 'params' in spec:
            s.params = spec['params']
        if 'auth' in spec:
            s.auth = auth_of(spec['auth'])
        for name, value in spec.get('cookies', {}).items():
            s.cookies.set(name, value)
        if 'maxRedirects' in spec:
            s.max_redirects = spec['maxRedirects']
        calls = [run_call(s, call) for call in scenario['calls']]
        return {'calls': calls, 'sessionCookies': s.cookies.get_dict()}


def main():
    table = json.load(sys.stdin)
    results = {}
    for scenario in table['scenarios']:
        try:
            results[scenario['id']] = run_scenario(scenario)
        except Exception:
            results[scenario['id']] = {'calls': [], 'runnerError': traceback.format_exc()}
    json.dump({'requests': requests.__version__, 'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
