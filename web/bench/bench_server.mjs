// bench_server.mjs: the static server of ./lab bench's pages: fixed URL prefixes mapped to directories (the bench page,
// our web bench build, TensorFlow.js's dist folders, the datasets), cross-origin isolated (COOP + COEP, so wasm threads
// work for both contenders). No CSP: TF.js's threaded wasm backend starts its workers from blob: URLs.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.lds': 'application/octet-stream', '.map': 'application/json',
};

// mounts: {prefix: directory}, e.g. {bench: 'web/bench'}; a URL is /prefix/file-name (one level, plain names only).
export function startBenchServer(mounts) {
  const server = http.createServer((req, res) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    const match = /^\/([a-z-]+)\/([A-Za-z0-9_.-]+)$/.exec(new URL(req.url, 'http://x').pathname);
    const dir = match && Object.hasOwn(mounts, match[1]) ? mounts[match[1]] : null;
    const file = dir && !match[2].startsWith('.') ? path.join(dir, match[2]) : null;
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
      'Content-Length': fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
