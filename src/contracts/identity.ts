/** Who a request, a turn or a decision belongs to. */
export interface UserIdentity {
  /** HA user id (or a synthetic id such as `system` for automations). */
  id: string;
  /** HA username, when known. */
  name?: string;
  /** Display name, used in the system prompt and the audit log. */
  displayName?: string;
  /** Whether HA says this user is an administrator, when known. */
  isAdmin?: boolean;
  /** How the identity was established. */
  via: 'ingress' | 'bearer' | 'system';
}
