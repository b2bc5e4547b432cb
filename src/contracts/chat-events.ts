/** Events a turn streams to its channel; the JSON shapes are a public contract (DESIGN.md). */
export type ChatEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; id: string; ok: boolean; summary: string }
  /** A running tool call waits (`waiting_for_ha`: for the connection to HA to come back); its tool_result ends the wait. */
  | { type: 'status'; id: string; status: 'waiting_for_ha' }
  | { type: 'approval_required'; approval_id: string; tool: string; summary: string; reason?: string; input: unknown }
  | { type: 'approval_resolved'; approval_id: string; decision: 'approve' | 'deny' | 'expired'; by: string }
  | { type: 'done'; conversation_id: string; text: string }
  | { type: 'error'; message: string; code?: string };

/** Receives a turn's events in order. */
export type ChatEventSink = (event: ChatEvent) => void;
