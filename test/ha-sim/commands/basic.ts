import { currentUserInfo, listedUserInfo } from '../users.js';
import { checkSchema, requireAdmin, type CommandTable } from './types.js';

/** A minimal panel list, enough for clients that look at it. */
function panels(isAdmin: boolean): Record<string, unknown> {
  const panel = (component_name: string, url_path: string, title: string | null, icon: string | null, require_admin = false) => ({
    component_name,
    icon,
    title,
    config: null,
    url_path,
    require_admin,
    config_panel_domain: null,
  });
  const all = {
    lovelace: panel('lovelace', 'lovelace', null, null),
    history: panel('history', 'history', 'history', 'hass:chart-box'),
    logbook: panel('logbook', 'logbook', 'logbook', 'hass:format-list-bulleted-type'),
    profile: panel('profile', 'profile', null, null),
    config: panel('config', 'config', null, null, true),
  };
  return Object.fromEntries(Object.entries(all).filter(([, p]) => isAdmin || !p.require_admin));
}

/** ping, supported_features, get_states/config/services/panels, current user, user list. */
export const basicCommands: CommandTable = {
  ping: (conn, msg) => {
    // HA answers ping with a bare pong, not a result.
    conn.send({ id: msg.id, type: 'pong' });
  },
  supported_features: (conn, msg) => {
    checkSchema(msg, { 'features!': 'object' });
    const features = msg.features as Record<string, unknown>;
    conn.setCoalesce(features.coalesce_messages === 1 || features.coalesce_messages === true);
    conn.result(msg.id, null);
  },
  get_states: (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, core.store.all());
  },
  get_config: (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, core.config());
  },
  get_services: (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, core.services);
  },
  get_panels: (conn, msg) => {
    checkSchema(msg, {});
    conn.result(msg.id, panels(conn.user.is_admin));
  },
  'auth/current_user': (conn, msg) => {
    checkSchema(msg, {});
    conn.result(msg.id, currentUserInfo(conn.user));
  },
  'config/auth/list': requireAdmin((conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, core.users.map(listedUserInfo));
  }),
};
