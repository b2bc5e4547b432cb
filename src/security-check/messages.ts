/**
 * What the security check says, in the languages Majordome speaks: a title per check and one
 * sentence per outcome (what was found and how to fix it). Sentences carry `{name}` placeholders
 * filled from the check's params. The English table is the source of truth for the keys; the
 * French one is typed against it, so a missing sentence fails the type check.
 */

const EN = {
  titles: {
    shell_sandbox: 'Shell sandbox',
    shell_sandbox_works: 'Shell sandbox works here',
    browser_private: 'Browser and the home network',
    risky_rules: 'Rules for locks, alarms and gates',
    automation_rules: 'Rules for automations and scripts',
    outbound_rules: 'Rules for commands and e-mail',
    entity_access: 'Entity access',
    assist_exposure: 'Locks and alarms in Assist',
    approval_phone: 'Approvals on the phone',
    run_as_root: 'Runs as root',
    data_files: 'Data file permissions',
    telegram_allowlist: 'Telegram allowlist',
    slack_allowlist: 'Slack allowlist',
    daily_budget: 'Daily budget',
    ha_token_age: 'Home Assistant token age',
    ha_token_admin: 'Home Assistant token rights',
    trusted_proxies_default: 'Trusted proxy outside the add-on',
    trusted_proxies_public: 'Public trusted proxies',
    wyoming_peers: 'Assist (Wyoming) port',
    model_http: 'Model connection',
    ha_http: 'Home Assistant connection',
    log_level: 'Log level',
    mail_tls: 'Mail encryption',
  },
  messages: {
    shell_off: 'The shell is off.',
    shell_sandboxed: 'Shell commands run in the bubblewrap sandbox.',
    shell_unsandboxed:
      'Shell commands run unsandboxed, with every right Majordome has: set shell_sandbox to "bwrap" where it works, or turn shell_enabled off if you do not need the shell.',
    sandbox_unused: 'No shell sandbox is in use, so none needs to work here.',
    sandbox_works: 'bubblewrap created its sandbox here: commands run inside it.',
    sandbox_broken:
      'shell_sandbox is "bwrap" but the sandbox cannot start here ({reason}); an add-on container most likely cannot create the namespaces bubblewrap needs, so every shell command is refused: set shell_sandbox to "none" (each command still asks first) or turn the shell off.',
    browser_off: 'The browser is off.',
    browser_public_only: 'The browser cannot open addresses in your home network or on this machine.',
    browser_private:
      'The browser may open pages in your home network and on this machine (router, NAS, Home Assistant itself): turn browser_allow_private off unless a task needs it.',
    risky_rules_none: 'No rule lets a lock, an alarm panel, a garage door or a gate act without a yes.',
    risky_rules:
      'These rules let Majordome unlock, disarm or open a lock, an alarm panel, a garage door or a gate without asking: {rules}; delete them (status page, Saved rules) or remove them from the rules option.',
    automation_rules_none: 'No rule lets an automation or a script be saved without a yes.',
    automation_rules:
      'These rules let Majordome save or restore an automation or a script without asking: {rules}; an automation acts later with nobody asked (it can unlock a door at 3 a.m.), so delete them (status page, Saved rules) or remove them from the rules option.',
    outbound_rules_none: 'No rule lets every shell command or every e-mail go without a yes.',
    outbound_rules:
      'These rules let any shell command or any e-mail go without a yes: {rules}; narrow them to the commands or recipients you mean.',
    entity_access_exposed: 'Majordome sees only the entities exposed to Assist.',
    entity_access_all:
      'entity_access is "all": Majordome sees and acts on every entity, not only those exposed to Assist; set it to "exposed" and expose what it needs in Settings → Voice assistants.',
    assist_exposure_none: 'No lock or alarm panel is exposed to Assist.',
    assist_exposure:
      'Exposed to Assist: {entities}; every voice assistant of the home can reach them, so unexpose them (Settings → Voice assistants → Expose) unless you mean to.',
    assist_exposure_unknown: 'Home Assistant has not said yet which entities it exposes; look again once it is connected.',
    approval_phone:
      'No approval_notify phone: approvals wait in the panel only, and a voice request that needs a yes cannot be approved on the spot; add your phone\'s notify service (mobile_app_…).',
    approval_phone_set: 'Approvals also reach {services}.',
    not_root: 'Majordome does not run as root.',
    root_standalone:
      'Majordome runs as root (uid 0), so a shell command or a flaw would have every right on this system: run the container with a non-root user (docker run --user).',
    root_addon:
      'Majordome runs as root (uid 0), as the add-on image does inside its container: keep the shell off or sandboxed, since a command would run as root too.',
    data_files_private: 'Other users of this system cannot read Majordome\'s data files.',
    data_files_readable:
      'Other users of this system can read {files}, which hold keys, conversations or browser cookies: chmod 600 those files and chmod 700 the browser folder (or the data folder).',
    telegram_off: 'Telegram is off.',
    telegram_listed: 'Telegram answers only the listed chats and the chats an administrator paired.',
    telegram_unlisted:
      'The Telegram bot has no telegram_allowed_chats: anyone who finds it can ask to be paired, and only an administrator\'s refusal stops them; list your chat ids in telegram_allowed_chats.',
    slack_off: 'Slack is off.',
    slack_listed: 'Slack answers only the listed members.',
    slack_unlisted:
      'Slack is on but slack_allowed_users is empty, so nobody is answered: list the member ids (U…) who may talk to Majordome.',
    budget_set: 'A daily budget caps model spending.',
    budget_missing:
      'No daily budget: a runaway task or a stolen session can spend without limit; set daily_budget_usd or daily_budget_tokens.',
    token_addon: 'The add-on uses the Supervisor\'s token, which Home Assistant renews itself.',
    token_young: 'HA_TOKEN is less than a year old.',
    token_unknown: 'HA_TOKEN\'s age cannot be read (it is not a token Home Assistant issued as a JWT).',
    token_old:
      'HA_TOKEN was issued {days} days ago: create a fresh long-lived token in your Home Assistant profile (Security tab), set HA_TOKEN to it and delete the old one.',
    token_admin_addon: 'The add-on uses the Supervisor\'s token, which may read Home Assistant\'s users, so Majordome can ask who may approve.',
    token_admin: 'HA_TOKEN belongs to an administrator of Home Assistant, so Majordome can ask it who may approve.',
    token_not_admin:
      'HA_TOKEN belongs to a user who is not an administrator of Home Assistant: nobody can approve a request or pair a chat, because Home Assistant shows who its administrators are only to an administrator; create the token as an administrator (in an administrator\'s profile, Security tab) and set HA_TOKEN to it.',
    token_admin_unknown: 'Home Assistant has not said yet whether HA_TOKEN belongs to an administrator; look again once it is connected.',
    proxies_addon: 'Identity headers are believed only from the Supervisor\'s ingress proxy.',
    proxies_own: 'Identity headers are believed only from {proxies}.',
    proxies_default:
      'MAJORDOME_TRUSTED_PROXIES is still the add-on\'s 172.30.32.2 outside the add-on, so whatever holds that address on your network can sign in as anyone: set it to your reverse proxy\'s address.',
    proxies_private: 'Every trusted proxy is a private or loopback address.',
    proxies_public:
      'MAJORDOME_TRUSTED_PROXIES lists public addresses ({addresses}) whose identity headers are believed: list only your own reverse proxy\'s private address.',
    wyoming_off: 'The Assist port is not listening.',
    wyoming_home_only: 'Only Home Assistant and this machine may use the Assist port.',
    wyoming_open:
      'The Assist (Wyoming) port also accepts {peers}, and Wyoming has no login, so they can run requests as Home Assistant: remove them from MAJORDOME_WYOMING_PEERS.',
    model_secure: 'The model is reached over https or on a local address.',
    model_http:
      'The model endpoint {url} is plain http to another machine: the API key and every conversation cross the network unencrypted; use https, or a local address.',
    ha_addon: 'The add-on reaches Home Assistant on the Supervisor\'s internal network.',
    ha_secure: 'Home Assistant is reached over https or on a local address.',
    ha_http:
      'HA_URL {url} is plain http to another machine: the Home Assistant token crosses the network unencrypted; use https.',
    log_level_ok: 'The log level is "{level}".',
    log_level_debug:
      'log_level is "debug": the log then keeps more of what people ask and what tools return; set it back to "info" once you are done.',
    mail_off: 'No mail account is set.',
    mail_encrypted: 'Every mail account uses TLS or STARTTLS.',
    mail_encrypted_pinned: 'Every mail account uses TLS or STARTTLS; these accept only their pinned certificate: {accounts}.',
    mail_plain:
      'These mail accounts have imap_tls or smtp_tls set to "none": {accounts}; their password and messages cross the network unencrypted, so use "tls" or "starttls".',
  },
} as const;

