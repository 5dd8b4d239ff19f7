// The Content-Security-Policy the server sends: strict by default, plus sha256 pins for the inline code of the page served.
import crypto from 'node:crypto';

// Only scripts and wasm from this origin run: no eval (compiling wasm needs 'wasm-unsafe-eval' and nothing more), no
// inline script or style, nothing from other origins, no plugins, frames, forms or <base>.
const STRICT = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function render(directives) {
  return Object.entries(directives).map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

export const STRICT_POLICY = render(STRICT);

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// The inline code an HTML page of ours carries: <script> bodies (not those with src=), <style> bodies and on*="..."
// handler attributes, exactly as written (the browser hashes the same text).
export function inlineCode(html) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter((m) => !/\bsrc\s*=/i.test(m[1])).map((m) => m[2]);
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map((m) => m[1]);
  const handlers = [...html.matchAll(/<[a-z][^>]*?\son[a-z]+\s*=\s*("([^"]*)"|'([^']*)')/gi)].map((m) => m[2] ?? m[3]);
  return { scripts, styles, handlers };
}

// The policy for one response. A page we built with inline code gets that exact code pinned by its sha256 (never
// 'unsafe-inline': injected code has another hash and stays blocked); a page without inline code, or any other file,
// gets STRICT_POLICY exactly. Handlers need 'unsafe-hashes' next to their hashes (CSP level 3).
export function policyFor(html) {
  if (html === undefined) return STRICT_POLICY;
  const { scripts, styles, handlers } = inlineCode(html);
  const directives = { ...STRICT, 'script-src': [...STRICT['script-src']], 'style-src': [...STRICT['style-src']] };
  directives['script-src'].push(...new Set(scripts.map(sha256)));
  if (handlers.length) directives['script-src'].push("'unsafe-hashes'", ...new Set(handlers.map(sha256)));
  directives['style-src'].push(...new Set(styles.map(sha256)));
  return render(directives);
}
