import { describe, expect, it } from 'vitest';
import { cookieSites, MAX_COOKIES, parseCookieExport } from '../../../src/browser/cookie-import.js';

describe('cookie exports', () => {
  it('reads a Cookie-Editor / EditThisCookie export (seconds, host-only, sameSite words)', () => {
    const parsed = parseCookieExport([
      { domain: '.example.com', expirationDate: 1893456000.5, hostOnly: false, httpOnly: true, name: 'sid', path: '/', sameSite: 'no_restriction', secure: true, session: false, storeId: '0', value: 'abc' },
      { domain: 'portal.example.com', hostOnly: true, httpOnly: false, name: 'lang', path: '/', sameSite: 'unspecified', secure: false, session: true, value: 'fr' },
      { domain: '.Utility.example', name: 'pref', value: 'x', sameSite: 'no_restriction', secure: false, expirationDate: 1893456000 },
    ]);
    expect(parsed).toEqual({
      ok: true,
      cookies: [
        { name: 'sid', value: 'abc', domain: '.example.com', path: '/', expires: 1893456000, httpOnly: true, secure: true, sameSite: 'None' },
        { name: 'lang', value: 'fr', domain: 'portal.example.com', path: '/', expires: -1, httpOnly: false, secure: false },
        // SameSite=None needs Secure, or Chromium drops it: Lax is what it would get anyway.
        { name: 'pref', value: 'x', domain: '.utility.example', path: '/', expires: 1893456000, httpOnly: false, secure: false, sameSite: 'Lax' },
      ],
    });
  });

  it("reads Playwright's storage state", () => {
    const parsed = parseCookieExport({ cookies: [{ name: 'a', value: '1', domain: 'example.org', path: '/app', expires: -1, httpOnly: false, secure: true, sameSite: 'Strict' }], origins: [] });
    expect(parsed).toEqual({ ok: true, cookies: [{ name: 'a', value: '1', domain: 'example.org', path: '/app', expires: -1, httpOnly: false, secure: true, sameSite: 'Strict' }] });
  });

  it('says what is wrong by position and field, never by value', () => {
    expect(parseCookieExport({ hello: 1 })).toEqual({ ok: false, error: expect.stringMatching(/JSON list of cookies/) });
    expect(parseCookieExport([])).toEqual({ ok: false, error: 'The export has no cookies.' });
    const bad = parseCookieExport([{ name: 'ok', value: 'fine', domain: 'a.example' }, { name: 'token', value: 's3cr3t-value' }]);
    expect(bad).toEqual({ ok: false, error: 'Cookie 2: domain is missing or invalid.' });
    expect(JSON.stringify(bad)).not.toContain('s3cr3t');
    expect(parseCookieExport(Array.from({ length: MAX_COOKIES + 1 }, () => ({ name: 'a', value: 'b', domain: 'c' })))).toMatchObject({ ok: false });
  });

  it('names the sites without the values', () => {
    const parsed = parseCookieExport([
      { name: 'a', value: 'v', domain: '.b.example' },
      { name: 'c', value: 'v', domain: 'a.example' },
      { name: 'd', value: 'v', domain: 'b.example' },
    ]);
    expect(parsed.ok && cookieSites(parsed.cookies)).toEqual(['a.example', 'b.example']);
  });
});
