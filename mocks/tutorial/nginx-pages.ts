/**
 * nginx's own error pages, as nginx writes them (the body a client sees for a 301, 401 or 404).
 */

const REASONS: Record<number, string> = {
  301: 'Moved Permanently',
  401: 'Authorization Required',
  404: 'Not Found',
  405: 'Not Allowed',
};

/** The HTML nginx sends with an error or redirect status. */
export function nginxStatusPage(status: number, server: string): string {
  const title = `${status} ${REASONS[status] ?? ''}`.trimEnd();
  return [
    '<html>',
    `<head><title>${title}</title></head>`,
    '<body bgcolor="white">',
    `<center><h1>${title}</h1></center>`,
    `<hr><center>${server}</center>`,
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}

/** Headers nginx sends with every response. */
export function nginxHeaders(server: string, contentType: string, extra: Record<string, string> = {}): Headers {
  return new Headers({ Server: server, Date: new Date().toUTCString(), 'Content-Type': contentType, ...extra });
}
