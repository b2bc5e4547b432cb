import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent } from './agent/agent.js';
import { systemClock, type SchedulerClock } from './agent/scheduler/clock.js';
import { createTaskNotifier } from './agent/scheduler/notifier.js';
import { TaskScheduler } from './agent/scheduler/task-scheduler.js';
import { createTriggerWatcher } from './agent/scheduler/triggers.js';
import { HaEventBridge } from './channels/ha-events/event-bridge.js';
import { HttpServer } from './channels/http/index.js';
import { createMessengerChannels, type MessengerOverrides } from './channels/messenger/messenger-channels.js';
import { createHaUserLookup } from './channels/messenger/user-map.js';
import { SocketChannel } from './channels/socket/socket-channel.js';
import { buildSystemStatus } from './channels/socket/status-report.js';
import { RunningTurns } from './channels/running-turns.js';
import { createPeerCheck, resolveWyomingPeers } from './channels/wyoming/peer-allowlist.js';
import { createVoiceAnnouncer } from './channels/wyoming/voice-announcer.js';
import { WyomingServer } from './channels/wyoming/wyoming-server.js';
import type { Config } from './config/config.js';
import { loadConfig } from './config/load-config.js';
import { describeError, MajordomeError } from './errors.js';
import { EntityIndex } from './ha/entity-index.js';
import { HaConnection } from './ha/ha-connection.js';
import { HomeConfigCache } from './ha/home-config-cache.js';
import { announceDiscovery } from './ha/supervisor-discovery.js';
import { createTokenVerifier } from './ha/token-verifier.js';
import { createAdminCheck, createUserDirectory } from './ha/user-directory.js';
import { createLogger, withSecretRedaction, type Logger } from './logger.js';
import { packageRoot, packageVersion } from './package-info.js';
import { createApproverCheck } from './policy/approvers.js';
import { createBrowserFactsHook } from './policy/browser-facts.js';
import { PhoneApprovals } from './policy/phone-approvals.js';
import { createPhoneUserResolver } from './policy/phone-user.js';
import { createFactResolver, standardFactReaders } from './policy/fact-resolver.js';
import { createPolicyServices } from './policy/policy-services.js';
import { redactAudit } from './policy/redacting-audit.js';
import { createConfigRedactor, type SecretRedactor } from './policy/secrets.js';
import { createEgressTracker } from './policy/egress-tracker.js';
import { createTaintTracker } from './policy/taint.js';
import { createSavedRulesAccess } from './policy/saved-rules-access.js';
import { AuditLog } from './store/audit.js';
import { ChatLinkStore } from './store/chat-links.js';
import { ConversationStore } from './store/conversations.js';
import { MemoryStore } from './store/memories.js';
import { TaskStore } from './store/tasks.js';
import { closeDatabase, openDatabase } from './store/database.js';
import { logStartupSecurityCheck } from './security-check/startup-log.js';
import { buildModel } from './startup/model.js';
import { loadBrowser, loadMail, loadShell } from './startup/optional-capabilities.js';
import { watchVoiceHaVersion } from './startup/ha-version-check.js';
import { buildSecurityCheck } from './startup/security-check.js';
import { describeTriggerEntity } from './startup/trigger-entity.js';
import { EgressStore } from './store/egress.js';
import { TaintStore } from './store/taint.js';
import { createHomeTools } from './tools/home.js';
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

// In add-on mode a user's own HA token must be checked by HA Core itself: the Supervisor's /core
// proxy only accepts the add-on's token.
const CORE_URL_IN_ADDON = 'http://homeassistant:8123';

/**
 * Builds every service from the config and starts the servers. `secrets` hides the configured
 * secrets from the model, the chat, the audit log and the logs (main() builds it once for its logger too).
 */
