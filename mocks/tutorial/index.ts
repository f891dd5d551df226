/**
 * The tutorial's own servers as MSW handlers, so every example of the Requests tutorial runs offline:
 *   http://www.webcode.me          the small nginx page (and its 404s, and HEAD)
 *   http://localhost               nginx: oldpage.html → 301 → newpage.html, Basic-auth /secure/, the PHP scripts
 *   http://localhost:8081          http_server.py: /agent echoes the User-Agent
 *   http://localhost:5000          the Flask upload app
 *   http://www.dictionary.com      /browse/:term pages with `span.one-click-content` definitions
 *   https://docs.oracle.com/...    jls8.pdf, a deterministic multi-chunk streamed body
 * (httpbin.org is mocks/httpbin's.)
 */
import type { HttpHandler } from 'msw';
import { agentServerHandlers } from './agent-server';
import { dictionaryHandlers } from './dictionary';
import { flaskAppHandlers } from './flask-app';
import { jls8PdfHandlers } from './jls8-pdf';
import { localhostNginxHandlers } from './localhost-nginx';
import { webcodeHandlers } from './webcode';

export { JLS8_PDF_SIZE, JLS8_PDF_URL, jls8PdfBytes } from './jls8-pdf';

export function tutorialHandlers(): HttpHandler[] {
  return [
    ...webcodeHandlers(),
    // Before localhost's catch-all, whose pattern must not swallow other ports.
    ...agentServerHandlers(),
    ...flaskAppHandlers(),
    ...localhostNginxHandlers(),
    ...dictionaryHandlers(),
    ...jls8PdfHandlers(),
  ];
}
