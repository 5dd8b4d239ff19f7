// Static file server for the LayerLab web build: cross-origin isolation and CSP headers, safe paths, CLI + startServer().
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRICT_POLICY, policyFor } from './content_security_policy.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Sent on every response, errors included: COOP + COEP make the page crossOriginIsolated (wasm threads).
const COMMON_HEADERS = {
  'Content-Security-Policy': STRICT_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function fail(code, message) {
  return Object.assign(new Error(message), { code });
}

// Turns the raw request target into path segments under the root, or null if it must be refused.
// Decodes exactly once; anything that still looks encoded afterwards (double encoding) is refused.
export function safeSegments(rawUrl) {
  const rawPath = rawUrl.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/')) return null;
  if (/%2f|%5c|%00/i.test(rawPath)) return null; // encoded '/', '\' or NUL
  let decoded;
  try { decoded = decodeURIComponent(rawPath); } catch { return null; }
  if (/[\\\0]/.test(decoded) || /%[0-9a-f]{2}/i.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  return segments;
}

function isInside(root, p) {
  return p === root || p.startsWith(root + path.sep);
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function handle(realRoot, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const segments = safeSegments(req.url);
  if (!segments) return send(res, 403, 'forbidden\n');
  let file = path.join(realRoot, ...segments);
  let real;
  try {
    real = await fsp.realpath(file);
    if (!isInside(realRoot, real)) return send(res, 403, 'forbidden\n');
    let stat = await fsp.stat(real);
    if (stat.isDirectory()) {
      real = await fsp.realpath(path.join(real, 'index.html'));
      if (!isInside(realRoot, real)) return send(res, 403, 'forbidden\n');
      stat = await fsp.stat(real);
    }
    if (!stat.isFile()) return send(res, 404, 'not found\n');
    const type = MIME[path.extname(real).toLowerCase()] || 'application/octet-stream';
    if (type.startsWith('text/html')) { // small: read whole, so its inline code can be pinned in the policy
      const html = await fsp.readFile(real, 'utf8');
      return send(res, 200, html, {
        'Content-Type': type, 'Content-Length': Buffer.byteLength(html), 'Content-Security-Policy': policyFor(html),
      });
    }
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': stat.size });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(real)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return send(res, 404, 'not found\n');
    if (err.code === 'EACCES') return send(res, 403, 'forbidden\n');
    process.stderr.write(`lab: server error on ${req.url}: ${err.message}\n`);
    send(res, 500, 'internal error\n');
  }
}

// Starts serving `root`; resolves with the listening http.Server (port 0 picks a free port).
export async function startServer({ root, port = 8080, host = '127.0.0.1' }) {
  let realRoot;
  try { realRoot = await fsp.realpath(root); } catch {
    throw fail('LAB_NO_ROOT', `lab: ${root} does not exist: build the web app first (./lab serve builds it)`);
  }
  if (!fs.existsSync(path.join(realRoot, 'index.html'))) {
    throw fail('LAB_NO_ROOT', `lab: ${root} has no index.html: build the web app first (./lab serve builds it)`);
  }
  const server = http.createServer((req, res) => {
    handle(realRoot, req, res).catch(() => res.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once('error', (err) => {
      reject(err.code === 'EADDRINUSE'
        ? fail('LAB_PORT_IN_USE', `lab: port ${port} is in use: stop the other server or run ./lab serve --port ${port + 1}`)
        : err);
    });
    server.listen(port, host, resolve);
  });
  return server;
}

function parseArgs(argv) {
  const opts = { root: null, port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`lab: ${flag} needs a value`);
    if (flag === '--root') opts.root = value;
    else if (flag === '--host') opts.host = value;
    else if (flag === '--port') {
      opts.port = Number(value);
      if (!/^\d+$/.test(value) || opts.port > 65535) throw new Error(`lab: --port needs a number from 0 to 65535, not '${value}'`);
    } else throw new Error(`lab: unknown option '${flag}' (usage: node web/server.mjs --root DIR --port N [--host 127.0.0.1])`);
  }
  if (!opts.root) throw new Error('lab: --root DIR is required (usage: node web/server.mjs --root DIR --port N)');
  return opts;
}

async function main() {
  let server;
  try {
    const opts = parseArgs(process.argv.slice(2));
    server = await startServer(opts);
    const shown = ['0.0.0.0', '::'].includes(opts.host) ? '127.0.0.1' : opts.host;
    console.log(`LayerLab is served at http://${shown}:${server.address().port}/  (Ctrl-C stops it)`);
  } catch (err) {
    process.stderr.write(`${err.message.startsWith('lab: ') ? err.message : `lab: ${err.message}`}\n`);
    process.exit(2);
  }
  const stop = () => {
    server.close(() => { console.log('lab: server stopped'); process.exit(0); });
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const invokedDirectly = process.argv[1] && fs.existsSync(process.argv[1])
  && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) main();
