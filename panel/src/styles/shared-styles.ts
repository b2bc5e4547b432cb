import { css } from 'lit';

/** HA-like buttons: round icon buttons and pill buttons, with a visible keyboard focus ring. */
export const buttonStyles = css`
  button {
    font: inherit;
    color: inherit;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: none;
    cursor: pointer;
    flex: none;
  }
  .icon-button:hover {
    background: rgba(127, 127, 127, 0.14);
  }
  .button {
    min-block-size: 36px;
    padding-block: 6px;
    padding-inline: 16px;
    border: 1px solid transparent;
    border-radius: var(--ha-button-border-radius, 18px);
    background: none;
    font-weight: 500;
    cursor: pointer;
  }
  .button.filled {
    background: var(--primary-color, #03a9f4);
    color: var(--text-primary-color, #fff);
  }
  .button.danger {
    background: var(--error-color, #db4437);
    color: var(--text-primary-color, #fff);
  }
  .button.outlined {
    border-color: var(--divider-color, rgba(0, 0, 0, 0.12));
    color: var(--primary-color, #03a9f4);
  }
  .button:hover {
    filter: brightness(1.06);
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: 2px solid var(--primary-color, #03a9f4);
    outline-offset: 2px;
  }
  button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
`;

/** The look of an `ha-card`. */
export const cardStyles = css`
  .card {
    background: var(--card-background-color, #fff);
    color: var(--primary-text-color, #212121);
    border: 1px solid var(--ha-card-border-color, var(--divider-color, rgba(0, 0, 0, 0.12)));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
  }
`;

/**
 * The declarations that hide a thing from sight but not from screen readers, bare so that a rule
 * which hides only at some widths (inside a media query) can use them too.
 */
export const srOnlyDeclarations = css`
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/** Hidden from sight, read by screen readers. */
export const srOnlyStyles = css`
  .sr-only {
    ${srOnlyDeclarations}
  }
`;

/** A whole page below the toolbar (status, tasks, memories): it scrolls, and its `pageHeading` has the title and refresh button on one line. */
export const pageStyles = css`
  :host {
    display: block;
    block-size: 100%;
    overflow-y: auto;
  }
  .heading {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  h1 {
    margin: 0;
    font-size: 22px;
    font-weight: 400;
  }
`;

/** A status page card listing things with a line of text and an action each (pairings, config versions): as wide as the grid. */
export const listCardStyles = css`
  :host {
    display: block;
    grid-column: 1 / -1;
  }
  .card {
    padding: 16px;
  }
  h2 {
    margin: 0 0 8px;
    font-size: 16px;
    font-weight: 500;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    align-items: center;
    gap: 8px;
    padding-block: 6px;
    border-block-end: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
  }
  .muted {
    color: var(--secondary-text-color, #727272);
  }
  .error {
    color: var(--error-color, #db4437);
  }
`;
