/**
 * The model-neutral conversation format: what the store keeps, the agent builds and providers
 * translate. Shapes follow Anthropic's Messages API (the richest of the supported wire formats).
 */

/** A picture a tool returns (a browser screenshot), base64-encoded. */
export interface ToolImage {
  media_type: 'image/jpeg' | 'image/png';
  data: string;
}

/** One block of a message. */
export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  /**
   * `summary` is the tool's one-line outcome for people (history in the panel); providers never
   * send it to a model. `image` goes only to models that accept images, and only while the turn
   * that took it runs: it is never stored (the agent drops it from history).
   */
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean; summary?: string; image?: ToolImage };

/** One message of a conversation. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}
