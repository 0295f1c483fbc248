// Serves the council-style fixture pages on localhost, as a council's site would be served.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const ROOT = resolve('tests/fixtures/pages');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.png': 'image/png',
};

/** A running fixture server. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Starts a server for `tests/fixtures/pages` on a free port. */
export async function startStaticServer(root = ROOT): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = normalize(
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
    );
    // Every address under /app/ is the single-page app, which routes by path itself.
    const page = path.startsWith('/app/') ? '/spa-app.html' : path;
    const file = join(root, page === '/' ? 'council-start.html' : page);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          })
          .end(body),
      () => res.writeHead(404).end('Not found'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
