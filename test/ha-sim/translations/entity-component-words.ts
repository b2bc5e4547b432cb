/**
 * HA's words for entity states, the `entity_component` translations the simulator serves through
 * `frontend/get_translations`. A subset: the domains the demo and the tests use, in English and
 * French, shaped like HA's strings.json (domain → device class or `_` → `name`, `state`).
 *
 * Where the words come from:
 * - English: HA core's `homeassistant/components/<domain>/strings.json`, `entity_component` →
 *   `state`, with `[%key:common::state::…%]` references resolved from `homeassistant/strings.json`.
 * - French: the words HA's French UI shows. Lock, light and cover as the issue reports them; person,
 *   binary sensor door and motion ("on"), climate "heat" and media player "playing" as read from a
 *   live French HA; the rest from the French translations HA core once committed
 *   (`components/<domain>/translations/fr.json`, 2020–2022). HA's words on/off, open/closed are
 *   shared references, so every domain that uses them says the same thing ("Allumé", "Ouvert").
 *   Where we do not know HA's French word the key is left out and HA's English fills in, as in HA.
 */

/** One bucket of a domain: its name and its states' words. */
export interface WordBucket {
  name?: string;
  state?: Readonly<Record<string, string>>;
}

/** A language's words: domain → device class (or `_`, no device class) → bucket. */
export type DomainWords = Readonly<Record<string, Readonly<Record<string, WordBucket>>>>;

const ON_OFF_EN = { on: 'On', off: 'Off' };
const OPEN_CLOSED_EN = { on: 'Open', off: 'Closed' };
const HOME_AWAY_EN = { home: 'Home', not_home: 'Away' };

/** English, from HA core's strings.json. */
export const ENGLISH_WORDS: DomainWords = {
  light: { _: { name: 'Light', state: ON_OFF_EN } },
  switch: { _: { name: 'Switch', state: ON_OFF_EN } },
  fan: { _: { name: 'Fan', state: ON_OFF_EN } },
  input_boolean: { _: { name: 'Input boolean', state: ON_OFF_EN } },
  automation: { _: { name: 'Automation', state: ON_OFF_EN } },
  script: { _: { name: 'Script', state: ON_OFF_EN } },
  lock: {
    _: {
      name: 'Lock',
      state: { jammed: 'Jammed', locked: 'Locked', locking: 'Locking', unlocked: 'Unlocked', unlocking: 'Unlocking', opening: 'Opening', open: 'Open' },
    },
  },
  // Cover device classes carry a name only: their states are the domain's (`_`).
  cover: {
    _: { name: 'Cover', state: { open: 'Open', opening: 'Opening', closed: 'Closed', closing: 'Closing', stopped: 'Stopped' } },
    garage: { name: 'Garage door' },
    door: { name: 'Door' },
    gate: { name: 'Gate' },
  },
  binary_sensor: {
    _: { name: 'Binary sensor', state: ON_OFF_EN },
    door: { name: 'Door', state: OPEN_CLOSED_EN },
    garage_door: { name: 'Garage door', state: OPEN_CLOSED_EN },
    window: { name: 'Window', state: OPEN_CLOSED_EN },
    motion: { name: 'Motion', state: { on: 'Detected', off: 'Clear' } },
  },
  media_player: {
    _: { name: 'Media player', state: { off: 'Off', on: 'On', idle: 'Idle', playing: 'Playing', paused: 'Paused', standby: 'Standby', buffering: 'Buffering' } },
  },
  climate: {
    _: { name: 'Thermostat', state: { off: 'Off', auto: 'Auto', heat: 'Heat', cool: 'Cool', heat_cool: 'Heat/Cool', dry: 'Dry', fan_only: 'Fan only' } },
  },
  person: { _: { name: 'Person', state: HOME_AWAY_EN } },
  device_tracker: { _: { name: 'Device tracker', state: HOME_AWAY_EN } },
  alarm_control_panel: {
    _: {
      name: 'Alarm control panel',
      state: {
        armed_away: 'Armed away',
        armed_custom_bypass: 'Armed custom bypass',
        armed_home: 'Armed home',
        armed_night: 'Armed night',
        armed_vacation: 'Armed vacation',
        arming: 'Arming',
        disarmed: 'Disarmed',
        disarming: 'Disarming',
        pending: 'Pending',
        triggered: 'Triggered',
      },
    },
  },
  vacuum: {
    _: {
      name: 'Vacuum',
      state: { cleaning: 'Cleaning', docked: 'Docked', error: 'Error', idle: 'Idle', off: 'Off', on: 'On', paused: 'Paused', returning: 'Returning to dock' },
    },
  },
};

const ON_OFF_FR = { on: 'Allumé', off: 'Éteint' };
const OPEN_CLOSED_FR = { on: 'Ouvert', off: 'Fermé' };
const HOME_AWAY_FR = { home: 'Maison', not_home: 'Absent' };

/** French, as HA's French UI shows it (see the sources above); names are left to English. */
export const FRENCH_WORDS: DomainWords = {
  light: { _: { state: ON_OFF_FR } },
  switch: { _: { state: ON_OFF_FR } },
  fan: { _: { state: ON_OFF_FR } },
  input_boolean: { _: { state: ON_OFF_FR } },
  automation: { _: { state: ON_OFF_FR } },
  script: { _: { state: ON_OFF_FR } },
  lock: {
    _: {
      state: {
        jammed: 'Bloqué',
        locked: 'Verrouillé',
        locking: 'Verrouillage',
        unlocked: 'Déverrouillé',
        unlocking: 'Déverrouillage',
        opening: 'Ouverture',
        open: 'Ouvert',
      },
    },
  },
  cover: { _: { state: { open: 'Ouvert', opening: 'Ouverture', closed: 'Fermé', closing: 'Fermeture', stopped: 'Arrêté' } } },
  binary_sensor: {
    _: { state: ON_OFF_FR },
    door: { state: OPEN_CLOSED_FR },
    garage_door: { state: OPEN_CLOSED_FR },
    window: { state: OPEN_CLOSED_FR },
    motion: { state: { on: 'Détecté', off: 'Non détecté' } },
  },
  // No French "buffering" known here: HA's English word fills in.
  media_player: { _: { state: { off: 'Éteint', on: 'Allumé', idle: 'Inactif', playing: 'Lecture en cours', paused: 'En pause', standby: 'En veille' } } },
  // Only the modes whose French we know; the others come in English.
  climate: { _: { state: { off: 'Éteint', heat: 'Chauffage' } } },
  person: { _: { state: HOME_AWAY_FR } },
  device_tracker: { _: { state: HOME_AWAY_FR } },
  alarm_control_panel: {
    _: {
      state: {
        armed_away: 'Enclenchée (absent)',
        armed_custom_bypass: 'Enclenché avec exception personnalisée',
        armed_home: 'Enclenchée (présent)',
        armed_night: 'Enclenchée (nuit)',
        armed_vacation: 'Enclenchée (vacances)',
        arming: 'Activation',
        disarmed: 'Désactivée',
        disarming: 'Désactivation',
        pending: 'En attente',
        triggered: 'Déclenché',
      },
    },
  },
  vacuum: {
    _: {
      state: { cleaning: 'Nettoyage', docked: 'Sur la base', error: 'Erreur', idle: 'Inactif', off: 'Éteint', on: 'Allumé', paused: 'En pause', returning: 'Retourne à la base' },
    },
  },
};

/** The languages the simulator has words in besides English. */
export const WORDS_BY_LANGUAGE: Readonly<Record<string, DomainWords>> = { en: ENGLISH_WORDS, fr: FRENCH_WORDS };
