/**
 * When the authoring tools are offered: their ten schemas (~4 KB) would ride along with every
 * request, and a plain command ("turn on the kitchen light") never uses them. The person brings
 * them in by naming automations or scripts (English and French words).
 */
import type { ToolOffer } from '../tool.js';

/** The authoring tools' offer: the person's words about HA's automation and script editors. */
export const AUTHORING_OFFER: ToolOffer = {
  topic: 'authoring',
  words: [
    'automation',
    'automations',
    'automate',
    'automatisation',
    'automatisations',
    'automatiser',
    'automatise',
    'automatisez',
    'script',
    'scripts',
    'routine',
    'routines',
  ],
};
