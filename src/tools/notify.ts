/**
 * The notify capability: `notify_user` {message, title?} reaches the household's phones through
 * every `notify.mobile_app_*` service HA offers (the companion app), or HA's own notification list
 * (`persistent_notification.create`) when there is no phone.
 */
import { z } from 'zod';
import type { CallServiceResult } from '../ha/ha-connection.js';
import type { HassServices } from 'home-assistant-js-websocket';
import { HaError } from '../errors.js';
import { HA_UNAVAILABLE_MESSAGE } from '../ha/ha-errors.js';
import { t } from '../messages/messages.js';
import { errorResult, okResult, type AnyTool, type Tool } from './tool.js';

/** What the notify tool needs from the HA connection. */
export interface NotifyToolDeps {
  ha: {
    getServices(fresh?: boolean): Promise<HassServices>;
    callService(domain: string, service: string, data?: Record<string, unknown>): Promise<CallServiceResult>;
  };
}

const input = z.object({
  message: z.string().trim().min(1).max(2000).describe('What to tell the user; short, like a phone notification.'),
  title: z.string().trim().min(1).max(100).optional().describe('Optional notification title.'),
});

/** `notify_user` input. */
export type NotifyInput = z.infer<typeof input>;

/** The companion-app notify services (`mobile_app_<device>`), sorted. */
export function phoneServices(services: HassServices): string[] {
  return Object.keys(services['notify'] ?? {})
    .filter((name) => name.startsWith('mobile_app_'))
    .sort();
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Builds `notify_user`. */
export function createNotifyUserTool({ ha }: NotifyToolDeps): Tool<NotifyInput> {
  return {
    name: 'notify_user',
    description: "Send a notification to the household's phones (Home Assistant companion app), or to Home Assistant's notification list when there is no phone.",
    input,
    effect: 'write',
    async execute({ message, title }, ctx) {
      const { language } = ctx;
      const data = { message, ...(title !== undefined && { title }) };
      let phones: string[];
      try {
        phones = phoneServices(await ha.getServices());
      } catch (err) {
        return err instanceof HaError && err.code === 'ha_unavailable'
          ? errorResult(HA_UNAVAILABLE_MESSAGE, t(language, 'home.unavailable'))
          : errorResult(reason(err), t(language, 'notify.not_sent_because', { reason: reason(err) }));
      }
      if (phones.length === 0) {
        try {
          await ha.callService('persistent_notification', 'create', data);
          return okResult({ sent_to: ['persistent_notification'] }, t(language, 'notify.shown_in_ha'));
        } catch (err) {
          return errorResult(reason(err), t(language, 'notify.not_sent_because', { reason: reason(err) }));
        }
      }
      const outcomes = await Promise.allSettled(phones.map((phone) => ha.callService('notify', phone, data)));
      const sent = phones.filter((_, i) => outcomes[i]?.status === 'fulfilled').map((phone) => `notify.${phone}`);
      const failed = phones.flatMap((phone, i) => {
        const outcome = outcomes[i];
        return outcome?.status === 'rejected' ? [{ service: `notify.${phone}`, error: reason(outcome.reason) }] : [];
      });
      if (sent.length === 0) return errorResult(`No phone could be notified: ${failed.map((f) => `${f.service}: ${f.error}`).join('; ')}`, t(language, 'notify.not_sent'));
      const phonesSent = t(language, sent.length > 1 ? 'notify.sent_phones' : 'notify.sent_phone', { count: sent.length });
      const summary = failed.length > 0 ? t(language, 'notify.some_failed', { sent: phonesSent, count: failed.length }) : phonesSent;
      return okResult(failed.length > 0 ? { sent_to: sent, failed } : { sent_to: sent }, summary);
    },
  };
}

/** The notify capability's tools. */
export function createNotifyTools(deps: NotifyToolDeps): AnyTool[] {
  return [createNotifyUserTool(deps)];
}
