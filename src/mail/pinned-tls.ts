/**
 * Certificate pinning for a mail server (imap_tls_fingerprint, smtp_tls_fingerprint): the server's
 * certificate is accepted if and only if its SHA-256 fingerprint is the pinned one, whoever signed
 * it and whatever name it carries.
 *
 * Why two steps: Node calls `checkServerIdentity` only once the certificate chain verified, so
 * `rejectUnauthorized: false` plus a fingerprint check there would accept ANY self-signed
 * certificate (the check never runs for one). So the certificate the server presents is looked at
 * first (certificate-probe.ts: nothing but the handshake is sent) and refused unless it is the
 * pinned one; then the real connection trusts that certificate alone (`ca`) and checks the
 * fingerprint again in place of the host name. A server that shows another certificate to the
 * second connection fails its handshake, before a password is sent.
 */
import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import { sameFingerprint } from '../config/tls-fingerprint.js';
import type { MailEndpoint } from './account.js';
import { fetchPresentedCertificate } from './certificate-probe.js';
import { PIN_MISMATCH_CODE, pinMismatchError } from './connection-errors.js';

/** `tls.connect` options that accept the certificate `pem` alone, and only while its fingerprint is `pin`. */
export function trustOnly(pem: string, pin: string): ConnectionOptions {
  return {
    ca: [pem],
    // A pinned certificate signed by a home CA is enough on its own: the CA need not be trusted.
    allowPartialTrustChain: true,
    // The fingerprint stands in for the host name: a home server's certificate rarely names its address.
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      sameFingerprint(cert.fingerprint256, pin) ? undefined : Object.assign(new Error(`certificate ${cert.fingerprint256} is not the pinned one`), { code: PIN_MISMATCH_CODE }),
  };
}

/**
 * TLS options for the endpoint's next connection (imapflow's and nodemailer's `tls` option), or
 * undefined when no certificate is pinned. Throws a MailError naming the presented fingerprint when
 * the server shows another certificate; connection failures are thrown as the socket gave them.
 */
export async function pinnedTlsOptions(protocol: 'IMAP' | 'SMTP', account: string, endpoint: MailEndpoint, timeoutMs: number): Promise<ConnectionOptions | undefined> {
  const pin = endpoint.fingerprint;
  if (pin === undefined) return undefined;
  const presented = await fetchPresentedCertificate(protocol, endpoint, timeoutMs);
  if (!sameFingerprint(presented.fingerprint, pin)) throw pinMismatchError(account, protocol, endpoint, presented.fingerprint);
  return trustOnly(presented.pem, pin);
}
