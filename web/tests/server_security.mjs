// Server security: paths out of the root (.., encoded, double-encoded, backslashes, NUL, symlinks) are refused; files carry CSP + COOP/COEP.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, run, assert } from './harness.mjs';
import { startServer } from '../server.mjs';
import { STRICT_POLICY, policyFor } from '../content_security_policy.mjs';

const SECRET = 'SECRET-OUTSIDE-THE-ROOT';
const PAGE = '<!doctype html><title>t</title><script src="app.js"></script>\n';
const INLINE_PAGE = '<!doctype html><style>p{}</style><p onclick="go()">x</p><script>var a = 1;</script>\n';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-server-'));
const root = path.join(work, 'root');
let server;
let port;

// One raw request (no client-side normalisation of '..', backslashes or NUL): {status, headers, body}.
function rawGet(target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(target)}`)));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = {};
      for (const line of headerLines) {
        const at = line.indexOf(':');
        headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n') });
    });
    socket.write(Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1'));
  });
}

async function expectRefused(target) {
  const r = await rawGet(target);
  assert(r.status >= 400 && r.status < 500, `${JSON.stringify(target)} gave ${r.status}, not a 4xx refusal`);
  assert(!r.body.includes(SECRET) && !r.body.includes('root:x:0:0'), `${JSON.stringify(target)} returned the file`);
  return r.status;
}

// Each refused target, with a note listing the status codes seen.
function refuses(name, targets) {
  test(name, async () => {
    const statuses = [];
    for (const t of targets) statuses.push(await expectRefused(t));
    return `${targets.length} requests: ${[...new Set(statuses)].join(', ')}`;
  });
}

refuses('../ out of the root is refused', ['/../../etc/passwd', '/../secret.txt', '/./../secret.txt', '/a/../../secret.txt',
  '//../secret.txt', 'http://127.0.0.1/../secret.txt', '../secret.txt']);
refuses('percent-encoded dots and slashes are refused', ['/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E/secret.txt',
  '/..%2f..%2fetc/passwd', '/%2e%2e%2fsecret.txt', '/.%2e/secret.txt']);
refuses('double-encoded dots and slashes are refused', ['/%252e%252e/%252e%252e/etc/passwd', '/%252e%252e/secret.txt',
  '/..%252f..%252fetc/passwd']);
refuses('backslash variants are refused', ['/..\\..\\etc\\passwd', '/..\\secret.txt', '/%5c..%5csecret.txt',
  '/..%5c..%5cetc%5cpasswd', '/%255c..%255csecret.txt']);
refuses('NUL bytes are refused', ['/index.html%00', '/index.html%00.png', '/%00../secret.txt', '/index.html\0']);
refuses('symlinks inside the root that point outside are refused', ['/outside-dir/secret.txt', '/secret-link.txt',
  '/passwd-link', '/outside-dir/']);
refuses('malformed encodings are refused', ['/%', '/%zz', '/%e0%80%af']);

test('a normal file is served with the strict CSP and the isolation headers', async () => {
  const r = await rawGet('/app.js');
  assert(r.status === 200 && r.body === 'console.log(1);\n', `/app.js gave ${r.status}`);
  assert(r.headers['content-security-policy'] === STRICT_POLICY, `CSP is ${r.headers['content-security-policy']}`);
  assert(r.headers['cross-origin-opener-policy'] === 'same-origin', 'no COOP same-origin');
  assert(r.headers['cross-origin-embedder-policy'] === 'require-corp', 'no COEP require-corp');
  assert(r.headers['content-type'].startsWith('text/javascript'), `content type ${r.headers['content-type']}`);
});

test('the page without inline code gets exactly the strict policy', async () => {
  const r = await rawGet('/');
  assert(r.status === 200 && r.body === PAGE, `/ gave ${r.status}`);
  assert(r.headers['content-security-policy'] === STRICT_POLICY, `CSP is ${r.headers['content-security-policy']}`);
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'"])
    assert(STRICT_POLICY.includes(part), `the policy lacks ${part}`);
  assert(!/'unsafe-inline'|'unsafe-eval'|\*/.test(STRICT_POLICY), 'the strict policy allows inline code, eval or any origin');
  return STRICT_POLICY;
});

test('a page with inline code gets only that code pinned by hash, never unsafe-inline', async () => {
  const r = await rawGet('/inline.html');
  const csp = r.headers['content-security-policy'];
  assert(r.status === 200 && csp === policyFor(INLINE_PAGE), `/inline.html gave ${r.status}, CSP ${csp}`);
  assert(!/'unsafe-inline'|'unsafe-eval'/.test(csp), `the policy allows inline code or eval: ${csp}`);
  assert((csp.match(/'sha256-/g) || []).length === 3, `expected 3 pinned hashes (script, handler, style): ${csp}`);
});

test('errors carry the same headers', async () => {
  const r = await rawGet('/no-such-file.js');
  assert(r.status === 404, `gave ${r.status}`);
  assert(r.headers['content-security-policy'] === STRICT_POLICY && r.headers['cross-origin-embedder-policy'] === 'require-corp',
    'a 404 lacks the CSP or COEP');
});

test("the lab's shell page gets no unsafe-inline or unsafe-eval", () => {
  const shell = fs.readFileSync(fileURLToPath(new URL('../shell.html', import.meta.url)), 'utf8');
  const csp = policyFor(shell);
  assert(!/'unsafe-inline'|'unsafe-eval'/.test(csp), `policy: ${csp}`);
  return `${(csp.match(/'sha256-/g) || []).length} inline pieces pinned by hash`;
});

await run({
  setup: async () => {
    fs.mkdirSync(path.join(root, 'a'), { recursive: true });
    fs.writeFileSync(path.join(work, 'secret.txt'), `${SECRET}\n`);
    fs.mkdirSync(path.join(work, 'outside'));
    fs.writeFileSync(path.join(work, 'outside', 'secret.txt'), `${SECRET}\n`);
    fs.writeFileSync(path.join(root, 'index.html'), PAGE);
    fs.writeFileSync(path.join(root, 'inline.html'), INLINE_PAGE);
    fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1);\n');
    fs.symlinkSync(path.join(work, 'outside'), path.join(root, 'outside-dir'));
    fs.symlinkSync(path.join(work, 'secret.txt'), path.join(root, 'secret-link.txt'));
    fs.symlinkSync('/etc/passwd', path.join(root, 'passwd-link'));
    server = await startServer({ root, port: 0 });
    port = server.address().port;
  },
  teardown: async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    fs.rmSync(work, { recursive: true, force: true });
  },
});
