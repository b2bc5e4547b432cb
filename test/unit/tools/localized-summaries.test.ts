/** What people approve reads in their language: the summaries of mail, shell, browser, task and authoring calls. */
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/messages/messages.js';
import { riskFlags } from '../../../src/tools/authoring/risk-flags.js';
import { changeSummary } from '../../../src/tools/authoring/summary.js';
import { taintSourceFor } from '../../../src/tools/browser/tool-support.js';
import { mailTaintSource } from '../../../src/tools/mail/tool-support.js';
import { shellTaintSource } from '../../../src/tools/shell/run-tool.js';
import { summaryOf, testTools } from '../policy/described-calls.js';

const tools = testTools({ browserFacts: { factsOf: () => undefined } });

describe('approval summaries in the asking person’s language', () => {
  it('words a mail draft in French, the draft itself untouched', () => {
    const summary = summaryOf(tools, 'mail_send', { to: ['bob@example.org', 'anna@example.com'], subject: 'Dîner', body: 'Oui !', reply_to_uid: 12 }, 'fr-FR');
    expect(summary.split('\n')).toEqual([
      'Envoyer un e-mail à bob@example.org et anna@example.com : « Re: Dîner »',
      '',
      'À : bob@example.org, anna@example.com',
      'Objet : Re: Dîner',
      'En réponse au message 12',
      '',
      'Oui !',
    ]);
  });

  it('words a shell command, a page to open and a browser action in French', () => {
    expect(summaryOf(tools, 'shell_run', { command: 'df -h /config', cwd: '/config' }, 'fr')).toBe('Exécuter la commande shell (dans /config) : df -h /config');
    expect(summaryOf(tools, 'browser_open', { url: 'https://example.org/' }, 'fr')).toBe('Ouvrir https://example.org/ dans le navigateur');
    expect(summaryOf(tools, 'browser_act', { ref: 'e4', action: 'type', text: 'hunter2' }, 'fr')).toBe('Saisir du texte dans le champ e4 du navigateur');
    expect(summaryOf(tools, 'browser_act', { ref: 'e7', action: 'click' }, 'fr')).toBe('Dans le navigateur, cliquer sur e7');
  });

  it('words a task in French, its prompt and schedule shown whole', () => {
    expect(summaryOf(tools, 'task_schedule', { prompt: 'Lis-moi les nouvelles', cron: '0 7 * * 1-5' }, 'fr')).toBe(
      'Planifier une tâche qui s’exécute selon le calendrier « 0 7 * * 1-5 », pour : Lis-moi les nouvelles',
    );
    expect(summaryOf(tools, 'task_schedule', { prompt: 'Trie mon courrier', trigger: { type: 'mail' } }, 'fr')).toContain('à chaque nouveau mail');
  });

  it('keeps English where no language is given (stored and audited summaries stay as they were)', () => {
    expect(summaryOf(tools, 'shell_run', { command: 'ls' })).toBe('Run the shell command: ls');
    expect(summaryOf(tools, 'browser_act', { ref: 'e7', action: 'click' })).toBe('In the browser, click e7');
    expect(changeSummary({ kind: 'automation', id: 'a1', next: { alias: 'Evening', actions: [] }, current: undefined, flags: [] }).split('\n')[0]).toBe('Create the automation "Evening" (id a1):');
  });
});

describe('what a conversation read, in the reader’s language', () => {
  it('names a web page, a mail and a command’s output in French for the taint approval', () => {
    expect(taintSourceFor('https://example.org/news', 'fr')).toBe('la page web example.org');
    expect(taintSourceFor('not a url', 'fr')).toBe('une page web');
    expect(mailTaintSource('anna@example.com', 'fr')).toBe('un mail de anna@example.com');
    expect(mailTaintSource('', 'fr')).toBe('un mail d’un expéditeur inconnu');
    expect(shellTaintSource('cat notes.txt', 'fr')).toBe('la sortie de `cat notes.txt`');
    expect(t('fr', 'policy.taint', { source: taintSourceFor('https://example.org/', 'fr') })).toMatch(/^après avoir lu la page web example\.org,/);
  });

  it('keeps the English words by default', () => {
    expect(taintSourceFor('https://example.org/news')).toBe('the web page example.org');
    expect(mailTaintSource('anna@example.com')).toBe('a mail from anna@example.com');
    expect(mailTaintSource('')).toBe('a mail from an unknown sender');
    expect(shellTaintSource('ls')).toBe('the output of `ls`');
  });
});

// Their French wording is tested in authoring-summary-language.test.ts.
describe('the warnings of an automation change, in the approver’s language', () => {
  const actions = [
    { action: 'lock.unlock', target: { entity_id: 'lock.front_door' } },
    { action: 'notify.mobile_app_phone', data: { message: 'hi' } },
  ];

  it('keeps the English warnings by default', () => {
    expect(riskFlags(actions, () => undefined)[0]).toBe('Careful: it acts on a lock, an alarm panel, a garage door or a gate (lock.front_door), later, with nobody asked.');
  });
});
