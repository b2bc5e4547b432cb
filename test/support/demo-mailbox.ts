/**
 * The demo's mailbox: a few household mails (the energy bill, a neighbour, the school closing for
 * a day, a parcel on its way) in a real dovecot, and a real SMTP server that keeps what is sent,
 * for one account "home". Dates follow the clock, so "tomorrow" in a mail is always ahead.
 */
import type { MailAccountOptions } from '../../src/config/options.js';
import { startDovecot, type Dovecot } from './dovecot.js';
import { startSmtpCapture, type SmtpCapture } from './smtp.js';

/** One mail of the demo mailbox: its raw text and what the demo's tests check against. */
export interface DemoMail {
  /** The From header as a person reads it ("Parcelway <notifications@parcelway.example>"). */
  from: string;
  /** The sender's name alone, as the demo model names who wrote. */
  senderName: string;
  subject: string;
  unread: boolean;
  date: Date;
  /** The RFC 5322 message, CRLF line ends. */
  raw: string;
}

/** The address of the demo's person, Alice, and her account's name. */
export const DEMO_MAIL_ADDRESS = 'Alice <alice@home.example>';
const ACCOUNT_NAME = 'home';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "=?UTF-8?B?…?=": a header with accents, encoded the way mail programs send it. */
function encodedWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** A display name as a header carries it: encoded when it has accents, quoted when it has specials. */
function displayName(name: string): string {
  if (!/^[\x20-\x7e]*$/.test(name)) return encodedWord(name);
  return /[(),.:;<>@[\]"\\]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}

/** "Sat, 06 Dec 2025 09:12:00 +0000". */
function headerDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

interface Draft {
  fromName: string;
  fromAddress: string;
  to?: string;
  subject: string;
  unread: boolean;
  ago: number;
  /** Extra headers a sender of this kind adds (List-Unsubscribe, Reply-To, …). */
  headers?: string[];
  text: string;
  html?: string;
}

function build(draft: Draft, now: Date, index: number): DemoMail {
  const date = new Date(now.getTime() - draft.ago);
  const domain = draft.fromAddress.split('@')[1] ?? 'mail.example';
  const from = `${draft.fromName} <${draft.fromAddress}>`;
  const headers = [
    `Return-Path: <${draft.fromAddress}>`,
    `From: ${displayName(draft.fromName)} <${draft.fromAddress}>`,
    `To: ${draft.to ?? DEMO_MAIL_ADDRESS}`,
    `Subject: ${encodedWord(draft.subject)}`,
    `Date: ${headerDate(date)}`,
    `Message-ID: <${date.getTime().toString(36)}.${index}@${domain}>`,
    ...(draft.headers ?? []),
    'MIME-Version: 1.0',
  ];
  const text = draft.text.replace(/\n/g, '\r\n');
  const body = draft.html
    ? [
        'Content-Type: multipart/alternative; boundary="demo-alt"',
        '',
        '--demo-alt',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        text,
        '--demo-alt',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        draft.html,
        '--demo-alt--',
        '',
      ]
    : ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text, ''];
  return { from, senderName: draft.fromName, subject: draft.subject, unread: draft.unread, date, raw: [...headers, ...body].join('\r\n') };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The demo's mails, oldest first (so the newest gets the highest UID, as in a real INBOX). */
export function demoMails(now = new Date()): DemoMail[] {
  const lastMonth = MONTHS[(now.getUTCMonth() + 11) % 12] ?? 'last month';
  const drafts: Draft[] = [
    {
      fromName: 'Clairvolt Energy',
      fromAddress: 'billing@clairvolt-energy.example',
      subject: `Your ${lastMonth} bill is ready: €84.62`,
      unread: false,
      ago: 3 * 24 * HOUR + 5 * HOUR,
      headers: ['Reply-To: Clairvolt Customer Service <help@clairvolt-energy.example>', 'List-Unsubscribe: <https://clairvolt-energy.example/unsubscribe?c=58213>'],
      text: `Hello Alice,\n\nYour electricity bill for ${lastMonth} is ready: €84.62 for 412 kWh (contract 58213). It will be paid by direct debit on the 15th; there is nothing to do.\n\nSee the details in your customer area: https://clairvolt-energy.example/account\n\nClairvolt Energy customer service`,
      html: `<html><body><p>Hello Alice,</p><p>Your electricity bill for ${lastMonth} is ready: <b>€84.62</b> for 412 kWh (contract 58213). It will be paid by direct debit on the 15th; there is nothing to do.</p><p><a href="https://clairvolt-energy.example/account">See the details in your customer area</a></p><p>Clairvolt Energy customer service</p></body></html>`,
    },
    {
      fromName: 'Tom Whitaker',
      fromAddress: 'tom.whitaker@mailbox.example',
      subject: 'Your ladder',
      unread: false,
      ago: 26 * HOUR,
      text: "Hi Alice,\n\nThanks again for lending me the ladder, the gutters are clean at last. I'll bring it back on Sunday morning, if that suits you.\n\nTom",
    },
    {
      fromName: 'École Les Tilleuls',
      fromAddress: 'secretariat@ecole-les-tilleuls.example',
      to: `${displayName("Parents d'élèves du CE2")} <parents-ce2@ecole-les-tilleuls.example>`,
      subject: "Journée pédagogique : pas d'école vendredi",
      unread: true,
      ago: 5 * HOUR,
      text: "Bonjour,\n\nEn raison d'une journée pédagogique, l'école sera fermée ce vendredi : il n'y aura ni classe ni cantine. La garderie municipale accueillera les enfants de 7 h 30 à 18 h 30, sur inscription avant mercredi.\n\nBonne semaine,\nLe secrétariat de l'école Les Tilleuls",
    },
    {
      fromName: 'Parcelway',
      fromAddress: 'notifications@parcelway.example',
      subject: 'Your parcel arrives tomorrow between 10:00 and 12:00',
      unread: true,
      ago: 40 * MINUTE,
      headers: ['Auto-Submitted: auto-generated'],
      text: 'Hello Alice,\n\nGood news: your parcel from Maison & Jardin (tracking number PW 4821 0937 5562) is out for delivery tomorrow between 10:00 and 12:00. If nobody is home, the driver will leave it at the Relay Point, 12 Station Road.\n\nTrack or change your delivery: https://parcelway.example/t/PW482109375562\n\nParcelway',
    },
  ];
  return drafts.map((draft, index) => build(draft, now, index));
}

/** The demo's mail servers and the account that reaches them. */
export interface DemoMailbox {
  /** The `mail_accounts` entry for the demo's options (plain IMAP and SMTP on loopback). */
  account: MailAccountOptions;
  /** The mails seeded in INBOX, oldest first. */
  mails: DemoMail[];
  dovecot: Dovecot;
  /** Keeps every mail sent through the account: nothing is delivered. */
  smtp: SmtpCapture;
  stop(): Promise<void>;
}

/** Starts dovecot with the demo's INBOX and an SMTP server for the same login; fails when dovecot cannot run. */
export async function startDemoMailbox(now = new Date()): Promise<DemoMailbox> {
  const dovecot = await startDovecot({ user: 'alice', sentFolder: 'Sent' });
  let smtp: SmtpCapture | undefined;
  try {
    const mails = demoMails(now);
    await dovecot.seed(mails.map((mail) => ({ raw: mail.raw, date: mail.date, ...(!mail.unread && { flags: ['\\Seen'] }) })));
    smtp = await startSmtpCapture({ user: dovecot.user, password: dovecot.password });
    const account: MailAccountOptions = {
      name: ACCOUNT_NAME,
      imap_host: dovecot.host,
      imap_port: dovecot.port,
      imap_tls: 'none',
      smtp_host: smtp.host,
      smtp_port: smtp.port,
      smtp_tls: 'none',
      username: dovecot.user,
      password: dovecot.password,
      from: DEMO_MAIL_ADDRESS,
    };
    const servers = { dovecot, smtp };
    return {
      account,
      mails,
      ...servers,
      async stop() {
        await servers.smtp.stop();
        await servers.dovecot.stop();
      },
    };
  } catch (err) {
    await smtp?.stop();
    await dovecot.stop();
    throw err;
  }
}
