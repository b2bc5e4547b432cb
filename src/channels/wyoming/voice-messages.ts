/** What the voice channel says itself (not the model), in the languages the agent has prompts for. */
export interface VoiceMessages {
  done: string;
  failed: string;
  notUnderstood: string;
  busy: string;
  approvalPending: string;
  /** Joins the last two items of a spoken list. */
  and: string;
  /** "…, and 4 more" after a cut list. */
  more(count: number): string;
}

const MESSAGES: Record<'en' | 'fr', VoiceMessages> = {
  en: {
    done: 'Done.',
    failed: 'Sorry, something went wrong.',
    notUnderstood: "Sorry, I didn't catch that.",
    busy: 'I am handling too many requests; please try again in a moment.',
    approvalPending: 'That needs an approval first: open Majordome to approve it.',
    and: 'and',
    more: (count) => `and ${count} more`,
  },
  fr: {
    done: "C'est fait.",
    failed: "Désolé, quelque chose s'est mal passé.",
    notUnderstood: "Désolé, je n'ai pas compris.",
    busy: 'Je traite trop de demandes ; réessayez dans un instant.',
    approvalPending: "Cela demande d'abord une approbation : ouvrez Majordome pour l'accorder.",
    and: 'et',
    more: (count) => `et ${count} autres`,
  },
};

/** The messages for a language tag (`fr-CA` → French); English otherwise. */
export function voiceMessages(language: string | undefined): VoiceMessages {
  return (language ?? '').toLowerCase().startsWith('fr') ? MESSAGES.fr : MESSAGES.en;
}
