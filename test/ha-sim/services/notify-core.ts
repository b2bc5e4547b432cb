import { field } from './common.js';
import type { DomainSpec, ServiceSpec } from './types.js';

/** A legacy notify service (`notify.mobile_app_<phone>`, `notify.notify`): recorded, no state. */
function notifyService(name: string, description: string): ServiceSpec {
  return {
    name,
    description,
    fields: {
      message: field.text('Message', 'Message body of the notification.', { required: true, example: 'The garage door has been open for 10 minutes.' }),
      title: field.text('Title', 'Title for your notification.', { example: 'Your Garage Door Friend' }),
      target: { kind: 'any', name: 'Target', description: 'Some integrations allow you to specify the targets that receive the notification.', selector: { object: {} } },
      data: { kind: 'any', name: 'Data', description: 'Some integrations provide extended functionality.', selector: { object: {} } },
    },
    response: 'none',
    run: () => undefined,
  };
}

/** notify.* — one service per phone plus `notify.notify`. */
export function notifyServices(serviceNames: readonly string[]): DomainSpec {
  const services: DomainSpec = { notify: notifyService('Send a notification', 'Sends a notification message.') };
  for (const name of serviceNames) {
    services[name] = notifyService(`Send a notification via ${name}`, `Sends a notification message using the ${name} integration.`);
  }
  return services;
}

/** persistent_notification.* — recorded only. */
export const persistentNotificationServices: DomainSpec = {
  create: {
    name: 'Create',
    description: 'Shows a notification on the notifications panel.',
    fields: {
      message: field.text('Message', 'Message body of the notification.', { required: true }),
      title: field.text('Title', 'Optional title of the notification.'),
      notification_id: field.text('Notification ID', 'ID of the notification.'),
    },
    response: 'none',
    run: () => undefined,
  },
  dismiss: {
    name: 'Dismiss',
    description: 'Deletes a notification from the notifications panel.',
    fields: { notification_id: field.text('Notification ID', 'ID of the notification to be deleted.', { required: true }) },
    response: 'none',
    run: () => undefined,
  },
};

function forward(service: 'turn_on' | 'turn_off' | 'toggle'): ServiceSpec['run'] {
  return async (call, rt) => {
    const byDomain = new Map<string, string[]>();
    for (const id of call.referenced) {
      const domain = id.split('.', 1)[0] ?? '';
      byDomain.set(domain, [...(byDomain.get(domain) ?? []), id]);
    }
    for (const [domain, ids] of byDomain) {
      // HA only logs a warning for domains without this service.
      if (domain === 'homeassistant' || !rt.hasService(domain, service)) continue;
      await rt.callService(domain, service, { entity_id: ids });
    }
  };
}

/** homeassistant.turn_on/turn_off/toggle: forward to each referenced entity's own domain. */
export const homeassistantServices: DomainSpec = {
  turn_on: { name: 'Generic turn on', description: 'Generic action to turn devices on under any domain.', fields: {}, response: 'none', takesTarget: true, run: forward('turn_on') },
  turn_off: { name: 'Generic turn off', description: 'Generic action to turn devices off under any domain.', fields: {}, response: 'none', takesTarget: true, run: forward('turn_off') },
  toggle: { name: 'Generic toggle', description: 'Generic action to toggle devices on/off under any domain.', fields: {}, response: 'none', takesTarget: true, run: forward('toggle') },
  update_entity: {
    name: 'Update entity',
    description: 'Forces one or more entities to update their data.',
    fields: {},
    response: 'none',
    takesTarget: true,
    run: () => undefined,
  },
};
