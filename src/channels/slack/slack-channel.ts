/**
 * Slack: a Bolt app in Socket Mode (bot token + app token; Slack is reached from here, no public
 * URL). Direct messages and mentions in allowed channels from allowed members reach the agent and
 * are answered in a thread (one thread, one conversation). Approval buttons decide as the HA user
 * the Slack member is mapped to.
 */
import { App, SocketModeReceiver } from '@slack/bolt';
import { MajordomeError, messageFor } from '../../errors.js';
import { ButtonNonces, judgePress } from '../messenger/approval-buttons.js';
import { identityOf } from '../messenger/user-map.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { APPROVE_ACTION, DENY_ACTION } from './slack-blocks.js';
import { t } from '../../messages/messages.js';
import { runSlackTurn, slackFailed } from './slack-turn.js';

/** A message as far as deciding whether to answer it goes. */
export interface IncomingSlackMessage {
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
}

/** Whether to answer: people only, allowed members, and in a channel only when allowed there. */
export function shouldAnswer(message: IncomingSlackMessage, allowedUsers: readonly string[], allowedChannels: readonly string[], direct: boolean): boolean {
  if (message.subtype !== undefined || message.bot_id !== undefined || !message.user || !message.text) return false;
  if (!allowedUsers.includes(message.user)) return false;
  return direct || allowedChannels.includes(message.channel);
}

/** The text without the bot's own mention (`<@U123> turn on the light`). */
export function withoutMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+>/g, '').trim();
}

/** The Slack channel; `start()` connects in the background, `stop()` disconnects and cancels running turns. */
export class SlackChannel {
  readonly #deps: SlackDeps;
  readonly #app: App;
  readonly #nonces = new ButtonNonces();
  readonly #running = new Set<Promise<void>>();
  #abort = new AbortController();

  constructor(deps: SlackDeps) {
    this.#deps = deps;
    const logger = boltLogger(deps.logger);
    const clientOptions = deps.apiUrl ? { slackApiUrl: deps.apiUrl } : {};
    const receiver = new SocketModeReceiver({
      appToken: deps.appToken,
      logger,
      ...(deps.pingTimeoutMs !== undefined && { clientPingTimeout: deps.pingTimeoutMs }),
      installerOptions: { clientOptions },
    });
    this.#app = new App({ token: deps.botToken, receiver, clientOptions, logger });
    this.#app.event('app_mention', async ({ event }) => {
      this.#onMessage({ ...event, channel: event.channel }, false);
    });
    this.#app.message(async ({ message }) => {
      const m = message as IncomingSlackMessage;
      if (m.channel_type === 'im') this.#onMessage(m, true);
    });
    this.#app.action({ action_id: new RegExp(`^(${APPROVE_ACTION}|${DENY_ACTION})$`) }, async ({ ack, body, action }) => {
      await ack();
      const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const channel = 'channel' in body && body.channel ? body.channel.id : undefined;
      this.#track(this.#onButton(value, body.user.id, channel));
    });
    this.#app.error(async (err) => {
      deps.logger.warn({ err: err.message }, 'Slack event failed');
    });
  }

  /** Connects (Socket Mode retries on its own); a failure is logged, never thrown. */
  start(): void {
    this.#abort = new AbortController();
    this.#app.start().then(
      () => this.#deps.logger.info('Slack connected (Socket Mode)'),
      (err: unknown) => this.#deps.logger.error({ err: err instanceof Error ? err.message : 'unknown error' }, 'Slack cannot connect; check slack_bot_token and slack_app_token'),
    );
  }

  async stop(): Promise<void> {
    this.#abort.abort(new MajordomeError('cancelled', 'Majordome is stopping.'));
    await this.#app.stop().catch(() => undefined);
    await Promise.allSettled([...this.#running]);
    this.#nonces.clear();
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => this.#deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'Slack event failed'));
    this.#running.add(tracked);
    void tracked.finally(() => this.#running.delete(tracked));
  }

  /** Turns run detached: their approval arrives as a later event. */
  #onMessage(message: IncomingSlackMessage, direct: boolean): void {
    const deps = this.#deps;
    if (!shouldAnswer(message, deps.allowedUsers, deps.allowedChannels, direct)) return;
    const signal = this.#abort.signal;
    this.#track(
      (async () => {
        const user = await identityOf({ channel: 'slack', externalId: message.user! }, deps.users, deps.lookup);
        await runSlackTurn(
          {
            client: this.#app.client,
            agent: deps.agent,
            links: deps.links,
            nonces: this.#nonces,
            logger: deps.logger,
            editIntervalMs: deps.editIntervalMs ?? 1000,
            ...(deps.language !== undefined && { language: deps.language }),
          },
          { channel: message.channel, threadTs: message.thread_ts ?? message.ts, text: withoutMentions(message.text!), user },
          signal,
        );
      })(),
    );
  }

  async #onButton(value: string, slackUser: string, channel: string | undefined): Promise<void> {
    const tell = async (text: string) => {
      if (channel) await this.#app.client.chat.postEphemeral({ channel, user: slackUser, text });
    };
    const verdict = judgePress(value, this.#nonces, (id) => this.#deps.approvals.closedAnswer(id, this.#deps.language), t(this.#deps.language, 'messenger.stale_button'));
    if ('answer' in verdict) return tell(verdict.answer);
    const press = verdict.decide;
    const user = await identityOf({ channel: 'slack', externalId: slackUser }, this.#deps.users, this.#deps.lookup);
    try {
      await this.#deps.approvals.decide(press.approvalId, press.decision, user, 'slack', this.#deps.language);
    } catch (err) {
      await tell(err instanceof MajordomeError ? messageFor(err, this.#deps.language) : slackFailed(this.#deps.language));
    }
  }
}
