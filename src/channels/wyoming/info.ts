/**
 * The `info` answer to `describe`. HA's wyoming integration makes a conversation agent
 * (`conversation.majordome`) from the first installed `handle` program, offers it to pipelines of
 * the languages its installed models list, and marks it able to control the home when
 * `supports_home_control` is set. No `satellite` entry: we are a service, not a satellite.
 */

const ATTRIBUTION = { name: 'Majordome', url: 'https://github.com/majordome-ha/majordome' } as const;
const DESCRIPTION = 'A careful AI agent for your home';

/**
 * Languages offered to Assist pipelines: those HA's Assist supports and Claude answers well. HA
 * treats an empty list as "none" in older versions, so it is never empty.
 */
export const VOICE_LANGUAGES: readonly string[] = [
  'ar', 'bg', 'ca', 'cs', 'cy', 'da', 'de', 'el', 'en', 'es', 'et', 'eu', 'fa', 'fi', 'fr', 'ga', 'gl', 'he', 'hi', 'hr', 'hu',
  'id', 'is', 'it', 'ja', 'ko', 'lt', 'lv', 'ms', 'nb', 'nl', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'th', 'tr', 'uk',
  'vi', 'zh',
];

/** The language list, with the configured default language always in it. */
export function voiceLanguages(defaultLanguage: string): string[] {
  return [...new Set([...VOICE_LANGUAGES, defaultLanguage])];
}

/** The `data` of the `info` event. */
export function buildInfoData(options: { version: string; languages: readonly string[] }): Record<string, unknown> {
  const model = {
    name: 'Majordome',
    attribution: ATTRIBUTION,
    installed: true,
    description: DESCRIPTION,
    version: options.version,
    languages: [...options.languages],
  };
  return {
    asr: [],
    tts: [],
    handle: [
      {
        name: 'Majordome',
        attribution: ATTRIBUTION,
        installed: true,
        description: DESCRIPTION,
        version: options.version,
        models: [model],
        supports_home_control: true,
      },
    ],
    intent: [],
    wake: [],
  };
}
