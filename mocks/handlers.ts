/**
 * Every mocked server, for setupServer (mocks/node.ts) and setupWorker (mocks/browser.ts): httpbin on
 * https://httpbin.org and http://httpbin.org (the tutorial uses both), and the tutorial's own servers.
 */
import type { HttpHandler } from 'msw';
import { httpbinHandlers } from './httpbin/index';
import { tutorialHandlers } from './tutorial/index';

export const handlers: HttpHandler[] = [
  ...httpbinHandlers('https://httpbin.org'),
  ...httpbinHandlers('http://httpbin.org'),
  ...tutorialHandlers(),
];
