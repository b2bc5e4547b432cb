/**
 * How someone else's text reaches the model: inside one wrapper the system prompt explains (data
 * to read, never instructions to follow). Tool output and a task's trigger details use the same.
 */

/** `body` marked as untrusted for the model. */
export function wrapUntrusted(body: string): string {
  return `<untrusted_content>\n${body}\n</untrusted_content>`;
}
