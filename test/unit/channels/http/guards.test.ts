import { describe, expect, it } from 'vitest';
import { baseHrefFrom, injectBaseHref } from '../../../../src/channels/http/base-href.js';
import { isCrossSiteWrite } from '../../../../src/channels/http/guards.js';
import { describeHttpError } from '../../../../src/channels/http/http-errors.js';
import { errorEventFor } from '../../../../src/channels/running-turns.js';
import { HaError, MajordomeError } from '../../../../src/errors.js';

describe('isCrossSiteWrite', () => {
  it('flags state changes a browser made for another site, and only those', () => {
    expect(isCrossSiteWrite('POST', 'cross-site')).toBe(true);
    expect(isCrossSiteWrite('delete', 'cross-site')).toBe(true);
    expect(isCrossSiteWrite('PATCH', 'Cross-Site')).toBe(true);
    expect(isCrossSiteWrite('GET', 'cross-site')).toBe(false);
    expect(isCrossSiteWrite('POST', 'same-origin')).toBe(false);
    expect(isCrossSiteWrite('POST', undefined)).toBe(false);
  });
});

describe('base href from X-Ingress-Path', () => {
  it('builds a base ending with a slash from the ingress prefix', () => {
    expect(baseHrefFrom('/api/hassio_ingress/AbC-123_x')).toBe('/api/hassio_ingress/AbC-123_x/');
    expect(baseHrefFrom('/api/hassio_ingress/tok/')).toBe('/api/hassio_ingress/tok/');
  });

  it('refuses prefixes that could break out of the attribute or point elsewhere', () => {
    for (const bad of ['', 'api/x', '//evil.example/x', '/x"><script>', '/a b', 'https://evil.example/']) {
      expect(baseHrefFrom(bad)).toBeUndefined();
    }
  });

  it('puts the base first in head so relative assets resolve under the prefix', () => {
    const html = '<!doctype html><html><head lang="en"><base href="./"><script src="assets/app.js"></script></head></html>';
    const out = injectBaseHref(html, '/api/hassio_ingress/tok/');
    expect(out.indexOf('<base href="/api/hassio_ingress/tok/">')).toBeLessThan(out.indexOf('<base href="./">'));
    expect(injectBaseHref('<p>no head</p>', '/p/')).toMatch(/^<base href="\/p\/">/);
  });
});

describe('error mapping', () => {
  it('gives our own errors their status and hides everything else behind a 500', () => {
    expect(describeHttpError(new MajordomeError('not_found', 'gone'))).toEqual({ status: 404, code: 'not_found', message: 'gone' });
    expect(describeHttpError(new HaError('ha_unavailable', 'HA is down')).status).toBe(503);
    expect(describeHttpError(new Error('SQLITE_CORRUPT at /data/x.db'))).toEqual({
      status: 500,
      code: 'internal',
      message: 'Internal error.',
    });
    expect(describeHttpError(Object.assign(new Error('x'), { type: 'entity.too.large' })).status).toBe(413);
  });

  it('turns a thrown turn into one error event without leaking internals', () => {
    expect(errorEventFor(new MajordomeError('model_not_configured', 'No model is configured.'))).toEqual({
      type: 'error',
      message: 'No model is configured.',
      code: 'model_not_configured',
    });
    const hidden = errorEventFor(new TypeError('cannot read properties of undefined'));
    expect(hidden.code).toBe('internal');
    expect(hidden.message).not.toContain('undefined');
  });
});
