/**
 * The demo: the real Majordome server against the HA simulator loaded with a real home (a
 * community member's installation from HA's frontend demo) plus a front door lock, a garage door
 * and Alice's phone, behind a stand-in for HA's ingress that logs you in as the home's admin.
 * Talks to Claude when ANTHROPIC_API_KEY is set; otherwise the "demo model" answers the panel's
 * example questions and simple home commands, and the demo says so. Approvals sent to the phone
 * are printed here, as the phone would show them. With chromium it serves a page for the browser;
 * with dovecot, Alice's mailbox (and an SMTP server that keeps what is sent, printed here).
 *
 *   npm run demo [-- --home sections|arsaboo|jimpower|kernehed|teachingbirds] [--port 8099] [--data-dir DIR]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../src/config/config.js';
import { parseOptions } from '../src/config/load-config.js';
import { createLogger } from '../src/logger.js';
import { startMajordome } from '../src/main.js';
import { packageRoot } from '../src/package-info.js';
import { PARISH_HALL_QUESTION } from '../test/fake-llm/demo-browser.js';
import { createDemoResponder, DEMO_MODEL_NAME } from '../test/fake-llm/demo-model.js';
import { startFakeAnthropic } from '../test/fake-llm/index.js';
import { DEMO_DEFAULT_HOME, DEMO_PHONE_SERVICE, loadDemoHome, startHaSim, type HaSim, type SimHome } from '../test/ha-sim/index.js';
import { startIngressProxy } from '../test/support/ingress-proxy.js';
import { startParishHallSite, type ParishHallSite } from '../test/support/parish-hall-site.js';
import { mailBannerText, printSentMail, startDemoMail, type DemoMailState } from './demo-mail.js';
import { checkPortFree } from './demo-port.js';

const HOMES = ['sections', 'arsaboo', 'jimpower', 'kernehed', 'teachingbirds'] as const;
type HomeName = (typeof HOMES)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      home: { type: 'string', default: DEMO_DEFAULT_HOME },
      port: { type: 'string', default: process.env.MAJORDOME_PORT ?? '8099' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`npm run demo -- [--home ${HOMES.join('|')}] [--port 8099] [--data-dir .data/demo]`);
    return;
  }
  if (!HOMES.includes(values.home as HomeName)) throw new Error(`--home must be one of ${HOMES.join(', ')}`);
  const publicPort = Number(values.port);
  if (!Number.isInteger(publicPort) || publicPort < 1 || publicPort > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  // Checked before anything starts: a busy port is one line, not a stack trace after the home loaded.
  await checkPortFree(publicPort);

  const home = loadDemoHome(values.home as HomeName);
  const sim = await startHaSim({ home });

  // The browser needs Debian's chromium; the page it shows is served here, on loopback.
  const chromiumPath = process.env.MAJORDOME_CHROMIUM ?? '/usr/bin/chromium';
  const hall = existsSync(chromiumPath) ? await startParishHallSite() : undefined;
  // Mail needs dovecot; its servers run outside this process, so a failed start stops them too.
  const mail = await startDemoMail();
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : join(packageRoot(), '.data', 'demo');
  try {
    await run({ publicPort, dataDir, home, sim, chromiumPath, hall, mail });
  } catch (err) {
    if ('mailbox' in mail) await mail.mailbox.stop();
    throw err;
  }
}

/** What the demo has started before Majordome, and where it keeps its data. */
interface DemoParts {
  publicPort: number;
  dataDir: string;
  home: SimHome;
  sim: HaSim;
  chromiumPath: string;
  hall: ParishHallSite | undefined;
  mail: DemoMailState;
}

