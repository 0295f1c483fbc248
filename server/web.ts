/**
 * Serves the review dashboard (built by `npm run build:web` into `server/web/dist/`) at `/`,
 * with a fallback to `index.html` for its client-side routes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../protocol/api';
import { errorBody } from './errors';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Snag</title></head>
<body><h1>Snag server</h1>
<p>The server is running, but the review dashboard has not been built.</p>
<p>Build it with <code>npm run build:web</code> and restart the server.</p></body></html>`;

/** Content-Security-Policy for dashboard pages: our own scripts only, never framed. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Preact sets element styles through the CSSOM, but attribute styles need this; no scripts do.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Registers the dashboard (or the "not built" page) and the site-wide 404. */
export async function registerWeb(
  app: FastifyInstance,
  webRoot: string,
): Promise<void> {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: 'index.html',
    });
  } else {
    app.get('/', { config: { auth: 'public' } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT),
    );
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(path);
    if (isPage) {
      if (built)
        return reply.type('text/html; charset=utf-8').sendFile('index.html');
      return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    return reply
      .code(404)
      .send(
        errorBody(
          'not_found',
          path.startsWith(`${API_PREFIX}/`) ? 'No such API route' : 'Not found',
        ),
      );
  });
}
