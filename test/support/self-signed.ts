/**
 * Self-signed certificates for test servers, made by openssl as a person would make one for a home
 * mail server, with the SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` prints it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate and its key on disk, and the fingerprint a user would paste into the options. */
export interface SelfSignedCertificate {
  cert: string;
  key: string;
  /** `AB:CD:…`, exactly as openssl prints it. */
  fingerprint: string;
}

/** Makes `<name>-cert.pem` and `<name>-key.pem` in `dir` (key readable by a server's unprivileged user). */
export function makeSelfSignedCertificate(dir: string, name = 'server', commonName = 'localhost'): SelfSignedCertificate {
  const cert = join(dir, `${name}-cert.pem`);
  const key = join(dir, `${name}-key.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  chmodSync(key, 0o644);
  const printed = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', cert], { encoding: 'utf8' });
  const fingerprint = printed.trim().split('=')[1];
  if (!fingerprint) throw new Error(`openssl printed no fingerprint: ${printed}`);
  return { cert, key, fingerprint };
}
