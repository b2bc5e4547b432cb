import { describe, expect, it } from 'vitest';
import { MajordomeError } from '../../../src/errors.js';
import type { MailEndpoint } from '../../../src/mail/account.js';
import { toMailError } from '../../../src/mail/connection-errors.js';
import { MailError } from '../../../src/mail/mail-error.js';

const imap: MailEndpoint = { host: 'imap.example.com', port: 993, tls: 'tls' };

function mapped(err: unknown, endpoint = imap, protocol: 'IMAP' | 'SMTP' = 'IMAP') {
  const out = toMailError(err, 'home', protocol, endpoint, 'search INBOX');
  return { reason: out instanceof MailError ? out.reason : out.code, message: out.message, code: out.code };
}

describe('mail failures in words a person can act on', () => {
  it.each([
    [{ authenticationFailed: true, responseText: 'Authentication failed.' }, 'auth', /IMAP server imap\.example\.com:993 refused the username or password/],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'unreachable', /cannot be reached \(connection refused\)/],
    [{ code: 'ENOTFOUND' }, 'unreachable', /unknown host name/],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'tls', /certificate is not trusted \(self-signed certificate\)/],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER', library: 'SSL routines', reason: 'wrong version number' }, 'tls', /TLS handshake failed \(wrong version number\)\. Check imap_tls/],
    [{ code: 'GREETING_TIMEOUT' }, 'timeout', /did not answer in time while trying to search INBOX\. Check imap_tls/],
    [{ code: 'CONNECT_TIMEOUT' }, 'timeout', /did not answer in time.*Try again later/],
    [{ code: 'NoConnection' }, 'connection_lost', /closed the connection/],
    [{ mailboxMissing: true, responseText: "Mailbox doesn't exist: Nope" }, 'not_found', /folder does not exist \(Mailbox doesn't exist: Nope\)/],
    [{ responseStatus: 'NO', responseText: 'Quota exceeded' }, 'server', /could not search INBOX: Quota exceeded/],
  ])('%j → %s', (err, reason, message) => {
    const out = mapped(err);
    expect(out.reason).toBe(reason);
    expect(out.message).toMatch(/^Mail account "home": the IMAP server imap\.example\.com:993 /);
    expect(out.message).toMatch(message);
  });

  it('with a pinned certificate, a certificate the chain check refuses is "not the pinned one"; an expired pinned one says so', () => {
    const pinned: MailEndpoint = { ...imap, fingerprint: 'AB:'.repeat(31) + 'AB' };
    expect(mapped({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, pinned)).toMatchObject({
      reason: 'tls',
      message: expect.stringMatching(/could not be used securely: its certificate is not the one set in imap_tls_fingerprint\. No password was sent\./),
    });
    expect(mapped({ code: 'ESOCKET', originalCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }, { ...pinned, port: 465 }, 'SMTP').message).toMatch(/not the one set in smtp_tls_fingerprint/);
    expect(mapped({ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }, pinned).message).toMatch(/certificate is not trusted \(certificate has expired\)/);
  });

  it('maps SMTP failures too', () => {
    const smtp: MailEndpoint = { host: 'smtp.example.com', port: 587, tls: 'starttls' };
    expect(mapped({ code: 'EAUTH', response: '535 5.7.8 Authentication failed' }, smtp, 'SMTP')).toMatchObject({ reason: 'auth' });
    expect(mapped({ code: 'EENVELOPE', response: '550 Mailbox unavailable' }, smtp, 'SMTP')).toMatchObject({
      reason: 'refused',
      message: expect.stringMatching(/refused a recipient: 550 Mailbox unavailable\. Nothing was sent\./),
    });
    expect(mapped({ code: 'EMESSAGE', responseCode: 552, response: '552 too big' }, smtp, 'SMTP').reason).toBe('too_large');
    // nodemailer wraps socket errors and keeps Node's code aside.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' });
    expect(mapped(refused, smtp, 'SMTP')).toMatchObject({ reason: 'unreachable', message: expect.stringMatching(/SMTP server smtp\.example\.com:587 cannot be reached \(connection refused\)/) });
    const selfSigned = Object.assign(new Error('self-signed certificate'), { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(mapped(selfSigned, smtp, 'SMTP')).toMatchObject({ reason: 'tls', message: expect.stringMatching(/certificate is not trusted \(self-signed certificate\)/) });
  });

  it('uses not_found for missing things and tool_failed otherwise', () => {
    expect(mapped({ mailboxMissing: true }).code).toBe('not_found');
    expect(mapped({ code: 'ECONNREFUSED' }).code).toBe('tool_failed');
  });

  it('passes our own errors through', () => {
    const own = new MajordomeError('cancelled', 'stop');
    expect(toMailError(own, 'home', 'IMAP', imap, 'x')).toBe(own);
  });
});
