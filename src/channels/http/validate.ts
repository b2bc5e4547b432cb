import type { Response } from 'express';
import type { z } from 'zod';
import { sendError } from './http-errors.js';

/** Describes the first problem zod found, e.g. `message: Too big: expected string to have <=8000 characters`. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request.';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Parses a body or query with zod; on failure answers 400 JSON and returns undefined. */
export function parseOrReject<T>(schema: z.ZodType<T>, value: unknown, res: Response): T | undefined {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  sendError(res, 400, 'invalid_request', describeIssues(result.error));
  return undefined;
}
