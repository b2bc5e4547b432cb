import { mdiRobotOutline } from '@mdi/js';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LocalizeFunc, TranslationKey } from '../common/localize.js';
import { approvalCardWords, type Approval, type ApprovalStatus } from '../data/approvals.js';
import type { ToolOutcome, TranscriptItem } from '../data/transcript.js';
import { toolImagesOf } from '../common/tool-images.js';
import type { ApprovalsState } from '../controllers/approvals-controller.js';
import type { ImageState } from '../controllers/images-controller.js';
import '../components/approval-card.js';
import '../components/copy-button.js';
import '../components/md-message.js';
import '../components/mdi-icon.js';
import '../components/tool-card.js';

type ApprovalItem = Extract<TranscriptItem, { kind: 'approval' }>;

const DECISION_STATUS: Record<NonNullable<ApprovalItem['decision']>, ApprovalStatus> = {
  approve: 'approved',
  deny: 'denied',
  expired: 'expired',
};

/** What the chat view's transcript needs to render. */
export interface TranscriptContext {
  localize: LocalizeFunc;
  language: string;
  approvals: ApprovalsState;
  /** A picture a tool result points at (ImagesController.get). */
  image(path: string): ImageState;
}

function approvalCard(ctx: TranscriptContext, item: ApprovalItem | undefined, approval: Approval | undefined): TemplateResult {
  const id = item?.approvalId ?? approval?.id ?? '';
  // The turn's own event is freshest; the list covers decisions made elsewhere and reloads.
  const status = item?.decision ? DECISION_STATUS[item.decision] : (approval?.status ?? 'pending');
  const words = approvalCardWords(item, approval);
  return html`<approval-card
    data-testid="approval-card"
    data-approval-id=${id}
    .localize=${ctx.localize}
    .language=${ctx.language}
    .approvalId=${id}
    .tool=${item?.tool ?? approval?.tool ?? ''}
    .summary=${words.summary}
    .reason=${words.reason}
    .input=${item?.input ?? approval?.input}
    .status=${status}
    .decidedBy=${item?.by ?? approval?.decidedBy}
    .expiresAt=${approval?.expiresAt}
    .busy=${ctx.approvals.deciding.has(id)}
    .error=${ctx.approvals.decisionErrors[id]}
    .canSaveRule=${ctx.approvals.canSaveRules && approval?.ruleSavable === true}
    .ruleRefused=${ctx.approvals.canSaveRules && approval?.ruleSavable === false}
  ></approval-card>`;
}

const NO_IMAGES: readonly ImageState[] = [];

/** The pictures a tool result points at, loading or loaded; a new list each time so the card redraws when one arrives. */
function imagesOf(ctx: TranscriptContext, result: ToolOutcome | undefined): readonly ImageState[] {
  const paths = result ? toolImagesOf(result.summary).paths : [];
  return paths.length ? paths.map((path) => ctx.image(path)) : NO_IMAGES;
}

function renderItem(ctx: TranscriptContext, item: TranscriptItem): TemplateResult {
  const l = ctx.localize;
  switch (item.kind) {
    case 'user':
      return html`<div class="message user" data-testid="message-user"><span class="sr-only">${l('chat.you')}: </span>${item.text}</div>`;
    case 'assistant':
      return html`<div class="message assistant">
        <span class="sr-only">${l('chat.assistant')}:</span>
        <md-message data-testid="message-assistant" .text=${item.text} .streaming=${item.streaming}
          .copyCodeLabel=${l('chat.copy_code')} .copiedLabel=${l('chat.copied')}></md-message>
        ${item.streaming || !item.text
          ? nothing
          : html`<copy-button class="copy-answer" .text=${item.text} .label=${l('chat.copy_answer')} .copiedLabel=${l('chat.copied')}></copy-button>`}
      </div>`;
    case 'tool':
      return html`<tool-card
        data-testid="tool-card"
        .localize=${l}
        .name=${item.name}
        .input=${item.input}
        .result=${item.result}
        .cancelled=${item.cancelled === true}
        .waiting=${item.waiting}
        .images=${imagesOf(ctx, item.result)}
      ></tool-card>`;
    case 'approval':
      return approvalCard(ctx, item, ctx.approvals.approvals.find((a) => a.id === item.approvalId));
    case 'notice':
      return html`<p class="notice">${l(`chat.${item.notice}` as TranslationKey)}</p>`;
  }
}

/** Pending approvals of this conversation that the transcript does not show (after a reload). */
function orphanApprovals(ctx: TranscriptContext, items: readonly TranscriptItem[], conversationId: string | undefined): Approval[] {
  if (!conversationId) return [];
  const shown = new Set(items.flatMap((i) => (i.kind === 'approval' ? [i.approvalId] : [])));
  return ctx.approvals.approvals.filter((a) => a.status === 'pending' && a.conversationId === conversationId && !shown.has(a.id));
}

/** The conversation's items, then any pending approval it is waiting on, then "thinking" while a turn starts. */
export function renderTranscript(
  ctx: TranscriptContext,
  items: readonly TranscriptItem[],
  options: { conversationId: string | undefined; busy: boolean },
): TemplateResult {
  const last = items.at(-1);
  // While an approval waits, it is the human's turn, not the model's.
  const thinking = options.busy && last?.kind !== 'assistant' && !(last?.kind === 'approval' && !last.decision);
  return html`
    ${repeat(items, (item) => item.key, (item) => renderItem(ctx, item))}
    ${orphanApprovals(ctx, items, options.conversationId).map((a) => approvalCard(ctx, undefined, a))}
    ${thinking
      ? html`<div class="thinking" role="status"><mdi-icon .path=${mdiRobotOutline}></mdi-icon><span>${ctx.localize('chat.thinking')}</span></div>`
      : nothing}
  `;
}
