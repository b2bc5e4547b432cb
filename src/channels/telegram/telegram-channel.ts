/**
 * Telegram: a grammy Bot API client, long polling (no public URL). Only allowed chats (the option
 * or a pairing an admin confirmed) reach the agent; a stranger's chat gets one pairing code and
 * nothing else. Button presses decide approvals as the HA user the Telegram user is mapped to.
 */
import { Api } from 'grammy';
import type { CallbackQuery, Message, Update } from 'grammy/types';
import { MajordomeError, messageFor } from '../../errors.js';
import { ButtonNonces, judgePress } from '../messenger/approval-buttons.js';
import { newPairingCode } from '../messenger/pairing-code.js';
import { identityOf, type ChatPerson } from '../messenger/user-map.js';
import type { TelegramDeps } from './deps.js';
import { grammySignal, pollUpdates } from './telegram-poller.js';
import { telegramText } from './telegram-text.js';
import { runTelegramTurn } from './telegram-turn.js';

function personOf(from: { id: number; first_name: string; last_name?: string; username?: string }): ChatPerson {
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username;
  return { channel: 'telegram', externalId: String(from.id), ...(name && { name }) };
}

/** The Telegram channel; `start()` begins polling, `stop()` ends it and cancels running turns. */
export class TelegramChannel {
  readonly #deps: TelegramDeps;
  readonly #api: Api;
  readonly #nonces = new ButtonNonces();
  readonly #words: ReturnType<typeof telegramText>;
  readonly #running = new Set<Promise<void>>();
  #abort = new AbortController();
  #poll: Promise<void> | undefined;

  constructor(deps: TelegramDeps) {
    this.#deps = deps;
    this.#words = telegramText(deps.language);
    this.#api = new Api(deps.token, deps.apiRoot ? { apiRoot: deps.apiRoot } : undefined);
  }

  /** Checks the token (a failure is logged; polling keeps retrying) and starts polling. */
  start(): void {
    this.#abort = new AbortController();
    const { logger } = this.#deps;
    // Not awaited: an unreachable Telegram must not hold up Majordome's start (polling retries).
    void this.#api.getMe(grammySignal(this.#abort.signal)).then(
      (me) => logger.info({ bot: me.username }, 'Telegram bot connected'),
      (err: unknown) => logger.error({ err: err instanceof Error ? err.message : 'unknown error' }, 'Telegram bot cannot sign in; check telegram_bot_token'),
    );
    const signal = this.#abort.signal;
    this.#poll = pollUpdates(
      {
        api: this.#api,
        timeoutS: this.#deps.pollTimeoutS ?? 30,
        retryMs: this.#deps.retryMs ?? 2000,
        logger,
        onUpdate: (update) => this.#track(this.#onUpdate(update, signal)),
      },
      signal,
    );
  }

  async stop(): Promise<void> {
    this.#abort.abort(new MajordomeError('cancelled', 'Majordome is stopping.'));
    await this.#poll;
    await Promise.allSettled([...this.#running]);
    this.#nonces.clear();
  }

  /** Tells a chat an admin just let it in. */
  async announcePaired(chatId: string): Promise<void> {
    await this.#api.sendMessage(Number(chatId), this.#words.paired).catch((err: unknown) =>
      this.#deps.logger.warn({ err: err instanceof Error ? err.message : 'unknown error' }, 'could not tell the Telegram chat it is paired'),
    );
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => this.#deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'Telegram update failed'));
    this.#running.add(tracked);
    void tracked.finally(() => this.#running.delete(tracked));
  }

  #isAllowed(chatId: string): boolean {
    return this.#deps.allowedChats.includes(chatId) || this.#deps.links.isPaired('telegram', chatId);
  }

  async #onUpdate(update: Update, signal: AbortSignal): Promise<void> {
    if (update.message) await this.#onMessage(update.message, signal);
    else if (update.callback_query) await this.#onButton(update.callback_query);
  }

  async #onMessage(message: Message, signal: AbortSignal): Promise<void> {
    if (!message.from || message.from.is_bot || typeof message.text !== 'string') return;
    const chatId = String(message.chat.id);
    const person = personOf(message.from);
    if (!this.#isAllowed(chatId)) return this.#offerPairing(chatId, person);
    const deps = this.#deps;
    const user = await identityOf(person, deps.users, deps.lookup);
    await runTelegramTurn(
      {
        api: this.#api,
        agent: deps.agent,
        links: deps.links,
        nonces: this.#nonces,
        logger: deps.logger,
        editIntervalMs: deps.editIntervalMs ?? 1000,
        ...(deps.photoOf && { photoOf: deps.photoOf }),
        ...(deps.language !== undefined && { language: deps.language }),
      },
      { chatId: message.chat.id, messageId: message.message_id, text: message.text, user },
      signal,
    );
  }

  /** The code goes out once per chat; later messages from the chat get no answer at all. */
  async #offerPairing(chatId: string, person: ChatPerson): Promise<void> {
    const label = `${person.name ?? 'Telegram user'} (Telegram ${person.externalId})`;
    const pairing = this.#deps.links.request('telegram', chatId, label, newPairingCode());
    if (!pairing) return;
    this.#deps.logger.info({ chat: chatId }, 'Telegram chat asked to pair');
    await this.#api.sendMessage(Number(chatId), this.#words.pairing(pairing.code));
  }

  async #onButton(query: CallbackQuery): Promise<void> {
    const verdict = judgePress(query.data ?? '', this.#nonces, (id) => this.#deps.approvals.closedAnswer(id, this.#deps.language), this.#words.staleButton);
    if ('answer' in verdict) {
      await this.#api.answerCallbackQuery(query.id, { text: verdict.answer });
      return;
    }
    const press = verdict.decide;
    const user = await identityOf(personOf(query.from), this.#deps.users, this.#deps.lookup);
    try {
      await this.#deps.approvals.decide(press.approvalId, press.decision, user, 'telegram', this.#deps.language);
      await this.#api.answerCallbackQuery(query.id, { text: press.decision === 'approve' ? this.#words.approved : this.#words.denied });
    } catch (err) {
      // policy_denied (not an approver, already decided) is written for people.
      const text = err instanceof MajordomeError ? messageFor(err, this.#deps.language) : this.#words.failed;
      await this.#api.answerCallbackQuery(query.id, { text, show_alert: true });
    }
  }
}
