import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staticFiles } from '../../src/infra/http/static-files.js';
import { makeTempDir } from '../support/temp-dir.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The handler on a real server; what it does not answer gets a 404 from "the next handler". */
async function serve(build: (root: string) => void): Promise<string> {
  const dir = makeTempDir('sentinel-static-');
  cleanups.push(() => dir.remove());
  build(dir.path);
  const handler = staticFiles(dir.path);
  const server: Server = createServer((request, response) => {
    if (handler(request, response)) return;
    response.writeHead(404).end('next handler');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function builtPage(root: string): void {
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'robots.txt'), 'no');
}

/** A request exactly as written, without the URL normalisation fetch would do. */
async function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'GET', path }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard files', () => {
  it('serves the page uncached, with headers that keep it from being framed or running foreign code', async () => {
    const url = await serve(builtPage);
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>page</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('caches hashed assets for a year and answers HEAD without a body', async () => {
    const url = await serve(builtPage);
    const asset = await fetch(`${url}/assets/index-abc123.js`);
    expect(await asset.text()).toBe('console.log(1)');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const head = await fetch(`${url}/index.html`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${url}/robots.txt`)).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('leaves unknown paths, other methods and paths outside the build to the next handler', async () => {
    const url = await serve(builtPage);
    expect((await fetch(`${url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${url}/assets`)).status).toBe(404);
    expect((await fetch(`${url}/`, { method: 'POST' })).status).toBe(404);
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2findex.html']) {
      const response = await rawGet(url, path);
      expect(response.status).toBe(404);
      expect(response.body).toBe('next handler');
    }
  });

  it('refuses a malformed path with 400 and keeps serving', async () => {
    const url = await serve(builtPage);
    const bad = await rawGet(url, '/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('not valid percent-encoding');
    expect((await fetch(`${url}/`)).status).toBe(200);
  });

  it('says how to build the page when it is not built', async () => {
    const url = await serve(() => {});
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  });
});
