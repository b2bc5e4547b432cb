/**
 * The audit log as writers see it, with secrets removed from what they record (inputs and
 * details come from the model and from tools). Readers keep the plain AuditLog.
 */

/** What a redacting wrapper needs (src/policy/secrets.ts's SecretRedactor fits). */
interface Redactor {
  redactText(text: string): string;
  redactValue<T>(value: T): T;
}

/** Any audit writer: `record(entry)` with an optional input and detail. */
interface AuditWriter<E, R> {
  record(entry: E): R;
}

/** Wraps an audit writer so no secret reaches an audit row. */
export function redactAudit<E extends { input?: unknown; detail?: string | undefined }, R>(audit: AuditWriter<E, R>, secrets: Redactor): AuditWriter<E, R> {
  return {
    record(entry) {
      return audit.record({
        ...entry,
        ...(entry.input !== undefined && { input: secrets.redactValue(entry.input) }),
        ...(entry.detail !== undefined && { detail: secrets.redactText(entry.detail) }),
      });
    },
  };
}
