/** What the voice channel says itself (not the model), in the languages the agent has prompts for. */
import { t } from '../../messages/messages.js';

/** The voice channel's sentences in one language (from the server's message table, src/messages). */
export interface VoiceMessages {
  done: string;
  failed: string;
  notUnderstood: string;
  busy: string;
  /** Said when the approval went to the `approval_notify` phones and is still pending. */
  approvalOnPhone: string;
  /** Said when no phone gets approvals: only the panel can decide. */
  approvalInPanel: string;
  /** Title of the notification that tells how a voice request answered early ended. */
  outcomeTitle: string;
  /** Joins the last two items of a spoken list. */
  and: string;
  /** "…, and 4 more" after a cut list. */
  more(count: number): string;
}

/** The messages for a language tag (`fr-CA` → French); English otherwise. Worded by the server's message table. */
export function voiceMessages(language: string | undefined): VoiceMessages {
  return {
    done: t(language, 'voice.done'),
    failed: t(language, 'voice.failed'),
    notUnderstood: t(language, 'voice.not_understood'),
    busy: t(language, 'voice.busy'),
    approvalOnPhone: t(language, 'voice.approval_on_phone'),
    approvalInPanel: t(language, 'voice.approval_in_panel'),
    outcomeTitle: t(language, 'voice.outcome_title'),
    and: t(language, 'words.and_word'),
    more: (count) => t(language, 'words.and_more', { count }),
  };
}
