/**
 * Re-reads HA's Assist exposure on demand. HA fires `entity_registry_updated` when a registry
 * entity's exposure changes, but nothing at all for an entity without a registry entry (YAML, no
 * unique_id: its setting lives in HA's exposed-entities store), nor when "expose new entities" is
 * switched. So the exposure is read again when someone is about to use it and the copy is older
 * than they accept: never while nobody asks, at most once per max age while they do, and always
 * right before a write. Reads are numbered so an older answer never replaces a newer one.
 */
import { assistDecisions } from './exposure.js';
import type { HaExposeList } from './ha-types.js';
import type { SendCommand } from './registries.js';

/** HA's exposure settings for Assist. */
export interface ExposureSnapshot {
  exposeList: HaExposeList;
  exposeNew: boolean;
}

/** One read of the exposure: its number and when it was sent. */
export interface ExposureTicket {
  seq: number;
  sentAt: number;
}

/** Reads Assist's "expose new entities" switch; throws when HA refuses or goes away. */
async function fetchExposeNew(send: SendCommand): Promise<boolean> {
  return (await send<{ expose_new: boolean }>({ type: 'homeassistant/expose_new_entities/get', assistant: 'conversation' })).expose_new;
}

/** Reads both exposure settings; throws when HA refuses or goes away. */
export async function fetchExposure(send: SendCommand): Promise<ExposureSnapshot> {
  const [exposeList, exposeNew] = await Promise.all([send<HaExposeList>({ type: 'homeassistant/expose_entity/list' }), fetchExposeNew(send)]);
  return { exposeList: assistDecisions(exposeList), exposeNew };
}

/** Keeps the index's copy of the exposure as fresh as its readers ask. */
export class ExposureReader {
  private sent = 0;
  private appliedSeq = 0;
  private appliedAt = Number.NEGATIVE_INFINITY;
  private inFlight: { ticket: ExposureTicket; done: Promise<boolean> } | undefined;

  private switchSent = 0;
  private switchApplied = 0;

  constructor(
    private readonly send: SendCommand,
    private readonly apply: (snapshot: ExposureSnapshot) => void,
    private readonly applySwitch: (exposeNew: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Reads only the "expose new entities" switch (a few bytes, where the list holds every entity):
   * enough before a write on registry entities, whose own changes arrive as events. False when HA
   * did not answer.
   */
  async freshSwitch(): Promise<boolean> {
    const seq = ++this.switchSent;
    try {
      const exposeNew = await fetchExposeNew(this.send);
      if (seq > this.switchApplied) {
        this.switchApplied = seq;
        this.applySwitch(exposeNew);
      }
      return true;
    } catch {
      return false;
    }
  }

  /** Numbers a read starting now (the registry refresh reads the exposure too). */
  begin(): ExposureTicket {
    return { seq: ++this.sent, sentAt: this.now() };
  }

  /** Whether the answer of this read is the newest yet; if so it counts as the current copy. */
  accept(ticket: ExposureTicket): boolean {
    if (ticket.seq < this.appliedSeq) return false;
    this.appliedSeq = ticket.seq;
    this.appliedAt = ticket.sentAt;
    return true;
  }

  /**
   * Resolves once the copy comes from a read sent less than `maxAgeMs` ago (0: a read sent after
   * this call); false when HA did not answer, the copy then staying as it was.
   */
  fresh(maxAgeMs: number): Promise<boolean> {
    const now = this.now();
    if (now - this.appliedAt < maxAgeMs) return Promise.resolve(true);
    if (this.inFlight && now - this.inFlight.ticket.sentAt < maxAgeMs) return this.inFlight.done;
    const ticket = this.begin();
    const done = this.read(ticket);
    this.inFlight = { ticket, done };
    return done;
  }

  private async read(ticket: ExposureTicket): Promise<boolean> {
    try {
      const snapshot = await fetchExposure(this.send);
      if (this.accept(ticket)) this.apply(snapshot);
      return true;
    } catch {
      return false;
    } finally {
      if (this.inFlight?.ticket === ticket) this.inFlight = undefined;
    }
  }
}