export async function startMajordome(
  config: Config,
  baseLogger: Logger,
  host = '0.0.0.0',
  overrides: MajordomeOverrides = {},
  secrets: SecretRedactor = createConfigRedactor(config),
): Promise<Majordome> {
  const logger = withSecretRedaction(baseLogger, secrets);
  const root = packageRoot();
  const version = packageVersion(root);
  const startedAt = Date.now();
  const options = config.options;

  const db = openDatabase(join(config.dataDir, 'majordome.db'));
  const conversations = new ConversationStore(db, { logger });
  const audit = new AuditLog(db);
  const auditWriter = redactAudit(audit, secrets);

  const ha = new HaConnection({ url: config.ha.url, token: config.ha.token, logger: logger.child({ module: 'ha' }) });
  const index = new EntityIndex({ ha, entityAccess: options.entity_access, logger: logger.child({ module: 'index' }) });
  const homeConfig = new HomeConfigCache(ha, logger);

  const { model, provider, prices, usageReport, compactor } = await buildModel(config, db, () => homeConfig.get().timeZone, logger);

  const directory = createUserDirectory({ sendMessage: (message) => ha.sendMessage(message) });
  const isAdmin = createAdminCheck(directory);
  const browserSelfPorts: number[] = [];
  const browserCapability = await loadBrowser(config, logger, {
    idleMs: overrides.browserIdleMs ?? options.browser_idle_min * 60_000,
    selfPorts: () => browserSelfPorts,
  });
  const browser = browserCapability?.service;
  const guard = createPolicyServices({
    db,
    audit: auditWriter,
    home: index,
    temperatureUnit: () => homeConfig.temperatureUnit(),
    ...(browser && { browserFacts: createBrowserFactsHook(browser) }),
    isAdmin,
    options,
    dataDir: config.dataDir,
    logger,
    ...(overrides.approvalTimeoutMs !== undefined && { approvalTimeoutMs: overrides.approvalTimeoutMs }),
  });

  const phone = new PhoneApprovals({
    approvals: guard.approvals,
    services: options.approval_notify,
    ha,
    resolveUser: createPhoneUserResolver((message) => ha.sendMessage(message)),
    canApprove: createApproverCheck({ isAdmin, approvers: options.approvers }),
    logger: logger.child({ module: 'phone-approvals' }),
  });

  const mailCapability = await loadMail(config, logger);
  const mail = mailCapability?.service;
  const shellCapability = await loadShell(config, logger);
  const shell = shellCapability?.service;
  // "Always allow" from the panel: rules read the same facts the policy tests; approvers save them.
  const savedRules = createSavedRulesAccess({
    store: guard.rules,
    facts: createFactResolver(standardFactReaders({ home: { lookup: index, temperatureUnit: () => homeConfig.temperatureUnit() }, dataDir: config.dataDir })),
    mayManage: createApproverCheck({ isAdmin, approvers: options.approvers }),
    audit,
  });

  const tools = new ToolRegistry([
    ...createHomeTools({ ha, index }),
    ...createNotifyTools({ ha }),
    ...(mailCapability?.tools ?? []),
    ...(shellCapability?.tools ?? []),
    ...(browserCapability?.tools ?? []),
  ]);
  const memories = new MemoryStore(db);
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
    ...(compactor && { compactor }),
  });

  // Always on: tasks run as turns of their owner; their answers reach the phones.
  // One clock for a task's creation and its times: the first run counts from the creation.
  const schedulerClock = overrides.schedulerClock ?? systemClock;
  const scheduler = new TaskScheduler({
    store: new TaskStore(db, { now: () => schedulerClock.now() }),
    agent,
    notify: createTaskNotifier({ ha }),
    watch: createTriggerWatcher({ ha, ...(mail && { mail }), logger: logger.child({ module: 'tasks' }) }),
    timeZone: () => homeConfig.get().timeZone,
    missedRuns: options.task_missed_runs,
    language: options.language,
    logger: logger.child({ module: 'tasks' }),
    clock: schedulerClock,
  });
  for (const tool of [...createMemoryTools({ memories, secrets }), ...createTaskTools({ tasks: scheduler })]) tools.register(tool);

  // Resolved before the servers start; the Assist port is judged only once it listens.
  const wyomingPeers = await resolveWyomingPeers({ mode: config.mode, haUrl: config.ha.url, explicit: config.wyomingPeers });
  const wyomingHome = config.wyomingPeers?.length ? await resolveWyomingPeers({ mode: config.mode, haUrl: config.ha.url }) : wyomingPeers;
  let wyomingListening = false;
  const security = buildSecurityCheck({
    config,
    shell,
    userRules: guard.userRules,
    index,
    wyoming: () => (wyomingListening ? { allowed: wyomingPeers, home: wyomingHome } : undefined),
  });

  const verifyBearer = createTokenVerifier({ haUrl: config.mode === 'addon' ? CORE_URL_IN_ADDON : config.ha.url, logger });
  // Chat turns of the panel and the HTTP API belong to their conversation, not to their client.
  const turns = new RunningTurns({ agent, onError: (err) => logger.error({ err: describeError(err) }, 'chat turn failed') });
  const socket = new SocketChannel({ turns, conversations, trustedProxies: config.trustedProxies, verifyBearer, logger: logger.child({ module: 'socket' }) });
  // Telegram and Slack, each on when its tokens are set; strangers' chats pair through the panel.
  const messengers = await createMessengerChannels({
    options,
    agent,
    approvals: guard.approvals,
    links: new ChatLinkStore(db),
    lookup: createHaUserLookup((message) => ha.sendMessage(message)),
    logger,
    ...(overrides.messengers && { overrides: overrides.messengers }),
  });
  const http = new HttpServer(
    {
      turns,
      conversations,
      audit,
      approvals: guard.approvals,
      rules: savedRules,
      ...(messengers.pairings && { pairings: messengers.pairings }),
      memories,
      // A correction in the panel obeys memory_save's rule: no secret becomes a memory.
      looksSecret: (fact) => looksSecret(fact, secrets),
      tasks: scheduler,
      describeEntity: (entityId) => describeTriggerEntity(index, entityId),
      ...(browser && { browser }),
      // Standalone: the panel signs in at HA_URL, which must be an address the browser reaches too.
      panelSignIn: config.mode === 'addon' ? { mode: 'addon' } : { mode: 'standalone', haUrl: config.ha.url },
      trustedProxies: config.trustedProxies,
      verifyBearer,
      isAdmin,
      userNames: () => directory.names(),
      health: () => ({
        ok: ha.status().connected,
        version,
        ha: { ...ha.status() },
        llm: { provider: options.llm_provider, model, configured: provider !== undefined },
        uptime_s: Math.round((Date.now() - startedAt) / 1000),
      }),
      status: () =>
        buildSystemStatus({
          version,
          mode: config.mode,
          language: options.language,
          ha: () => ha.status(),
          entityCount: () => index.size,
          llm: { provider: options.llm_provider, model, configured: provider !== undefined },
          toolNames: () => tools.list().map((tool) => tool.name),
          usage: usageReport,
        }),
      usage: usageReport,
      securityCheck: (language) => security.rows(language),
      panelDir: existsSync(join(root, 'dist', 'panel', 'index.html')) ? join(root, 'dist', 'panel') : undefined,
      requireIdentityForPanel: config.mode === 'addon',
      logger: logger.child({ module: 'http' }),
    },
    { port: config.port, host },
  );
  const wyoming = new WyomingServer(
    {
      agent,
      isAllowedPeer: createPeerCheck(wyomingPeers),
      logger: logger.child({ module: 'wyoming' }),
      version,
      defaultLanguage: options.language,
      approvalsOnPhone: options.approval_notify.length > 0,
      announce: createVoiceAnnouncer(ha, options.approval_notify),
      ...(overrides.voiceApprovalWaitMs !== undefined && { approvalWaitMs: overrides.voiceApprovalWaitMs }),
    },
    { port: config.wyomingPort, host },
  );
  const bridge = new HaEventBridge({ ha, agent, instanceName: options.instance_name, logger: logger.child({ module: 'ha-events' }) });
  const discovery = new AbortController();
  const lifetime = new AbortController();

  homeConfig.start();
  index.start();
  browser?.start();
  mail?.start();
  // Before the servers listen: the first command finds its roots resolved and its sandbox checked.
  await shell?.start();
  // Before the approvals' restart sweep, so the phones' stale notifications get cleared.
  await phone.start();
  guard.approvals.start();
  await ha.start();
  const port = await http.start();
  // The browser may never open Majordome itself.
  browserSelfPorts.push(port);
  socket.start(http.httpServer);
  const stopStatusEvents = ha.onStatus(() => socket.notifyStatusChanged());
  const stopVersionCheck = watchVoiceHaVersion(ha, logger);
  // Approvers may be many and are known only to HA: every panel refetches its (filtered) list.
  const stopApprovalEvents = guard.approvals.onChange(() => socket.notifyApprovalsChanged());
  scheduler.start();
  await bridge.start().catch((err: unknown) => logger.error({ err: describeError(err) }, 'the HA event bridge could not subscribe'));
  // Voice is one channel among several: a taken port must not take the panel down with it.
  messengers.start();
  const wyomingPort = await wyoming.start().catch((err: unknown) => {
    logger.error({ err: describeError(err), port: config.wyomingPort }, 'the Assist (Wyoming) server cannot listen; voice is off');
    return undefined;
  });
  wyomingListening = wyomingPort !== undefined;
  if (wyomingPort !== undefined && config.supervisor) {
    const uri = `tcp://${hostname()}:${wyomingPort}`;
    const { url: supervisorUrl, token } = config.supervisor;
    void announceDiscovery({ supervisorUrl, token, service: 'wyoming', config: { uri }, logger: logger.child({ module: 'discovery' }) }, discovery.signal);
  }
  logger.info({ port, mode: config.mode, model: provider ? model : 'none' }, 'Majordome is listening');
  if (!provider) logger.warn('No model key: set anthropic_api_key (or openai_api_key / openai_base_url with llm_provider "openai") to let Majordome answer.');
  if (options.daily_budget_usd !== undefined && !prices.priceOf(model)) {
    logger.warn({ model }, 'daily_budget_usd cannot count this model: it has no known price; add it to model_prices or set daily_budget_tokens');
  }
  // Once HA has described the home (exposure, locks), without holding up the start.
  const startupCheck = logStartupSecurityCheck({
    facts: () => security.facts(),
    homeLoaded: index.loaded(),
    // A home whose HA is down still gets its check logged, with exposure unknown.
    waitMs: 15_000,
    logger: logger.child({ module: 'security' }),
    signal: lifetime.signal,
  });

  return {
    port,
    wyomingPort,
    async stop() {
      discovery.abort();
      lifetime.abort();
      await startupCheck;
      await wyoming.stop();
      await messengers.stop();
      await bridge.stop();
      await scheduler.stop();
      stopStatusEvents();
      stopVersionCheck();
      stopApprovalEvents();
      turns.stopAll(new MajordomeError('cancelled', 'Majordome is stopping.'));
      await socket.stop();
      await http.stop();
      guard.approvals.stop();
      // After the approvals stop changing: a turn cut short above still clears its phone notification.
      await phone.stop();
      index.stop();
      await browser?.stop();
      await mail?.stop();
      await shell?.stop();
      homeConfig.stop();
      await ha.stop();
      closeDatabase(db);
    },
  };
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
