import { css } from 'lit';
import { srOnlyStyles } from '../styles/shared-styles.js';

/** Layout of the chat page: a side list on wide screens, a drawer below 870 px (HA's "narrow"). */
export const chatViewStyles = [
  srOnlyStyles,
  css`
    :host {
      display: flex;
      block-size: 100%;
      min-block-size: 0;
      position: relative;
    }
    aside {
      display: flex;
      flex-direction: column;
      inline-size: 300px;
      flex: none;
      border-inline-end: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      background: var(--primary-background-color, #fafafa);
    }
    aside conversation-list {
      flex: 1;
    }
    .chat {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-inline-size: 0;
    }
    .transcript {
      flex: 1;
      overflow-y: auto;
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding-block: 16px;
      padding-inline: max(16px, calc((100% - 800px) / 2));
    }
    .bottom {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding-block: 8px max(12px, env(safe-area-inset-bottom));
      padding-inline: max(12px, calc((100% - 800px) / 2));
    }
    .message {
      max-inline-size: 85%;
      padding-block: 8px;
      padding-inline: 14px;
      border-radius: 16px;
      overflow-wrap: anywhere;
      line-height: 1.5;
    }
    .user {
      align-self: flex-end;
      white-space: pre-wrap;
      border-end-end-radius: 4px;
      background: var(--majordome-user-bubble, rgba(3, 169, 244, 0.12));
    }
    .assistant {
      align-self: flex-start;
      border-end-start-radius: 4px;
      background: var(--card-background-color, #fff);
      border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
    }
    /* Under the answer, at its end, out of the way of the text. */
    .assistant > .copy-answer {
      display: flex;
      justify-content: flex-end;
      margin-block: 0 -6px;
      margin-inline-end: -10px;
    }
    tool-card,
    approval-card {
      align-self: stretch;
      max-inline-size: 640px;
      inline-size: 100%;
    }
    .model-label {
      margin: 0;
      padding: 4px 16px 0;
      text-align: center;
      color: var(--secondary-text-color, #727272);
      font-size: 12px;
    }
    .notice,
    .thinking,
    .status {
      align-self: center;
      margin: 0;
      color: var(--secondary-text-color, #727272);
      font-size: 13px;
    }
    .thinking {
      display: flex;
      align-items: center;
      gap: 6px;
      align-self: flex-start;
      --mdc-icon-size: 18px;
      animation: pulse 1.4s ease-in-out infinite;
    }
    .error {
      color: var(--error-color, #db4437);
    }
    .empty {
      margin: auto;
      max-inline-size: 460px;
      text-align: center;
      color: var(--secondary-text-color, #727272);
      --mdc-icon-size: 48px;
    }
    .empty mdi-icon {
      color: var(--primary-color, #03a9f4);
    }
    .empty h2 {
      margin-block: 8px;
      font-size: 20px;
      font-weight: 400;
      color: var(--primary-text-color, #212121);
    }
    .examples {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 8px;
      margin-block-start: 16px;
    }
    .chip {
      padding-block: 6px;
      padding-inline: 12px;
      border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      border-radius: 16px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color, #212121);
      font: inherit;
      cursor: pointer;
    }
    .chip:hover {
      border-color: var(--primary-color, #03a9f4);
    }
    .chip:focus-visible {
      outline: 2px solid var(--primary-color, #03a9f4);
    }
    .scrim {
      display: none;
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (max-width: 870px) {
      aside {
        position: absolute;
        inset-block: 0;
        inset-inline-start: 0;
        z-index: 2;
        inline-size: min(320px, 85vw);
        box-shadow: 0 0 16px rgba(0, 0, 0, 0.3);
        transform: translateX(-110%);
        visibility: hidden;
        transition: transform 0.2s ease, visibility 0.2s;
      }
      :host(:dir(rtl)) aside {
        transform: translateX(110%);
      }
      aside.open {
        transform: none;
        visibility: visible;
      }
      .scrim {
        display: block;
        position: absolute;
        inset: 0;
        z-index: 1;
        background: rgba(0, 0, 0, 0.32);
      }
      .message {
        max-inline-size: 92%;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      aside,
      .thinking {
        transition: none;
        animation: none;
      }
    }
  `,
];
