import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent } from './agent/agent.js';
import { systemClock, type SchedulerClock } from './agent/scheduler/clock.js';
import { createTaskNotifier } from './agent/scheduler/notifier.js';
import { TaskScheduler } from './agent/scheduler/task-scheduler.js';
import { createTriggerWatcher } from './agent/scheduler/triggers.js';
import type { MessengerOverrides } from './channels/messenger/messenger-channels.js';
import { resolveWyomingPeers } from './channels/wyoming/peer-allowlist.js';
import type { Config } from './config/config.js';
import { loadConfig } from './config/load-config.js';
import { describeError, MajordomeError } from './errors.js';
import { EventBus } from './events/bus.js';
import { EntityIndex, EXPOSURE_READ_MAX_AGE_MS } from './ha/entity-index.js';
import { HaConnection } from './ha/ha-connection.js';
import { HomeConfigCache } from './ha/home-config-cache.js';
import { HaStateWords } from './ha/state-words-source.js';
import { announceDiscovery } from './ha/supervisor-discovery.js';
import { readTokenAdmin } from './ha/token-admin.js';
import { createAdminCheck, createUserDirectory } from './ha/user-directory.js';
import { createLogger, withSecretRedaction, type Logger } from './logger.js';
import { packageRoot, packageVersion } from './package-info.js';
import { redactAudit, createConfigRedactor, type SecretRedactor, createEgressTracker, createTaintTracker } from './policy/index.js';
import { AuditLog } from './store/audit.js';
import { ConversationStore } from './store/conversations.js';
import { MemoryStore } from './store/memories.js';
import { TaskStore } from './store/tasks.js';
import { closeDatabase, openDatabase } from './store/database.js';
import { logStartupSecurityCheck } from './security-check/startup-log.js';
import { buildChannels } from './startup/build-channels.js';
import { buildPolicy } from './startup/build-policy.js';
import type { MajordomeEvents } from './startup/event-map.js';
import { Lifecycle, subscription } from './startup/lifecycle.js';
import { buildModel } from './startup/model.js';
import { loadBrowser, loadMail, loadShell } from './startup/optional-capabilities.js';
import { watchVoiceHaVersion } from './startup/ha-version-check.js';
import { buildSecurityCheck } from './startup/security-check.js';
import { EgressStore } from './store/egress.js';
import { TaintStore } from './store/taint.js';
import { ConfigVersionStore } from './store/config-versions.js';
import { createAuthoringTools } from './tools/authoring.js';
import { createHomeTools, createLikelyEntities, stateWordingFor, stateWordLanguage, type StateWordings } from './tools/home.js';
import { createMemoryTools, looksSecret } from './tools/memory.js';
import { createTaskTools } from './tools/tasks.js';
import { createNotifyTools } from './tools/notify.js';
import { ToolRegistry } from './tools/registry.js';

/** A running server; `stop()` closes every socket, timer and the database. */
export interface Majordome {
  port: number;
  /** The Wyoming (Assist) port, or undefined when it could not listen. */
  wyomingPort: number | undefined;
  stop(): Promise<void>;
}

/** Test hooks: a short approval timeout instead of `approval_timeout_min`. */
export interface MajordomeOverrides {
  /** The task scheduler's clock (tests move time by hand). */
  schedulerClock?: SchedulerClock;
  approvalTimeoutMs?: number;
  /** How long a voice turn waits on a pending approval before saying so. */
  voiceApprovalWaitMs?: number;
  /** How long the browser stays open unused, instead of `browser_idle_min`. */
  browserIdleMs?: number;
  /** Local Telegram/Slack fakes, faster edits and retries. */
  messengers?: MessengerOverrides;
}

/**
 * Builds every service from the config and starts them in order; a failure on the way (a taken
 * HTTP port) stops what had started and rejects, leaving nothing open. `secrets` hides the
 * configured secrets from the model, the chat, the audit log and the logs (main() builds it once
 * for its logger too).
 */
export async function startMajordome(
  config: Config,
  baseLogger: Logger,
  host = '0.0.0.0',
  overrides: MajordomeOverrides = {},
  secrets: SecretRedactor = createConfigRedactor(config),
): Promise<Majordome> {
  const logger = withSecretRedaction(baseLogger, secrets);
  const lifecycle = new Lifecycle(logger.child({ module: 'lifecycle' }));
  try {
    const ports = await wire(lifecycle, { config, logger, host, overrides, secrets });
    await lifecycle.startAll();
    return { ...ports(), stop: () => lifecycle.stopAll() };
  } catch (err) {
    // What was built before the failure (the database) is closed too.
    await lifecycle.stopAll();
    throw err;
  }
}

