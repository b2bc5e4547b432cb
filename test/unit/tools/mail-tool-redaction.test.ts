import { describe, expect, it } from 'vitest';
import { runMailTool } from '../../../src/tools/mail/tool-support.js';

const PASSWORD = 'p@ss/w0rd "x"';
const mail = { secrets: [PASSWORD] };

describe('a mail tool result', () => {
  it('hides the account password however the server wrote it: as is, JSON-escaped or in an address', async () => {
    const echoed = `login failed: ${PASSWORD}; json {"pw":${JSON.stringify(PASSWORD)}}; url imap://me:${encodeURIComponent(PASSWORD)}@mail.example`;
    const result = await runMailTool(mail, async () => ({ note: echoed }), (out) => out.note, 'Could not search');
    expect(JSON.stringify(result)).not.toContain('w0rd');
    expect(result.summary).toContain('[redacted]');
  });

  it('hides secret-shaped strings a message carries (an API key) like every other output', async () => {
    const key = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz';
    const result = await runMailTool(mail, async () => ({ body: `your key is ${key}` }), () => 'Read 1 message', 'Could not read');
    expect(JSON.stringify(result.output)).not.toContain(key);
  });

  it('hides the password from a failure too', async () => {
    const result = await runMailTool(mail, () => Promise.reject(new Error(`AUTH failed for ${encodeURIComponent(PASSWORD)}`)), () => '', 'Could not search');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('w0rd');
  });
});
