/**
 * The mocks in Node: msw's setupServer with every handler. Requests nobody handles fail (onUnhandledFrame:
 * 'error'), so a test can never reach the real network by accident.
 *
 *   import { startMocks, stopMocks } from '../../mocks/node';
 *   beforeAll(startMocks); afterAll(stopMocks);
 *
 * msw intercepts at the socket level in the whole process: a test file that starts it must not also talk to a
 * real loopback server (keep those in separate files; vitest isolates files).
 */
import { setupServer } from 'msw/node';
import { handlers } from './handlers';

export const server = setupServer(...handlers);

export function startMocks(): void {
  server.listen({ onUnhandledFrame: 'error' });
}

export function stopMocks(): void {
  server.close();
}
