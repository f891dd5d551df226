/**
 * Where cassettes are kept, on servers: files (Node's fs, reached through `process.getBuiltinModule` so that no
 * bundle sees an import of a Node module), or an http(s) URL to read one from. The browser build has files.browser.ts.
 */

interface Fs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rename(from: string, to: string): Promise<void>;
}

function fs(): Fs {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  const module =
    typeof getBuiltinModule === 'function' ? (getBuiltinModule('fs/promises') as Fs | undefined) : undefined;
  if (!module) {
    throw new Error(
      'This runtime has no file system for cassettes (no process.getBuiltinModule): use Cassette.fromHar(har) and cassette.toHar()',
    );
  }
  return module;
}

/** A path (or file: URL) as a path; an http(s) URL stays a URL. */
export function cassetteLocation(location: string | URL): string {
  const text = String(location);
  if (text.startsWith('file:')) return decodeURIComponent(new URL(text).pathname);
  return text;
}

/** The HAR's text, or null when there is no such file. */
export async function readCassette(location: string): Promise<string | null> {
  if (/^https?:\/\//i.test(location)) {
    const response = await fetch(location);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`Could not read the cassette ${location}: HTTP ${response.status}`);
    return response.text();
  }
  try {
    return await fs().readFile(location, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes the HAR whole or not at all (a temporary file renamed over it), making its folder first. */
export async function writeCassette(location: string, text: string): Promise<void> {
  if (/^https?:\/\//i.test(location)) throw new Error(`A cassette read from a URL cannot be saved there: ${location}`);
  const files = fs();
  const slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
  if (slash > 0) await files.mkdir(location.slice(0, slash), { recursive: true });
  const temporary = `${location}.${Math.random().toString(36).slice(2)}.tmp`;
  await files.writeFile(temporary, text, 'utf8');
  await files.rename(temporary, location);
}
