/**
 * Part of the composition root (main.ts): the optional capabilities, each built only when its
 * option turns it on, and each importing its library (playwright-core, imapflow and nodemailer,
 * execa) only then, so that what a home does not use costs it no memory.
 */
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';
import type { BrowserService } from '../browser/browser-service.js';
import { homeHostsOf } from '../browser/home-hosts.js';
import type { MailService } from '../mail/mail-service.js';
import type { ShellService } from '../shell/shell-service.js';
import type { AnyTool } from '../tools/tool.js';

/** A built capability: its service (started and stopped by main) and its tools. */
export interface Capability<S> {
  service: S;
  tools: AnyTool[];
}

/** The browser, when `browser_enabled`: Chromium starts on first use, behind a guard that refuses the home network. */
export async function loadBrowser(
  config: Config,
  logger: Logger,
  opts: { idleMs: number; selfPorts: () => readonly number[] },
): Promise<Capability<BrowserService> | undefined> {
  const { options } = config;
  if (!options.browser_enabled) return undefined;
  const [{ BrowserService }, { createBrowserTools }] = await Promise.all([import('../browser/browser-service.js'), import('../tools/browser.js')]);
  const service = new BrowserService({
    chromiumPath: config.chromiumPath,
    profileDir: join(config.dataDir, 'browser'),
    screenshotDir: join(config.dataDir, 'browser-screenshots'),
    allowPrivate: options.browser_allow_private,
    // HA and the Supervisor by name too.
    homeHosts: homeHostsOf({ haUrl: config.ha.url, supervisorUrl: config.supervisor?.url, addon: config.mode === 'addon' }),
    selfPorts: opts.selfPorts,
    idleMs: opts.idleMs,
    locale: options.language,
    logger: logger.child({ module: 'browser' }),
  });
  return { service, tools: createBrowserTools({ browser: service }) };
}

/** Mail, when `mail_accounts` lists an account. */
export async function loadMail(config: Config, logger: Logger): Promise<Capability<MailService> | undefined> {
  const { options } = config;
  if (options.mail_accounts.length === 0) return undefined;
  const [{ MailService }, { createMailTools }] = await Promise.all([import('../mail/mail-service.js'), import('../tools/mail.js')]);
  const service = new MailService({ accounts: options.mail_accounts, logger: logger.child({ module: 'mail' }) });
  return { service, tools: createMailTools({ mail: service }) };
}

/**
 * The shell, when `shell_enabled`. Commands get an allowlisted environment, never this process's
 * (tokens, keys); a sandbox hides the data folder.
 */
export async function loadShell(config: Config, logger: Logger): Promise<Capability<ShellService> | undefined> {
  const { options } = config;
  if (!options.shell_enabled) return undefined;
  const [{ ShellService }, { createShellTools }] = await Promise.all([import('../shell/shell-service.js'), import('../tools/shell.js')]);
  const service = new ShellService({
    roots: options.shell_roots,
    timeoutS: options.shell_timeout_s,
    sandbox: options.shell_sandbox,
    env: process.env,
    hidden: [config.dataDir],
    logger: logger.child({ module: 'shell' }),
  });
  return { service, tools: createShellTools({ shell: service, dataDir: config.dataDir }) };
}
