import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves a built single-page app from `root`: `/` and unknown page paths get index.html, hashed
 * assets are cached for a year. Returns a route handler for the API server.
 */
export function staticFiles(root: string) {
  const index = join(root, 'index.html');
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    if (path === '/' || path === '/index.html') {
      if (!existsSync(index)) {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('The dashboard is not built yet: run `npm run build`. GraphiQL is at /graphql.\n');
        return true;
      }
      return send(response, index, 'no-cache', request.method === 'HEAD');
    }
    const file = normalize(join(root, path));
    // Never serve anything outside the build folder, whatever the path says.
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
    if (!existsSync(file) || !statSync(file).isFile()) return false;
    const immutable = path.startsWith('/assets/');
    return send(
      response,
      file,
      immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      request.method === 'HEAD',
    );
  };
}

function send(response: ServerResponse, file: string, cacheControl: string, headOnly: boolean): true {
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  if (headOnly) response.end();
  else createReadStream(file).pipe(response);
  return true;
}
