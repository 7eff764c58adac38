import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The page may load nothing but its own files and talk to nothing but its own service (`'self'`
 * covers the same-origin WebSocket), and no other site may frame it: a page with buttons that
 * change a money store must not be clickjacked or made to run injected script.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Serves the built dashboard from `root`: `/` is its index.html (never cached, so a new build is
 * picked up at once), files under /assets/ carry a content hash and are cached for a year. Any
 * other path that is not a file in `root` is left to the next handler. Returns a route handler for
 * the API server: true when it answered.
 */
export function staticFiles(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const headOnly = request.method === 'HEAD';
    let path: string;
    try {
      path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    } catch {
      // A malformed %-escape: answer it here rather than let it throw out of the server.
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Bad request: the path is not valid percent-encoding.\n');
      return true;
    }
    if (path === '/' || path === '/index.html') {
      if (!existsSync(index)) {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(
          'The dashboard is not built yet: run `npm run build:web` (or `npm run build`). GraphiQL is at /graphql.\n',
        );
        return true;
      }
      return send(response, index, { 'cache-control': 'no-cache', ...PAGE_HEADERS }, headOnly);
    }
    const file = normalize(join(base, path));
    // Never serve anything outside the build folder, whatever the path says.
    if (!file.startsWith(base + sep)) return false;
    if (!existsSync(file) || !statSync(file).isFile()) return false;
    const immutable = path.startsWith('/assets/');
    return send(
      response,
      file,
      { 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' },
      headOnly,
    );
  };
}

function send(
  response: ServerResponse,
  file: string,
  headers: Readonly<Record<string, string>>,
  headOnly: boolean,
): true {
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  if (headOnly) {
    response.end();
    return true;
  }
  const stream = createReadStream(file);
  // A file removed or unreadable between the check and the read ends the response, not the server.
  stream.on('error', () => response.destroy());
  stream.pipe(response);
  return true;
}
