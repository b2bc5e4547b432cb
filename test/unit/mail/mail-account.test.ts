import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../src/config/load-config.js';
import { pickAccount, resolveMailAccount } from '../../../src/mail/account.js';

const base = { name: 'home', imap_host: 'imap.example.com', smtp_host: 'smtp.example.com', username: 'anna@example.com', password: 'pw-123456' };

describe('mail account options', () => {
  it('default to TLS on the well-known ports and send from the username', () => {
    expect(resolveMailAccount(base)).toMatchObject({
      imap: { host: 'imap.example.com', port: 993, tls: 'tls' },
      smtp: { host: 'smtp.example.com', port: 465, tls: 'tls' },
      from: 'anna@example.com',
    });
  });

  it('take the STARTTLS and plain ports when those modes are chosen, unless a port is given', () => {
    const account = resolveMailAccount({ ...base, imap_tls: 'starttls', smtp_tls: 'starttls' });
    expect([account.imap.port, account.smtp.port]).toEqual([143, 587]);
    expect(resolveMailAccount({ ...base, smtp_tls: 'none', smtp_port: 2525 }).smtp).toEqual({ host: 'smtp.example.com', port: 2525, tls: 'none' });
  });

  it('are validated with the other options: unique names, a real From address', () => {
    expect(parseOptions({ mail_accounts: [base] }).mail_accounts).toHaveLength(1);
    expect(() => parseOptions({ mail_accounts: [base, { ...base, name: 'HOME' }] })).toThrow(/option mail_accounts: account names must be unique/);
    expect(() => parseOptions({ mail_accounts: [{ ...base, from: 'Anna' }] })).toThrow(/mail_accounts\.0\.from: must be an e-mail address/);
    expect(() => parseOptions({ mail_accounts: [{ ...base, imap_port: 70000 }] })).toThrow(/mail_accounts\.0\.imap_port/);
    expect(() => parseOptions({ mail_accounts: [{ ...base, password: '' }] })).toThrow(/mail_accounts\.0\.password/);
  });

  it('keep a pinned certificate fingerprint in the form openssl prints, whatever the spelling', () => {
    const fingerprint = 'fc1117e2246287505' + '07b26faa5368a244c6d5f89e94664e46ff6edc7c1acc0a8';
    const [account] = parseOptions({ mail_accounts: [{ ...base, imap_tls_fingerprint: fingerprint, smtp_tls: 'starttls', smtp_tls_fingerprint: fingerprint.toUpperCase() }] }).mail_accounts;
    const printed = 'FC:11:17:E2:24:62:87:50:50:7B:26:FA:A5:36:8A:24:4C:6D:5F:89:E9:46:64:E4:6F:F6:ED:C7:C1:AC:C0:A8';
    expect(account && resolveMailAccount(account)).toMatchObject({ imap: { tls: 'tls', fingerprint: printed }, smtp: { tls: 'starttls', fingerprint: printed } });
  });

  it('refuse a malformed fingerprint, naming the option', () => {
    expect(() => parseOptions({ mail_accounts: [{ ...base, imap_tls_fingerprint: 'AB:CD:EF' }] })).toThrow(
      /^option mail_accounts\.0\.imap_tls_fingerprint: must be the SHA-256 fingerprint of the server's certificate/,
    );
    expect(() => parseOptions({ mail_accounts: [{ ...base, smtp_tls_fingerprint: 'sha1 Fingerprint=A9:4A' }] })).toThrow(/^option mail_accounts\.0\.smtp_tls_fingerprint: /);
  });

  it('refuse a fingerprint on a connection without TLS', () => {
    const fingerprint = 'AB'.repeat(32);
    expect(() => parseOptions({ mail_accounts: [{ ...base, smtp_tls: 'none', smtp_tls_fingerprint: fingerprint }] })).toThrow(
      /^option mail_accounts\.0\.smtp_tls_fingerprint: pins a certificate, so smtp_tls must be "tls" or "starttls", not "none"/,
    );
    expect(() => parseOptions({ mail_accounts: [{ ...base, imap_tls: 'none', imap_tls_fingerprint: fingerprint }] })).toThrow(/^option mail_accounts\.0\.imap_tls_fingerprint: /);
  });

  it('an option error never shows the password', () => {
    let message = '';
    try {
      parseOptions({ mail_accounts: [{ ...base, password: 'Sup3r-Secret', imap_tls: 'ssl' }] });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/imap_tls/);
    expect(message).not.toContain('Sup3r-Secret');
  });
});

describe('pickAccount', () => {
  const accounts = [{ name: 'Home' }, { name: 'Work' }];

  it('takes the first account by default and finds others by name in any case', () => {
    expect(pickAccount(accounts, undefined).name).toBe('Home');
    expect(pickAccount(accounts, 'work').name).toBe('Work');
  });

  it('says which accounts exist when the name is unknown', () => {
    expect(() => pickAccount(accounts, 'school')).toThrow('No mail account named "school". Accounts: Home, Work.');
    expect(() => pickAccount([], undefined)).toThrow(/No mail account is configured/);
  });
});
