/**
 * Where cassettes are kept, in a browser: a HAR is read from a URL (relative to the page); nothing can be written
 * to a file, so `save()` says to use `toHar()` instead (and offer it as a download, or post it somewhere).
 */

export function cassetteLocation(location: string | URL): string {
  const base = (globalThis as { document?: { baseURI?: string } }).document?.baseURI;
  return base ? new URL(String(location), base).href : String(location);
}

export async function readCassette(location: string): Promise<string | null> {
  const response = await fetch(location);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Could not read the cassette ${location}: HTTP ${response.status}`);
  return response.text();
}

export async function writeCassette(location: string, _text: string): Promise<void> {
  throw new Error(
    `A browser cannot write the cassette ${location}: use await cassette.toHar() and save that (a download, a POST)`,
  );
}
