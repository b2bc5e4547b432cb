/**
 * Egress: a web address can carry data out in its path or query string
 * (`https://attacker.test/?d=<the home's states>`). Once a conversation has read the home's data
 * (states, history, names, areas, a service's response), or has read someone else's text (taint),
 * opening an address on a host the conversation has not seen asks a person first.
 *
 * A host is seen when the user wrote it in one of their own messages of the conversation, when the
 * conversation already opened it (allowed or approved), or when a user rule allows it by name.
 * The decision is pure (`applyEgressGuard`); egress-tracker.ts remembers what each conversation
 * read and saw.
 */
import { wordIn, type Wording } from '../../messages/wording.js';

/** What the egress guard knows about one conversation. */
export interface Egress {
  /** Set once the conversation has read the home's data: the tool that read it first. */
  homeData?: string;
  /** Hosts the conversation has seen (see normalizeHost). */
  knownHosts: readonly string[];
}

/** The parts of a verdict the guard looks at (structurally policy.ts's PolicyDecision). */
interface Verdict {
  effect: 'allow' | 'ask' | 'deny';
  reason: string;
  reasonWords?: Wording;
  rule?: string;
}

/** The call as the guard sees it: the host it opens (the `host` fact), and whether a user rule allows that host by name. */
export interface EgressCall {
  host?: string | undefined;
  allowedByName: boolean;
}

/** A host as it is compared: lower case, without a trailing dot or a leading `www.`. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/gi;
/** A bare name such as example.org or shop.example.co.uk (not an e-mail address, not an entity id). */
const BARE_HOST = /(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9](?![\w@-])/gi;
const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g;

/** The hosts a person's message names, as links or as bare names ("open example.org"). */
export function hostsIn(text: string): string[] {
  const hosts = new Set<string>();
  for (const [url] of text.matchAll(URL_IN_TEXT)) {
    if (URL.canParse(url)) hosts.add(normalizeHost(new URL(url).hostname));
  }
  for (const [name] of [...text.matchAll(BARE_HOST), ...text.matchAll(IPV4)]) hosts.add(normalizeHost(name));
  if (/\blocalhost\b/i.test(text)) hosts.add('localhost');
  return [...hosts];
}

/** Whether the conversation has seen this host. */
export function isKnownHost(host: string, egress: Egress): boolean {
  const wanted = normalizeHost(host);
  return egress.knownHosts.some((known) => normalizeHost(known) === wanted);
}

/** Why a new address asks, before it is put in a language. */
function egressWords(readHomeData: boolean): Wording {
  return { key: readHomeData ? 'policy.egress_home_data' : 'policy.egress_tainted' };
}

/** The sentence an approval shows for a new address. */
export function egressReason(readHomeData: boolean, language?: string): string {
  return wordIn(language, egressWords(readHomeData));
}

/**
 * The verdict once egress is considered: an allowed call that opens a host the conversation has not
 * seen asks, when the conversation has read the home's data or is tainted. Questions and refusals
 * are left as they are (taint adds its own reason after this).
 */
export function applyEgressGuard<V extends Verdict>(verdict: V, call: EgressCall, egress: Egress | undefined, tainted: boolean, language?: string): V | Verdict {
  if (verdict.effect !== 'allow' || call.host === undefined || call.allowedByName) return verdict;
  const readHomeData = egress?.homeData !== undefined;
  if (!readHomeData && !tainted) return verdict;
  if (egress && isKnownHost(call.host, egress)) return verdict;
  return { effect: 'ask', reason: egressReason(readHomeData, language), reasonWords: egressWords(readHomeData), rule: 'egress' };
}
