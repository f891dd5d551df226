/**
 * The request the Session's redirect steps (`rebuildMethod`, `rebuildAuth`, …) build to follow a `status` to
 * `location`: `Response.next` of that redirect, not followed, through a stub fetch.
 */
import { type PreparedRequest, Session } from '../../src/index';

export async function nextRequest(
  request: PreparedRequest,
  status: number,
  location: string,
): Promise<PreparedRequest> {
  const fetch: typeof globalThis.fetch = async () => new Response(null, { status, headers: { Location: location } });
  const response = await new Session({ fetch }).send(request, { allowRedirects: false });
  if (!response.next) throw new Error(`no request follows a ${status} to ${location}`);
  return response.next;
}
