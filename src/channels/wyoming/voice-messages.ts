/** What the voice channel says itself (not the model), in the languages the agent has prompts for. */
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

const MESSAGES: Record<'en' | 'fr', VoiceMessages> = {
  en: {
    done: 'Done.',
    failed: 'Sorry, something went wrong.',
    notUnderstood: "Sorry, I didn't catch that.",
    busy: 'I am handling too many requests; please try again in a moment.',
    approvalOnPhone: "That needs your approval: I'm waiting for it on your phone.",
    approvalInPanel: "That needs your approval first: approve it in Majordome, in Home Assistant's sidebar.",
    outcomeTitle: 'Majordome: your voice request',
    and: 'and',
    more: (count) => `and ${count} more`,
  },
  fr: {
    done: "C'est fait.",
    failed: "Désolé, quelque chose s'est mal passé.",
    notUnderstood: "Désolé, je n'ai pas compris.",
    busy: 'Je traite trop de demandes ; réessayez dans un instant.',
    approvalOnPhone: "Cela demande votre approbation : je l'attends sur votre téléphone.",
    approvalInPanel: "Cela demande d'abord votre approbation : accordez-la dans Majordome, dans la barre latérale de Home Assistant.",
    outcomeTitle: 'Majordome : votre demande vocale',
    and: 'et',
    more: (count) => `et ${count} autres`,
  },
};

/** The messages for a language tag (`fr-CA` → French); English otherwise. */
export function voiceMessages(language: string | undefined): VoiceMessages {
  return (language ?? '').toLowerCase().startsWith('fr') ? MESSAGES.fr : MESSAGES.en;
}