/** A check of the list (the key of its title). */
export type CheckId = keyof typeof EN.titles;

/** One sentence a check can say. */
export type MessageKey = keyof typeof EN.messages;

/** One language's table. */
interface MessageTable {
  titles: Record<CheckId, string>;
  messages: Record<MessageKey, string>;
}

const FR: MessageTable = {
  titles: {
    shell_sandbox: 'Bac à sable du shell',
    shell_sandbox_works: 'Le bac à sable du shell fonctionne ici',
    browser_private: 'Navigateur et réseau de la maison',
    risky_rules: 'Règles pour serrures, alarmes et portails',
    automation_rules: 'Règles pour automatisations et scripts',
    outbound_rules: 'Règles pour commandes et e-mails',
    entity_access: 'Accès aux entités',
    assist_exposure: 'Serrures et alarmes dans Assist',
    approval_phone: 'Approbations sur le téléphone',
    run_as_root: 'Exécution en root',
    data_files: 'Droits des fichiers de données',
    telegram_allowlist: 'Liste autorisée Telegram',
    slack_allowlist: 'Liste autorisée Slack',
    daily_budget: 'Budget quotidien',
    ha_token_age: 'Âge du jeton Home Assistant',
    ha_token_admin: 'Droits du jeton Home Assistant',
    trusted_proxies_default: 'Proxy de confiance hors du module',
    trusted_proxies_public: 'Proxys de confiance publics',
    wyoming_peers: 'Port Assist (Wyoming)',
    model_http: 'Connexion au modèle',
    ha_http: 'Connexion à Home Assistant',
    log_level: 'Niveau de journal',
    mail_tls: 'Chiffrement du courrier',
  },
  messages: {
    shell_off: 'Le shell est désactivé.',
    shell_sandboxed: 'Les commandes shell tournent dans le bac à sable bubblewrap.',
    shell_unsandboxed:
      'Les commandes shell tournent sans bac à sable, avec tous les droits de Majordome : réglez shell_sandbox sur « bwrap » là où il fonctionne, ou désactivez shell_enabled si le shell ne vous sert pas.',
    sandbox_unused: 'Aucun bac à sable du shell n\'est utilisé : aucun n\'a besoin de fonctionner ici.',
    sandbox_works: 'bubblewrap a pu créer son bac à sable ici : les commandes y tournent.',
    sandbox_broken:
      'shell_sandbox vaut « bwrap » mais le bac à sable ne peut pas démarrer ici ({reason}) ; un conteneur de module ne peut très probablement pas créer les espaces de noms dont bubblewrap a besoin, donc toutes les commandes shell sont refusées : réglez shell_sandbox sur « none » (chaque commande demande toujours votre accord) ou désactivez le shell.',
    browser_off: 'Le navigateur est désactivé.',
    browser_public_only: 'Le navigateur ne peut pas ouvrir d\'adresses du réseau de la maison ni de cette machine.',
    browser_private:
      'Le navigateur peut ouvrir des pages du réseau de la maison et de cette machine (box, NAS, Home Assistant lui-même) : désactivez browser_allow_private sauf si une tâche en a besoin.',
    risky_rules_none: 'Aucune règle ne laisse agir une serrure, une alarme, une porte de garage ou un portail sans votre accord.',
    risky_rules:
      'Ces règles permettent à Majordome de déverrouiller, désarmer ou ouvrir une serrure, une alarme, une porte de garage ou un portail sans demander : {rules} ; supprimez-les (page d\'état, Règles enregistrées) ou retirez-les de l\'option rules.',
    automation_rules_none: 'Aucune règle ne laisse enregistrer une automatisation ou un script sans votre accord.',
    automation_rules:
      'Ces règles permettent à Majordome d\'enregistrer ou de restaurer une automatisation ou un script sans demander : {rules} ; une automatisation agit plus tard sans que personne ne soit consulté (elle peut déverrouiller une porte à 3 h du matin), supprimez-les donc (page d\'état, Règles enregistrées) ou retirez-les de l\'option rules.',
    outbound_rules_none: 'Aucune règle ne laisse passer n\'importe quelle commande shell ou n\'importe quel e-mail sans votre accord.',
    outbound_rules:
      'Ces règles laissent passer n\'importe quelle commande shell ou n\'importe quel e-mail sans votre accord : {rules} ; limitez-les aux commandes ou destinataires voulus.',
    entity_access_exposed: 'Majordome ne voit que les entités exposées à Assist.',
    entity_access_all:
      'entity_access vaut « all » : Majordome voit et commande toutes les entités, pas seulement celles exposées à Assist ; réglez-le sur « exposed » et exposez ce qu\'il lui faut dans Paramètres → Assistants vocaux.',
    assist_exposure_none: 'Aucune serrure ni alarme n\'est exposée à Assist.',
    assist_exposure:
      'Exposées à Assist : {entities} ; tous les assistants vocaux de la maison peuvent les atteindre, retirez-les donc (Paramètres → Assistants vocaux → Exposer) sauf si c\'est voulu.',
    assist_exposure_unknown: 'Home Assistant n\'a pas encore dit quelles entités il expose ; revenez une fois qu\'il est connecté.',
    approval_phone:
      'Aucun téléphone dans approval_notify : les approbations n\'attendent que dans le panneau, et une demande vocale qui exige un accord ne peut pas être approuvée sur-le-champ ; ajoutez le service de notification de votre téléphone (mobile_app_…).',
    approval_phone_set: 'Les approbations arrivent aussi sur {services}.',
    not_root: 'Majordome ne tourne pas en root.',
    root_standalone:
      'Majordome tourne en root (uid 0) : une commande shell ou une faille aurait tous les droits sur ce système ; lancez le conteneur avec un utilisateur non root (docker run --user).',
    root_addon:
      'Majordome tourne en root (uid 0), comme l\'image du module dans son conteneur : gardez le shell désactivé ou dans son bac à sable, car une commande tournerait aussi en root.',
    data_files_private: 'Les autres utilisateurs de ce système ne peuvent pas lire les fichiers de données de Majordome.',
    data_files_readable:
      'Les autres utilisateurs de ce système peuvent lire {files}, qui contiennent des clés, des conversations ou des cookies : faites chmod 600 sur ces fichiers et chmod 700 sur le dossier du navigateur (ou le dossier de données).',
    telegram_off: 'Telegram est désactivé.',
    telegram_listed: 'Telegram ne répond qu\'aux discussions listées et à celles qu\'un administrateur a appairées.',
    telegram_unlisted:
      'Le bot Telegram n\'a pas de telegram_allowed_chats : quiconque le trouve peut demander un appairage, que seul le refus d\'un administrateur arrête ; listez vos identifiants de discussion dans telegram_allowed_chats.',
    slack_off: 'Slack est désactivé.',
    slack_listed: 'Slack ne répond qu\'aux membres listés.',
    slack_unlisted:
      'Slack est activé mais slack_allowed_users est vide, personne n\'obtient donc de réponse : listez les identifiants de membres (U…) qui peuvent parler à Majordome.',
    budget_set: 'Un budget quotidien plafonne les dépenses du modèle.',
    budget_missing:
      'Aucun budget quotidien : une tâche qui s\'emballe ou une session volée peut dépenser sans limite ; réglez daily_budget_usd ou daily_budget_tokens.',
    token_addon: 'Le module utilise le jeton du Superviseur, que Home Assistant renouvelle lui-même.',
    token_young: 'HA_TOKEN a moins d\'un an.',
    token_unknown: 'L\'âge de HA_TOKEN ne peut pas être lu (ce n\'est pas un jeton JWT émis par Home Assistant).',
    token_old:
      'HA_TOKEN a été émis il y a {days} jours : créez un nouveau jeton longue durée dans votre profil Home Assistant (onglet Sécurité), mettez-le dans HA_TOKEN et supprimez l\'ancien.',
    token_admin_addon: 'Le module utilise le jeton du Superviseur, qui peut lire les utilisateurs de Home Assistant : Majordome peut donc demander qui peut approuver.',
    token_admin: 'HA_TOKEN appartient à un administrateur de Home Assistant : Majordome peut donc lui demander qui peut approuver.',
    token_not_admin:
      'HA_TOKEN appartient à un utilisateur qui n\'est pas administrateur de Home Assistant : personne ne peut approuver une demande ni appairer une conversation, car Home Assistant ne montre qui sont ses administrateurs qu\'à un administrateur ; créez le jeton en tant qu\'administrateur (dans le profil d\'un administrateur, onglet Sécurité) et mettez-le dans HA_TOKEN.',
    token_admin_unknown: 'Home Assistant n\'a pas encore dit si HA_TOKEN appartient à un administrateur ; revenez une fois qu\'il est connecté.',
    proxies_addon: 'Les en-têtes d\'identité ne sont crus que venant du proxy d\'ingress du Superviseur.',
    proxies_own: 'Les en-têtes d\'identité ne sont crus que venant de {proxies}.',
    proxies_default:
      'MAJORDOME_TRUSTED_PROXIES vaut toujours 172.30.32.2, l\'adresse du module, hors du module : ce qui détient cette adresse sur votre réseau peut se connecter sous n\'importe quelle identité ; mettez-y l\'adresse de votre proxy inverse.',
    proxies_private: 'Chaque proxy de confiance a une adresse privée ou locale.',
    proxies_public:
      'MAJORDOME_TRUSTED_PROXIES liste des adresses publiques ({addresses}) dont les en-têtes d\'identité sont crus : ne listez que l\'adresse privée de votre propre proxy inverse.',
    wyoming_off: 'Le port Assist n\'écoute pas.',
    wyoming_home_only: 'Seuls Home Assistant et cette machine peuvent utiliser le port Assist.',
    wyoming_open:
      'Le port Assist (Wyoming) accepte aussi {peers}, et Wyoming n\'a pas d\'authentification : ils peuvent lancer des demandes comme Home Assistant ; retirez-les de MAJORDOME_WYOMING_PEERS.',
    model_secure: 'Le modèle est joint en https ou sur une adresse locale.',
    model_http:
      'Le point d\'accès du modèle {url} est en http simple vers une autre machine : la clé d\'API et chaque conversation traversent le réseau en clair ; utilisez https, ou une adresse locale.',
    ha_addon: 'Le module joint Home Assistant par le réseau interne du Superviseur.',
    ha_secure: 'Home Assistant est joint en https ou sur une adresse locale.',
    ha_http:
      'HA_URL {url} est en http simple vers une autre machine : le jeton Home Assistant traverse le réseau en clair ; utilisez https.',
    log_level_ok: 'Le niveau de journal est « {level} ».',
    log_level_debug:
      'log_level vaut « debug » : le journal garde alors davantage de ce que les gens demandent et de ce que renvoient les outils ; remettez « info » une fois terminé.',
    mail_off: 'Aucun compte de courrier n\'est configuré.',
    mail_encrypted: 'Chaque compte de courrier utilise TLS ou STARTTLS.',
    mail_encrypted_pinned: 'Chaque compte de courrier utilise TLS ou STARTTLS ; ceux-ci n\'acceptent que leur certificat épinglé : {accounts}.',
    mail_plain:
      'Ces comptes de courrier ont imap_tls ou smtp_tls à « none » : {accounts} ; leur mot de passe et leurs messages traversent le réseau en clair, utilisez donc « tls » ou « starttls ».',
  },
};

const TABLES: Record<'en' | 'fr', MessageTable> = { en: EN, fr: FR };

/** Values for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The texts of the security check in one language. */
export interface SecurityTexts {
  title(id: CheckId): string;
  message(key: MessageKey, params?: MessageParams): string;
}

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** The texts for a language tag (`fr-CA` → French); English otherwise. */
export function securityTexts(language: string | undefined): SecurityTexts {
  const table = (language ?? '').toLowerCase().startsWith('fr') ? TABLES.fr : TABLES.en;
  return { title: (id) => table.titles[id], message: (key, params) => fill(table.messages[key], params) };
}
