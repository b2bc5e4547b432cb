/**
 * Part of the composition root (main.ts): the channels people and HA reach Majordome through —
 * the panel's socket, the HTTP API, Telegram and Slack, Assist (Wyoming) and HA's event bus.
 * Nothing listens here; main.ts's lifecycle starts them in order.
 */
import { ConfigVersionStore } from '../store/config-versions.js';
import { directRestores } from './direct-restores.js';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Agent } from '../agent/agent.js';
import type { TaskScheduler } from '../agent/scheduler/task-scheduler.js';
import { HaEventBridge } from '../channels/ha-events/event-bridge.js';
import { HttpServer } from '../channels/http/index.js';
import { createMessengerChannels, type MessengerChannels, type MessengerOverrides } from '../channels/messenger/messenger-channels.js';
import { createHaUserLookup } from '../channels/messenger/user-map.js';
import { RunningTurns } from '../channels/running-turns.js';
import { SocketChannel } from '../channels/socket/socket-channel.js';
import { buildSystemStatus } from '../channels/socket/status-report.js';
import { createPeerCheck } from '../channels/wyoming/peer-allowlist.js';
import { createVoiceAnnouncer } from '../channels/wyoming/voice-announcer.js';
import { WyomingServer } from '../channels/wyoming/wyoming-server.js';
import type { Config } from '../config/config.js';
import { describeError } from '../errors.js';
import type { EntityIndex } from '../ha/entity-index.js';
import type { HaConnection } from '../ha/ha-connection.js';
import { createTokenVerifier } from '../ha/token-verifier.js';
import { describeTriggerEntity } from './trigger-entity.js';
import type { UserIdentity } from '../contracts/identity.js';
import type { Logger } from '../logger.js';
import type { ApprovalService, SavedRulesAccess } from '../policy/index.js';
import type { AuditLog } from '../store/audit.js';
import { ChatLinkStore } from '../store/chat-links.js';
import type { ConversationStore } from '../store/conversations.js';
import type { Database } from '../store/database.js';
import type { MemoryStore } from '../store/memories.js';
import type { BrowserService } from '../browser/browser-service.js';
import type { ToolRegistry } from '../tools/registry.js';
import type { StateWordings } from '../tools/home.js';
import type { ModelServices } from './model.js';
import type { SecurityCheckService } from './security-check.js';
import { createCurrentAdminCheck, type UserDirectory } from '../ha/user-directory.js';

// In add-on mode a user's own HA token must be checked by HA Core itself: the Supervisor's /core
// proxy only accepts the add-on's token.
const CORE_URL_IN_ADDON = 'http://homeassistant:8123';

/** What the channels are built from. */
export interface ChannelsDeps {
  config: Config;
  /** Where the HTTP and Wyoming servers listen. */
  host: string;
  version: string;
  /** The package's folder (the built panel is in `dist/panel`). */
  root: string;
  startedAt: number;
  db: Database;
  agent: Agent;
  ha: HaConnection;
  index: EntityIndex;
  tools: ToolRegistry;
  conversations: ConversationStore;
  audit: AuditLog;
  memories: MemoryStore;
  scheduler: TaskScheduler;
  approvals: ApprovalService;
  savedRules: SavedRulesAccess;
  browser: BrowserService | undefined;
  isAdmin(user: UserIdentity): Promise<boolean>;
  /** HA's user list: phone taps, messenger users and whoever takes an admin-only action are looked up there. */
  directory: Pick<UserDirectory, 'person'>;
  /** HA users' display names by id, for the activity log (the user directory's last read). */
  userNames(): Promise<ReadonlyMap<string, string>>;
  /** HA's words for states in a language, for the tasks' triggers in the panel. */
  wordStates: StateWordings;
  /** A memory correction from the panel obeys memory_save's rule: no secret becomes a memory. */
  looksSecret(fact: string): boolean;
  model: Pick<ModelServices, 'model' | 'provider' | 'usageReport'>;
  security: SecurityCheckService;
  /** The addresses allowed on the Assist port. */
  wyomingPeers: readonly string[];
  logger: Logger;
  messengerOverrides?: MessengerOverrides;
  voiceApprovalWaitMs?: number;
}

/** The channels, not yet started. */
export interface Channels {
  turns: RunningTurns;
  socket: SocketChannel;
  messengers: MessengerChannels;
  http: HttpServer;
  wyoming: WyomingServer;
  bridge: HaEventBridge;
}

