/** What the tool cards say after a call reads in the person's language; the model's output stays English. */
import { describe, expect, it } from 'vitest';
import { taskTitle } from '../../../src/agent/scheduler/task-run.js';
import { t } from '../../../src/messages/messages.js';
import { actFailure, actLine, openedLine, screenshotLine } from '../../../src/tools/browser/result-lines.js';
import { runBrowserTool } from '../../../src/tools/browser/tool-support.js';
import { unavailableResult } from '../../../src/tools/home/results.js';
import { markedLine, movedLine, searchLine, sentLine } from '../../../src/tools/mail/result-lines.js';
import { runMailTool } from '../../../src/tools/mail/tool-support.js';
import { recipientsOrThrow } from '../../../src/mail/compose.js';
import { pickAccount } from '../../../src/mail/account.js';
import { describeRun } from '../../../src/tools/shell/run-tool.js';

const finished = (over: { exitCode?: number | null; signal?: string | null; timedOut?: boolean }) => ({
  ran: true as const,
  cwd: '/config',
  timeoutS: 30,
  sandbox: 'none' as const,
  exitCode: over.exitCode === undefined ? 0 : over.exitCode,
  signal: over.signal ?? null,
  timedOut: over.timedOut ?? false,
  aborted: false,
  stdout: { text: 'ok', totalBytes: 2, omittedBytes: 0 },
  stderr: { text: '', totalBytes: 0, omittedBytes: 0 },
});

describe('the mail cards in French', () => {
  it('words a search, a send, a move and a mark, subjects and folders as they are', () => {
    expect(searchLine({ total: 0, folder: 'INBOX' }, 'fr')).toBe('Aucun mail correspondant dans INBOX');
    expect(searchLine({ total: 1, folder: 'INBOX' }, 'fr')).toBe('1 message dans INBOX');
    expect(sentLine({ subject: 'Dîner', to: ['anna@example.com'], cc: [] }, 'fr')).toBe('« Dîner » envoyé à anna@example.com');
    expect(movedLine({ uid: 12, from_folder: 'INBOX', to_folder: 'Archive' }, 'fr')).toBe('Message 12 déplacé de INBOX vers Archive');
    expect(markedLine({ uid: 12, folder: 'INBOX' }, true, false, 'fr')).toBe('Message 12 dans INBOX marqué lu et non suivi');
  });

  it('words a failure in French while the model reads the error as it came', async () => {
    const result = await runMailTool({ secrets: [] }, () => Promise.reject(new Error('connection refused')), () => '', t('fr', 'mail.send_failed'), undefined, 'fr');
    expect(result.summary).toBe('Mail non envoyé : connection refused');
    expect(result.output).toEqual({ error: 'connection refused' });
  });

  it('says in French why the mailer refused a recipient, while the model reads the English', async () => {
    const result = await runMailTool({ secrets: [] }, async () => recipientsOrThrow('Anna <anna@home.test>', 'to'), () => '', t('fr', 'mail.send_failed'), undefined, 'fr');
    expect(result.summary).toMatch(/^Mail non envoyé : to : « Anna <anna@home\.test> » n’est pas une simple adresse e-mail\./);
    expect(result.output).toEqual({
      error: 'to: "Anna <anna@home.test>" is not one plain e-mail address. Give each recipient as a bare address such as anna@example.com, without a name, comment or group.',
    });
  });

  it('says in French that no mail account is configured, the option named as it is', async () => {
    const result = await runMailTool({ secrets: [] }, async () => pickAccount([], undefined), () => '', t('fr', 'mail.search_failed'), undefined, 'fr');
    expect(result.summary).toBe('Recherche de mails impossible : Aucun compte mail n’est configuré (ajoutez-en un dans mail_accounts, dans les options de l’add-on).');
    expect(result.output).toEqual({ error: 'No mail account is configured (add one under mail_accounts in the add-on options).' });
  });

  it('keeps English when no language is given', () => {
    expect(searchLine({ total: 2, folder: 'INBOX' })).toBe('2 messages in INBOX');
    expect(markedLine({ uid: 3, folder: 'INBOX' }, false, true)).toBe('Message 3 in INBOX marked unread and flagged');
  });
});

describe('the browser cards in French', () => {
  it('words a page opened, an action and a screenshot, never the typed text', () => {
    expect(openedLine({ url: 'https://example.org/a', title: '' }, 'fr')).toBe('example.org ouvert : (sans titre)');
    expect(actLine('type', 'e4', 'hunter2', 'fr')).toBe('Texte saisi dans e4');
    expect(screenshotLine('not a url', '/api/screenshots/1', 'fr')).toBe('Capture d’écran de la page (/api/screenshots/1)');
  });

  it('words a failure in French', async () => {
    const result = await runBrowserTool(() => Promise.reject(new Error('timeout')), t('fr', 'browser.snapshot_failed'), 'fr');
    expect(result.summary).toBe('Impossible de lire la page : timeout');
    expect(actLine('click', 'e7', undefined)).toBe('Clicked e7');
  });

  it('names a failed action with a French verb, never the raw action word', async () => {
    const click = await runBrowserTool(() => Promise.reject(new Error('element is not visible')), actFailure('click', 'e7', undefined, 'fr'), 'fr');
    expect(click.summary).toBe('Impossible de cliquer sur e7 : element is not visible');
    expect(actFailure('type', 'e4', 'hunter2', 'fr')).toBe('Impossible de saisir du texte dans e4');
    expect(actFailure('select', 'e5', 'Paris', 'fr')).toBe('Impossible de choisir une option dans e5');
    expect(actFailure('press', 'e6', 'Enter', 'fr')).toBe('Impossible d’appuyer sur Enter dans e6');
    expect(actFailure('click', 'e7', undefined)).toBe('Could not click e7');
    expect(actFailure('type', 'e4', 'hunter2')).toBe('Could not type into e4');
  });
});

describe('shell_run’s card in French', () => {
  it('says how the command ended in French; the output the model reads is unchanged', () => {
    const run = describeRun('ls /config', finished({ exitCode: 2 }), 'fr');
    expect(run.summary).toBe('`ls /config` s’est terminée avec le code 2');
    expect(run.output).toMatchObject({ exit_code: 2, stdout: 'ok' });
    expect(describeRun('sleep 99', finished({ exitCode: null, timedOut: true }), 'fr').summary).toBe(
      '`sleep 99` a dépassé 30 s et a été arrêtée avec tout ce qu’elle avait lancé',
    );
    expect(describeRun('ls', finished({ exitCode: 0 })).summary).toBe('`ls` exited with code 0');
  });
});

describe('the home outage line and the task notification title', () => {
  it('says Home Assistant is unavailable in French, the model’s message unchanged', () => {
    const result = unavailableResult('fr');
    expect(result.summary).toBe('Home Assistant indisponible');
    expect(unavailableResult().summary).toBe('Home Assistant unavailable');
    expect(result.output).toEqual(unavailableResult().output);
  });

  it('titles a task’s notification in French, the prompt as written', () => {
    expect(taskTitle({ prompt: 'Lis-moi  les nouvelles' }, 'fr')).toBe('Majordome : Lis-moi les nouvelles');
    expect(taskTitle({ prompt: 'Read me the news' })).toBe('Majordome: Read me the news');
  });
});
