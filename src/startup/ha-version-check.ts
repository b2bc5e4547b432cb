/**
 * Part of the composition root (main.ts): warns in the log when the connected Home Assistant is
 * too old for the voice agent (its Wyoming integration would refuse Majordome with `no_services`).
 * The status page says the same through `ha.voice_needs_ha`.
 */
import type { EventSource } from '../events/bus.js';
import type { HaEvents } from '../ha/ha-connection.js';
import { isHaVersionAtLeast, VOICE_MIN_HA_VERSION } from '../ha/ha-version.js';
import type { Logger } from '../logger.js';

/** The part of HaConnection the check reads. */
export interface HaVersionSource {
  status(): { connected: boolean; haVersion?: string };
}

/** Checks now and on every (re)connection, warning once per HA version; returns the unsubscribe. */
export function watchVoiceHaVersion(ha: HaVersionSource, events: EventSource<HaEvents>, logger: Pick<Logger, 'warn'>): () => void {
  let warned: string | undefined;
  const check = (status: { connected: boolean; haVersion?: string }): void => {
    const version = status.haVersion;
    if (!status.connected || version === undefined || version === warned) return;
    if (isHaVersionAtLeast(version, VOICE_MIN_HA_VERSION) !== false) return;
    warned = version;
    logger.warn(
      { haVersion: version, minimum: VOICE_MIN_HA_VERSION },
      `Voice (Assist) needs Home Assistant ${VOICE_MIN_HA_VERSION} or newer; this is ${version}. Its Wyoming integration will not accept Majordome's voice agent until HA is updated.`,
    );
  };
  const stop = events.on('ha.status', check);
  check(ha.status());
  return stop;
}
