/**
 * The browser build's twin of files.ts: a page has no Node `fs.ReadStream` or `FileHandle` (a picked file is a
 * File, a Blob, sent as one), so nothing is a local file here.
 */
import type { FileHandleLike, LocalFile, Part, ReadStreamLike } from './files';

export type { FileHandleLike, LocalFile, Part, ReadStreamLike };

export function localFile(_value: unknown): LocalFile | null {
  return null;
}

/** Never called here: no part of a page's multipart body is a file on disk. */
export function streamParts(_parts: readonly Part[]): { body: ReadableStream<Uint8Array>; length: number | null } {
  throw new TypeError('A page has no files on disk to stream');
}
