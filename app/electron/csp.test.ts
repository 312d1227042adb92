// Electronegativity's CSP_GLOBAL_CHECK cannot read our CSP (it is built from an array, so the check
// reports "Failed to parse CSP"). This test checks it instead, parsed the way browsers do (CSP3 §2.2:
// directives split on ";", names case-insensitive, the first of a repeated directive wins, sources
// split on ASCII whitespace).
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './security.js';

function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const token of policy.split(';')) {
    const [name, ...sources] = token.trim().split(/[\t\n\f\r ]+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

/** The sources that govern scripts: script-src, else default-src (CSP3 fallback list). */
function scriptSources(csp: Map<string, string[]>): string[] {
  return csp.get('script-src') ?? csp.get('default-src') ?? ['*'];
}

describe('the content security policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('parses into known directives, each once, none empty', () => {
    const names = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
    for (const [name, sources] of csp) {
      expect(name).toMatch(/^[a-z-]+$/);
      expect(sources.length, `${name} has no sources`).toBeGreaterThan(0);
    }
  });

  it('runs no inline or evaluated script, and scripts only from the app', () => {
    const scripts = scriptSources(csp);
    for (const unsafe of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'unsafe-hashes'",
      "'wasm-unsafe-eval'",
      '*',
      'data:',
      'blob:',
      'http:',
      'https:',
    ])
      expect(scripts, `script sources allow ${unsafe}`).not.toContain(unsafe);
    expect(scripts).toEqual(["'self'"]);
  });

  it("defaults to 'self' or nothing, with no plugins, no framing, no <base>, no form posts", () => {
    expect([["'self'"], ["'none'"]]).toContainEqual(csp.get('default-src'));
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('connects only to the app itself (the engine is reached over IPC, never the network)', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('the parser reads a hostile policy the way a browser would', () => {
    const parsed = parseCsp("SCRIPT-SRC 'self' 'unsafe-eval';script-src 'self'; ;default-src\t*");
    expect(scriptSources(parsed)).toEqual(["'self'", "'unsafe-eval'"]);
    expect(parsed.get('default-src')).toEqual(['*']);
  });
});
