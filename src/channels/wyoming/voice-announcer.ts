/**
 * Where the outcome of a voice request goes once the speaker has stopped waiting for its approval:
 * to the phones that got the approval (`approval_notify`), else to Home Assistant's notification list.
 */

/** The HA call the announcer makes (HaConnection implements it). */
export interface AnnouncerHa {
  callService(domain: string, service: string, data?: Record<string, unknown>): Promise<unknown>;
}

/** Builds `announce(message, title)` for the Wyoming server; `phones` are notify service names (`mobile_app_pixel_7`). */
export function createVoiceAnnouncer(ha: AnnouncerHa, phones: readonly string[]): (message: string, title: string) => Promise<void> {
  return async (message, title) => {
    if (phones.length === 0) {
      await ha.callService('persistent_notification', 'create', { message, title });
      return;
    }
    const sent = await Promise.allSettled(phones.map((service) => ha.callService('notify', service, { message, title })));
    const failed = sent.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed && sent.every((r) => r.status === 'rejected')) throw failed.reason;
  };
}
