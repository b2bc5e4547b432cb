import { describe, expect, it } from 'vitest';
import { summaryOf, testTools } from '../policy/described-calls.js';

const tools = testTools();
const summarizeCall = (tool: string, input: unknown) => summaryOf(tools, tool, input);

describe('the approval summary of mail_send', () => {
  it('shows the whole draft: recipients, subject and the full body, uncut', () => {
    const body = `Yes, Friday at 8 works for me.\n\n${'See you there. '.repeat(40)}\nAlice`;
    const summary = summarizeCall('mail_send', { to: ['bob@example.org'], cc: 'anna@example.com', subject: 'Dinner', body });
    expect(summary.split('\n').slice(0, 5)).toEqual([
      'Send an e-mail to bob@example.org and anna@example.com: “Dinner”',
      '',
      'To: bob@example.org',
      'Cc: anna@example.com',
      'Subject: Dinner',
    ]);
    expect(summary.endsWith(`\n\n${body}`)).toBe(true);
  });

  it('lists every address the mail goes to, one by one, as the mailer reads them', () => {
    const summary = summarizeCall('mail_send', { to: 'bob@example.org; carl@example.net', cc: ['anna@example.com,dan@example.com'], subject: 'Dinner', body: 'Hi' });
    expect(summary.split('\n').slice(0, 4)).toEqual([
      'Send an e-mail to bob@example.org, carl@example.net, anna@example.com and dan@example.com: “Dinner”',
      '',
      'To: bob@example.org, carl@example.net',
      'Cc: anna@example.com, dan@example.com',
    ]);
  });

  it('shows the subject a reply will really have, and which message it answers', () => {
    const summary = summarizeCall('mail_send', { to: 'bob@example.org', subject: 'Dinner on Friday?', body: 'Yes!', reply_to_uid: 12 });
    expect(summary).toContain('Subject: Re: Dinner on Friday?\nIn reply to message 12\n\nYes!');
    expect(summary.split('\n')[0]).toBe('Send an e-mail to bob@example.org: “Re: Dinner on Friday?”');
  });
});
