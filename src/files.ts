/**
 * Files on disk given as a body (`data`) or as a multipart file (`files`), on servers: a Node `fs.ReadStream` or an
 * `fs.promises.FileHandle`, as Requests takes an open file. Each is streamed from disk, never read whole, and sized
 * without reading, as Requests' `super_len` does with `fstat`: a regular file's size, so the body gets its
 * Content-Length; a pipe or a device has none and goes chunked. Its filename is its path's basename, as Requests
 * takes an open file's `name`.
 *
 * Node's fs is reached through `process.getBuiltinModule`, so no bundle sees an import of a Node module; the browser
 * build has files.browser.ts, where such objects do not exist.
 */
import { byteStream } from './body-stream';
import { utf8 } from './encoding';

/** A file given to upload: what the body and multipart code need of it. */
export interface LocalFile {
  /** Its path's basename, or null when it has none (a stream opened on a descriptor). */
  readonly name: string | null;
  /** Its size in bytes when known without reading (a regular file), else null. */
  readonly size: number | null;
  /** Its bytes (up to `size` when known), streamed from disk as fetch takes them; once. */
  stream(): ReadableStream<Uint8Array>;
}

/** A Node `fs.ReadStream`, as far as the types need it (no @types/node in a user's program). */
export interface ReadStreamLike extends AsyncIterable<unknown> {
  readonly path: string | Uint8Array;
  readonly bytesRead: number;
}

/** A Node `fs.promises.FileHandle`, as far as the types need it. */
export interface FileHandleLike {
  readonly fd: number;
  read(...args: never[]): Promise<unknown>;
  stat(...args: never[]): Promise<unknown>;
  close(): Promise<void>;
}

interface Stats {
  isFile(): boolean;
  size: number;
}

interface NodeFs {
  ReadStream: abstract new (...args: never[]) => unknown;
  statSync(path: string | Uint8Array): Stats;
  fstatSync(fd: number): Stats;
  readlinkSync(path: string): string;
}

interface ReadStream extends AsyncIterable<unknown> {
  path?: string | Uint8Array;
  fd?: number | null;
  start?: number;
  end?: number;
  bytesRead: number;
  readableDidRead?: boolean;
  destroyed?: boolean;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

interface FileHandle {
  fd: number;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

/** Bytes read from a FileHandle at a time. */
const CHUNK = 64 * 1024;

let nodeFs: NodeFs | null | undefined;

function fileSystem(): NodeFs | null {
  if (nodeFs === undefined) {
    const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      ?.getBuiltinModule;
    nodeFs = typeof getBuiltinModule === 'function' ? ((getBuiltinModule('fs') as NodeFs | undefined) ?? null) : null;
  }
  return nodeFs;
}

/** A Node ReadStream or FileHandle as a LocalFile; null for anything else. */
export function localFile(value: unknown): LocalFile | null {
  if (typeof value !== 'object' || value === null) return null;
  const fs = fileSystem();
  if (fs === null) return null;
  if (value instanceof fs.ReadStream) return readStreamFile(value as unknown as ReadStream, fs);
  if (isFileHandle(value)) return fileHandleFile(value, fs);
  return null;
}

function isFileHandle(value: object): value is FileHandle {
  const handle = value as Partial<FileHandle> & { close?: unknown };
  return (
    typeof handle.fd === 'number' &&
    typeof handle.read === 'function' &&
    typeof handle.close === 'function' &&
    value.constructor?.name === 'FileHandle'
  );
}

/** Requests' `guess_filename`: the basename of a name that is a path (not `<stdin>`), else null. */
function basename(path: string | Uint8Array | undefined | null): string | null {
  if (path === undefined || path === null) return null;
  const text = typeof path === 'string' ? path : new TextDecoder().decode(path);
  if (text === '' || (text.startsWith('<') && text.endsWith('>'))) return null;
  const name = text.replace(/[/\\]+$/, '').replace(/^.*[/\\]/, '');
  return name === '' ? null : name;
}

/** The size of a regular file (its stats), else null: a pipe, a device, a file that cannot be stat'ed. */
function regularSize(stat: () => Stats): number | null {
  try {
    const stats = stat();
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

function readStreamFile(stream: ReadStream, fs: NodeFs): LocalFile {
  // An open that fails (no such file) is reported when the stream is read: until then, an 'error' with no listener
  // would end the process.
  stream.on('error', () => {});
  let size: number | null = null;
  // Bytes already read (and perhaps buffered in the stream) make the rest's size unknowable without reading.
  if (!stream.destroyed && stream.bytesRead === 0 && !stream.readableDidRead) {
    const fileSize = regularSize(() =>
      typeof stream.fd === 'number' ? fs.fstatSync(stream.fd) : fs.statSync(stream.path ?? ''),
    );
    if (fileSize !== null) {
      const start = stream.start ?? 0;
      const end = stream.end ?? Number.POSITIVE_INFINITY; // inclusive, as createReadStream takes it
      size = Math.max(0, Math.min(end + 1, fileSize) - start);
    }
  }
  return {
    name: basename(stream.path),
    size,
    stream: () => byteStream(stream, size || null),
  };
}

/** Where a descriptor points, on Linux (a FileHandle does not keep its path); null elsewhere. */
function pathOf(fd: number, fs: NodeFs): string | null {
  try {
    const path = fs.readlinkSync(`/proc/self/fd/${fd}`);
    return path.startsWith('/') ? path : null;
  } catch {
    return null;
  }
}

/**
 * A FileHandle, read from its start in 64 KiB pieces (up to its size when it is a regular file). The handle stays
 * open: it is the caller's, as Requests leaves an open file to its caller.
 */
function fileHandleFile(handle: FileHandle, fs: NodeFs): LocalFile {
  const size = regularSize(() => fs.fstatSync(handle.fd));
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for (let position = 0; size === null || position < size; ) {
      const want = size === null ? CHUNK : Math.min(CHUNK, size - position);
      const buffer = new Uint8Array(want);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    }
  }
  return {
    name: basename(pathOf(handle.fd, fs)),
    size,
    stream: () => byteStream(pieces(), size || null),
  };
}

/** A part of a multipart body as multipart.ts lays it out: its text, its bytes, a Blob, or a file on disk. */
export type Part = string | Blob | ArrayBuffer | ArrayBufferView | LocalFile;

/**
 * A multipart body holding a file on disk: its parts streamed in order, each file as fetch takes it, and its
 * length when every part's is known (a file's from its stats).
 */
export function streamParts(parts: readonly Part[]): { body: ReadableStream<Uint8Array>; length: number | null } {
  const pieces = parts.map((part) => (typeof part === 'string' ? utf8.encode(part) : part));
  let length: number | null = 0;
  for (const piece of pieces) {
    const size = piece instanceof Blob ? piece.size : 'byteLength' in piece ? piece.byteLength : piece.size;
    length = size === null || length === null ? null : length + size;
  }
  return { body: byteStream(piecesOf(pieces), length || null), length };
}

async function* piecesOf(pieces: readonly Exclude<Part, string>[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) {
    if (piece instanceof ArrayBuffer) yield new Uint8Array(piece);
    else if (ArrayBuffer.isView(piece)) yield new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength);
    else yield* chunksOf(piece.stream());
  }
}

/** A stream's chunks; leaving early cancels it (a file's stream closes the file). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