interface WireInput {
  config: Config;
  logger: Logger;
  host: string;
  overrides: MajordomeOverrides;
  secrets: SecretRedactor;
}

/**
 * Builds each service once and adds it to the lifecycle in start order; the stop order is the
 * reverse. Returns where the servers listen, known once the lifecycle has started.
 */
async function wire(lifecycle: Lifecycle, { config, logger, host, overrides, secrets }: WireInput): Promise<() => Omit<Majordome, 'stop'>> {
  const root = packageRoot();
  const version = packageVersion(root);
  const startedAt = Date.now();
  const options = config.options;

  const db = openDatabase(join(config.dataDir, 'majordome.db'));
  lifecycle.adopt('database', () => closeDatabase(db));
  const conversations = new ConversationStore(db, { logger });
  const audit = new AuditLog(db);
  const auditWriter = redactAudit(audit, secrets);

  // One bus for the whole app; a listener that throws is logged there and hurts nobody else.
  const events = new EventBus<MajordomeEvents>(logger.child({ module: 'events' }));
  const ha = new HaConnection({
    url: config.ha.url,
    token: config.ha.token,
    events,
    logger: logger.child({ module: 'ha' }),
    reconnectWaitMs: options.ha_reconnect_wait_s * 1000,
  });
  // Closed last but the database: whatever stops before may still speak to HA (a turn cut short
  // clears its phone notification). It connects later, once the phones and approvals listen.
  lifecycle.add({ name: 'ha', stop: () => ha.stop() });
  const index = new EntityIndex({ ha, entityAccess: options.entity_access, logger: logger.child({ module: 'index' }) });
  const homeConfig = new HomeConfigCache(ha, logger);
  lifecycle.add({ name: 'home config', start: () => homeConfig.start(), stop: () => homeConfig.stop() });
  // HA's words for states on the cards; the server's own language is fetched as soon as HA is up.
  const wordLanguage = stateWordLanguage(options.language);
  const stateWords = new HaStateWords({ ha, logger: logger.child({ module: 'state-words' }), prefetch: wordLanguage ? [wordLanguage] : [] });
  lifecycle.add({ name: 'state words', start: () => stateWords.start(), stop: () => stateWords.stop() });
  const wordStates: StateWordings = (language) => stateWordingFor({ index, stateWords }, language);
  lifecycle.add({ name: 'entity index', start: () => index.start(), stop: () => index.stop() });

  const modelServices = await buildModel(config, db, () => homeConfig.get().timeZone, logger);
  const { model, provider, prices, compactor } = modelServices;

  const directory = createUserDirectory({ sendMessage: (message) => ha.sendMessage(message, { resendable: true }) });
  const isAdmin = createAdminCheck(directory);
  const browserSelfPorts: number[] = [];
  const browserCapability = await loadBrowser(config, logger, {
    idleMs: overrides.browserIdleMs ?? options.browser_idle_min * 60_000,
    selfPorts: () => browserSelfPorts,
  });
  const browser = browserCapability?.service;
  if (browser) lifecycle.add({ name: 'browser', start: () => browser.start(), stop: () => browser.stop() });
  const mailCapability = await loadMail(config, logger);
  const mail = mailCapability?.service;
  if (mail) lifecycle.add({ name: 'mail', start: () => mail.start(), stop: () => mail.stop() });
  const shellCapability = await loadShell(config, logger);
  const shell = shellCapability?.service;
  // Before the servers listen: the first command finds its roots resolved and its sandbox checked.
  if (shell) lifecycle.add({ name: 'shell', start: () => shell.start(), stop: () => shell.stop() });

  const { guard, phone, savedRules } = buildPolicy({
    db,
    options,
    approvalAudit: auditWriter,
    ruleAudit: audit,
    ha,
    // The registry is built below; a saved rule is only asked for once everything runs.
    describe: (tool, input, language) => tools.describe(tool, input, language),
    describeKnown: (tool, input, language) => tools.describeKnown(tool, input, language),
    isAdmin,
    directory,
    logger,
    events,
    ...(overrides.approvalTimeoutMs !== undefined && { approvalTimeoutMs: overrides.approvalTimeoutMs }),
  });
  // Before the approvals' restart sweep, so the phones' stale notifications get cleared; stopped
  // after the approvals stop changing, so a turn cut short still clears its phone notification.
  lifecycle.add({ name: 'phone approvals', start: () => phone.start(), stop: () => phone.stop() });
  lifecycle.add({ name: 'approvals', start: () => guard.approvals.start(), stop: () => guard.approvals.stop() });
  lifecycle.add({ name: 'ha connect', start: () => ha.start() });

  const memories = new MemoryStore(db);
  // Always on: tasks run as turns of their owner; their answers reach the phones.
  // One clock for a task's creation and its times: the first run counts from the creation.
  const schedulerClock = overrides.schedulerClock ?? systemClock;
  const scheduler = new TaskScheduler({
    store: new TaskStore(db, { now: () => schedulerClock.now() }),
    // The agent's tools include the scheduler's own: its turns reach the agent once it is built below.
    agent: { runTurn: (request, sink): ReturnType<Agent['runTurn']> => agent.runTurn(request, sink) },
    notify: createTaskNotifier({ ha }),
    watch: createTriggerWatcher({ ha, ...(mail && { mail }), logger: logger.child({ module: 'tasks' }) }),
    timeZone: () => homeConfig.get().timeZone,
    missedRuns: options.task_missed_runs,
    language: options.language,
    logger: logger.child({ module: 'tasks' }),
    clock: schedulerClock,
  });
  const tools = new ToolRegistry([
    ...createHomeTools({ ha, index, temperatureUnit: () => homeConfig.temperatureUnit(), stateWords }),
    ...createNotifyTools({ ha }),
    ...(mailCapability?.tools ?? []),
    ...(shellCapability?.tools ?? []),
    ...(browserCapability?.tools ?? []),
    ...createMemoryTools({ memories, secrets }),
    ...createTaskTools({ tasks: scheduler, wordStates }),
    ...createAuthoringTools({ ha, index, endpoint: config.ha, versions: new ConfigVersionStore(db), stateWords }),
  ]);
  const agent = new Agent({
    provider,
    tools,
    policy: guard.policy,
    approvals: guard.gate,
    conversations,
    audit: auditWriter,
    taint: createTaintTracker(new TaintStore(db), logger.child({ module: 'taint' })),
    egress: createEgressTracker(new EgressStore(db), logger.child({ module: 'egress' })),
    secrets,
    logger: logger.child({ module: 'agent' }),
    maxSteps: options.max_steps,
    language: options.language,
    homeContext: () => homeConfig.get(),
    recall: (userId, text) => memories.find(userId, text, 5).map((memory) => memory.fact),
    likelyEntities: createLikelyEntities({ index }),
    beforePolicy: () => index.refreshExposure(EXPOSURE_READ_MAX_AGE_MS),
    ...(compactor && { compactor }),
  });

  // Resolved before the servers start; the Assist port is judged only once it listens.
  const wyomingPeers = await resolveWyomingPeers({ mode: config.mode, haUrl: config.ha.url, explicit: config.wyomingPeers });
  const wyomingHome = config.wyomingPeers?.length ? await resolveWyomingPeers({ mode: config.mode, haUrl: config.ha.url }) : wyomingPeers;
  let port = 0;
  let wyomingPort: number | undefined;
  const security = buildSecurityCheck({
    config,
    shell,
    userRules: guard.userRules,
    index,
    wyoming: () => (wyomingPort !== undefined ? { allowed: wyomingPeers, home: wyomingHome } : undefined),
    haTokenAdmin: () => readTokenAdmin(ha),
  });
  const { turns, socket, messengers, http, wyoming, bridge } = await buildChannels({
    config,
    host,
    version,
    root,
    startedAt,
    db,
    agent,
    ha,
    index,
    tools,
    conversations,
    audit,
    memories,
    scheduler,
    approvals: guard.approvals,
    savedRules,
    browser,
    isAdmin,
    directory,
    userNames: () => directory.names(),
    looksSecret: (fact) => looksSecret(fact, secrets),
    wordStates,
    model: modelServices,
    security,
    wyomingPeers,
    logger,
    ...(overrides.messengers && { messengerOverrides: overrides.messengers }),
    ...(overrides.voiceApprovalWaitMs !== undefined && { voiceApprovalWaitMs: overrides.voiceApprovalWaitMs }),
  });

  lifecycle.add({
    name: 'http',
    start: async () => {
      port = await http.start();
      // The browser may never open Majordome itself.
      browserSelfPorts.push(port);
    },
    stop: () => http.stop(),
  });
  lifecycle.add({ name: 'socket', start: () => socket.start(http.httpServer), stop: () => socket.stop() });
  // Stopped before the socket and the HTTP server close: their clients see their turns cancelled.
  lifecycle.add({ name: 'chat turns', stop: () => turns.stopAll('turn.shutting_down') });
  lifecycle.add(subscription('ha status to panels', () => events.on('ha.status', () => socket.notifyStatusChanged(), socket)));
  lifecycle.add(subscription('voice ha version check', () => watchVoiceHaVersion(ha, events, logger)));
  // Approvers may be many and are known only to HA: every panel refetches its (filtered) list.
  lifecycle.add(subscription('approvals to panels', () => events.on('approvals.changed', () => socket.notifyApprovalsChanged(), socket)));
  lifecycle.add({ name: 'scheduler', start: () => scheduler.start(), stop: () => scheduler.stop() });
  lifecycle.add({
    name: 'ha event bridge',
    start: () => bridge.start().catch((err: unknown) => logger.error({ err: describeError(err) }, 'the HA event bridge could not subscribe')),
    stop: () => bridge.stop(),
  });
  lifecycle.add({ name: 'messengers', start: () => messengers.start(), stop: () => messengers.stop() });
  // Voice is one channel among several: a taken port must not take the panel down with it.
  lifecycle.add({
    name: 'wyoming',
    start: async () => {
      wyomingPort = await wyoming.start().catch((err: unknown) => {
        logger.error({ err: describeError(err), port: config.wyomingPort }, 'the Assist (Wyoming) server cannot listen; voice is off');
        return undefined;
      });
    },
    stop: () => wyoming.stop(),
  });
  const discovery = new AbortController();
  lifecycle.add({
    name: 'discovery',
    start: () => {
      if (wyomingPort === undefined || !config.supervisor) return;
      const uri = `tcp://${hostname()}:${wyomingPort}`;
      const { url: supervisorUrl, token } = config.supervisor;
      void announceDiscovery({ supervisorUrl, token, service: 'wyoming', config: { uri }, logger: logger.child({ module: 'discovery' }) }, discovery.signal);
    },
    stop: () => discovery.abort(),
  });
  lifecycle.add({
    name: 'started',
    start: () => {
      logger.info({ port, mode: config.mode, model: provider ? model : 'none' }, 'Majordome is listening');
      if (!provider) logger.warn('No model key: set anthropic_api_key (or openai_api_key / openai_base_url with llm_provider "openai") to let Majordome answer.');
      if (options.daily_budget_usd !== undefined && !prices.priceOf(model)) {
        logger.warn({ model }, 'daily_budget_usd cannot count this model: it has no known price; add it to model_prices or set daily_budget_tokens');
      }
    },
  });
  // Once HA has described the home (exposure, locks), without holding up the start.
  const lifetime = new AbortController();
  let startupCheck: Promise<void> = Promise.resolve();
  lifecycle.add({
    name: 'startup security check',
    start: () => {
      startupCheck = logStartupSecurityCheck({
        facts: () => security.facts(),
        homeLoaded: index.loaded(),
        // A home whose HA is down still gets its check logged, with exposure unknown.
        waitMs: 15_000,
        logger: logger.child({ module: 'security' }),
        signal: lifetime.signal,
      });
    },
    stop: async () => {
      lifetime.abort();
      await startupCheck;
    },
  });
  return () => ({ port, wyomingPort });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    // One line naming the option: the add-on log is where users look.
    console.error(`Majordome cannot start: ${describeError(err)}`);
    process.exit(err instanceof MajordomeError && err.code === 'config_invalid' ? 78 : 1);
  }
  const secrets = createConfigRedactor(config);
  const logger = createLogger(config.options.log_level, undefined, secrets);
  const server = await startMajordome(config, logger, undefined, {}, secrets);
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`Majordome stopped: ${describeError(err)}`);
    process.exit(1);
  });
}