/** Builds every channel (the messengers' libraries load here, only when their tokens are set). */
export async function buildChannels(deps: ChannelsDeps): Promise<Channels> {
  const { config, ha, logger, agent } = deps;
  const { options } = config;
  const { model, provider, usageReport } = deps.model;
  const verifyBearer = createTokenVerifier({ haUrl: config.mode === 'addon' ? CORE_URL_IN_ADDON : config.ha.url, logger });
  // Chat turns of the panel and the HTTP API belong to their conversation, not to their client.
  const turns = new RunningTurns({ agent, language: options.language, onError: (err) => logger.error({ err: describeError(err) }, 'chat turn failed') });
  const socket = new SocketChannel({
    turns,
    language: options.language,
    conversations: deps.conversations,
    trustedProxies: config.trustedProxies,
    verifyBearer,
    logger: logger.child({ module: 'socket' }),
  });
  // Telegram and Slack, each on when its tokens are set; strangers' chats pair through the panel.
  const messengers = await createMessengerChannels({
    options,
    agent,
    approvals: deps.approvals,
    links: new ChatLinkStore(deps.db),
    lookup: createHaUserLookup(deps.directory),
    logger,
    ...(deps.messengerOverrides && { overrides: deps.messengerOverrides }),
  });
  const llm = { provider: options.llm_provider, model, configured: provider !== undefined };
  const http = new HttpServer(
    {
      turns,
      language: options.language,
      conversations: deps.conversations,
      audit: deps.audit,
      approvals: deps.approvals,
      rules: deps.savedRules,
      ...(messengers.pairings && { pairings: messengers.pairings }),
      memories: deps.memories,
      looksSecret: deps.looksSecret,
      tasks: deps.scheduler,
      configVersions: directRestores(deps.agent, new ConfigVersionStore(deps.db), logger),
      describeEntity: (entityId) => describeTriggerEntity(deps.index, entityId),
      wordStates: deps.wordStates,
      ...(deps.browser && { browser: deps.browser }),
      // Standalone: the panel signs in at HA_URL, which must be an address the browser reaches too.
      panelSignIn: config.mode === 'addon' ? { mode: 'addon' } : { mode: 'standalone', haUrl: config.ha.url },
      trustedProxies: config.trustedProxies,
      verifyBearer,
      isAdmin: deps.isAdmin,
      // Changing, admin-only actions ask HA now, through the read an approval decision makes.
      isAdminNow: createCurrentAdminCheck(deps.directory),
      userNames: deps.userNames,
      health: () => ({
        ok: ha.status().connected,
        version: deps.version,
        ha: { ...ha.status() },
        llm,
        uptime_s: Math.round((Date.now() - deps.startedAt) / 1000),
      }),
      status: () =>
        buildSystemStatus({
          version: deps.version,
          mode: config.mode,
          language: options.language,
          ha: () => ha.status(),
          entityCount: () => deps.index.size,
          llm,
          toolNames: () => deps.tools.list().map((tool) => tool.name),
          usage: usageReport,
        }),
      usage: usageReport,
      securityCheck: (language) => deps.security.rows(language),
      panelDir: existsSync(join(deps.root, 'dist', 'panel', 'index.html')) ? join(deps.root, 'dist', 'panel') : undefined,
      requireIdentityForPanel: config.mode === 'addon',
      logger: logger.child({ module: 'http' }),
    },
    { port: config.port, host: deps.host },
  );
  const wyoming = new WyomingServer(
    {
      agent,
      isAllowedPeer: createPeerCheck(deps.wyomingPeers),
      logger: logger.child({ module: 'wyoming' }),
      version: deps.version,
      defaultLanguage: options.language,
      approvalsOnPhone: options.approval_notify.length > 0,
      announce: createVoiceAnnouncer(ha, options.approval_notify),
      ...(deps.voiceApprovalWaitMs !== undefined && { approvalWaitMs: deps.voiceApprovalWaitMs }),
    },
    { port: config.wyomingPort, host: deps.host },
  );
  const bridge = new HaEventBridge({ ha, agent, language: options.language, instanceName: options.instance_name, logger: logger.child({ module: 'ha-events' }) });
  return { turns, socket, messengers, http, wyoming, bridge };
}
