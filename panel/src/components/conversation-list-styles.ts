import { css } from 'lit';
import { buttonStyles, srOnlyStyles } from '../styles/shared-styles.js';

/** Styles of `conversation-list`: a search field and rows whose actions appear on hover or focus. */
export const conversationListStyles = [
  buttonStyles,
  srOnlyStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-block-size: 0;
      --mdc-icon-size: 20px;
    }
    .search {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 8px;
      padding-inline: 12px;
      border-radius: 20px;
      background: var(--secondary-background-color, #e5e5e5);
      color: var(--secondary-text-color, #727272);
    }
    .search input {
      flex: 1;
      min-inline-size: 0;
      padding-block: 10px;
      border: none;
      outline: none;
      background: none;
      color: var(--primary-text-color, #212121);
      font: inherit;
    }
    ul {
      flex: 1;
      overflow-y: auto;
      margin: 0;
      padding-block: 0 8px;
      padding-inline: 8px;
      list-style: none;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 2px;
      border-radius: 8px;
    }
    /* Faded out, not hidden: still reachable by keyboard and screen readers. */
    .row > .icon-button {
      opacity: 0;
      color: var(--secondary-text-color, #727272);
    }
    .row:hover > .icon-button,
    .row:focus-within > .icon-button,
    .row.selected > .icon-button {
      opacity: 1;
    }
    @media (hover: none) {
      .row > .icon-button {
        opacity: 1;
      }
    }
    .open {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-inline-size: 0;
      padding-block: 8px;
      padding-inline: 12px;
      border: none;
      border-radius: 8px;
      background: none;
      text-align: start;
      cursor: pointer;
    }
    .open:hover {
      background: rgba(127, 127, 127, 0.1);
    }
    .row.selected {
      background: color-mix(in srgb, var(--primary-color, #03a9f4) 14%, transparent);
      color: var(--primary-color, #03a9f4);
    }
    .row.selected .open:hover {
      background: none;
    }
    .title,
    .when {
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .when {
      font-size: 12px;
      color: var(--secondary-text-color, #727272);
    }
    .editing input {
      flex: 1;
      min-inline-size: 0;
      padding: 8px;
      border: 1px solid var(--primary-color, #03a9f4);
      border-radius: 8px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color, #212121);
      font: inherit;
    }
    .confirm {
      flex-wrap: wrap;
      gap: 6px;
      padding: 8px;
      background: color-mix(in srgb, var(--error-color, #db4437) 10%, transparent);
    }
    .confirm span {
      flex-basis: 100%;
    }
    .message {
      margin: 8px 16px;
      color: var(--secondary-text-color, #727272);
    }
    .error {
      color: var(--error-color, #db4437);
    }
  `,
];
