/**
 * An approval's words for one reader. An approval is asked in the requester's language, but what
 * is approved is the call (the hash of its tool, input and what it acts on), never the words: so
 * the summary is made again by the call's tool and the reason from the policy's kept wording, in
 * the reader's language. When they cannot be made again, the stored words are shown.
 */
import { readWording, wordIn } from '../../messages/wording.js';
import type { ApprovalRecord } from '../../store/approvals.js';
import { bindingHash } from './binding-hash.js';

/** A stored call described again by its tool: its summary in the asked language, and what it acts on now. */
export interface CallWords {
  summary: string;
  actsOn?: readonly string[] | undefined;
}

/**
 * Describes a stored call again (the tool registry), in `language`; undefined when its tool is gone
 * or its input no longer fits.
 */
export type DescribeStoredCall = (tool: string, input: unknown, language: string) => CallWords | undefined;

/** What an approval says, in one reader's words. */
export interface ApprovalWords {
  summary: string;
  reason: string;
}

/**
 * The summary in `language`, when the tool describes the very call that was approved: same tool,
 * same input, acting on the same things (an area that grew since, or an automation changed in HA
 * since, describes another call, and the stored words stay).
 */
function summaryIn(record: ApprovalRecord, language: string, describe: DescribeStoredCall | undefined): string {
  let again: CallWords | undefined;
  try {
    again = describe?.(record.tool, record.input, language);
  } catch {
    // A tool that cannot describe the call now leaves the words it was asked with.
    return record.summary;
  }
  if (!again || bindingHash(record.tool, record.input, again.actsOn) !== record.inputHash) return record.summary;
  return again.summary;
}

/** The reason in `language`, from the policy's wording kept with the approval; the stored sentence without one. */
function reasonIn(record: ApprovalRecord, language: string): string {
  const words = readWording(record.reasonWords);
  return words === undefined ? record.reason : wordIn(language, words);
}

/** The approval's summary and reason for a reader of `language`. */
export function approvalWordsIn(record: ApprovalRecord, language: string, describe: DescribeStoredCall | undefined): ApprovalWords {
  return { summary: summaryIn(record, language, describe), reason: reasonIn(record, language) };
}