/** Starts Majordome and the ingress stand-in on what main() started, prints the banner, and stops everything on Ctrl+C. */
async function run({ publicPort, dataDir, home, sim, chromiumPath, hall, mail }: DemoParts): Promise<void> {
  const logger = createLogger((process.env.LOG_LEVEL as 'debug' | 'info' | undefined) ?? 'info');
  const mailbox = 'mailbox' in mail ? mail.mailbox : undefined;

  // An empty ANTHROPIC_API_KEY (exported blank) means no key: the demo model answers.
  const apiKey = process.env.ANTHROPIC_API_KEY?.trim() || undefined;
  const scripted = apiKey ? undefined : await startFakeAnthropic({ fallback: createDemoResponder({ ...(hall && { parishHallUrl: hall.url }) }) });

  mkdirSync(dataDir, { recursive: true });
  const options = parseOptions({
    anthropic_api_key: apiKey ?? scripted?.apiKey,
    language: process.env.MAJORDOME_LANGUAGE ?? 'en',
    log_level: 'info',
    approval_notify: [DEMO_PHONE_SERVICE],
    // A loopback page is reachable only with browser_allow_private: on for the demo's own page, never a default.
    ...(hall && { browser_enabled: true, browser_allow_private: true }),
    // Alice's mailbox: plain IMAP and SMTP on loopback, which the security check flags (the banner says so).
    ...(mailbox && { mail_accounts: [mailbox.account] }),
    // The stand-in is named for what it is: the status page shows "demo model", and it has no price.
    ...(scripted ? { model: DEMO_MODEL_NAME } : process.env.MAJORDOME_MODEL ? { model: process.env.MAJORDOME_MODEL } : {}),
  });
  // The key and the mail password live in memory only; the file on disk shows the shape of a real options.json without them.
  const onDisk = { ...options, anthropic_api_key: undefined, mail_accounts: options.mail_accounts.map((account) => ({ ...account, password: undefined })) };
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify(onDisk, null, 2));

  const config: Config = {
    mode: 'standalone',
    ha: { url: sim.url, token: sim.adminToken },
    dataDir,
    port: 0,
    trustedProxies: ['127.0.0.1'],
    wyomingPort: 0,
    chromiumPath,
    anthropicBaseUrl: scripted?.url ?? process.env.ANTHROPIC_BASE_URL,
    options,
  };
  const majordome = await startMajordome(config, logger, '127.0.0.1');
  const proxy = await startIngressProxy({
    target: `http://127.0.0.1:${majordome.port}`,
    user: { id: 'user-admin', name: 'alice', displayName: 'Alice' },
    port: publicPort,
  });

  const chatUrl = `${proxy.url}api/chat`;
  console.log(`
Majordome demo is running.
  Home:      ${home.name} (${home.states.length} entities, simulated Home Assistant at ${sim.url})
  Panel:     http://localhost:${publicPort}/  (you are logged in as Alice, the home's admin)
  Model:     ${apiKey ? `Claude (${options.model ?? 'default model'})` : `the ${DEMO_MODEL_NAME}, a scripted stand-in: it answers the chat's example questions and simple commands ("turn on …", "open the garage door")`}
${apiKey ? '' : '  For real answers, stop the demo and run it again with ANTHROPIC_API_KEY=sk-ant-… set.\n'}  Phone:     approvals go to Alice's phone (${DEMO_PHONE_SERVICE}); they are printed here as it would show them.
  Exposed on purpose for the demo: lock.front_door and cover.garage_door (each opening asks for a yes).
  Browser:   ${hall ? `on, with a parish hall page served at ${hall.url}. Ask "${PARISH_HALL_QUESTION}"
             (opening the page asks for a yes). The page is on this machine, so the demo turns on
             browser_allow_private, which also lets the browser reach your home network: demo only.` : `off: no chromium at ${chromiumPath} (apt install chromium, or set MAJORDOME_CHROMIUM).`}
  Mail:      ${mailBannerText(mail)}

Try it from a terminal:
  curl -N -H 'content-type: application/json' -d '{"message":"open the garage door"}' ${chatUrl}
Data (conversations, audit log): ${dataDir}
Press Ctrl+C to stop.`);

  const stopPrinting = printPhoneNotifications(sim);
  const stopPrintingMail = mailbox ? printSentMail(mailbox.smtp) : () => undefined;
  const stop = async () => {
    stopPrinting();
    stopPrintingMail();
    await proxy.stop();
    await majordome.stop();
    await scripted?.stop();
    await hall?.stop();
    // Dovecot runs in a process group of its own: nothing but this stops it.
    await mailbox?.stop();
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  // A closed terminal too: its hang-up would end this process and leave dovecot running.
  process.once('SIGHUP', () => void stop());
}

/** Prints what the demo phone receives (approval notifications), as a phone would show it; returns a stop function. */
function printPhoneNotifications(sim: HaSim): () => void {
  const service = DEMO_PHONE_SERVICE.replace(/^notify\./, '');
  let seen = sim.serviceCalls.length;
  const timer = setInterval(() => {
    for (const call of sim.serviceCalls.slice(seen)) {
      if (call.domain !== 'notify' || call.service !== service || call.service_data.message === 'clear_notification') continue;
      const data = call.service_data;
      const actions = ((data.data as { actions?: Array<{ title?: string }> } | undefined)?.actions ?? []).map((a) => `[${a.title ?? ''}]`).join(' ');
      console.log(`\n📱 Alice's phone: ${typeof data.title === 'string' ? `${data.title}: ` : ''}${String(data.message)} ${actions}`.trimEnd());
    }
    seen = sim.serviceCalls.length;
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}

main().catch((err: unknown) => {
  console.error(`The demo could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
