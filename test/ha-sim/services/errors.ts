import { HaError } from '../../../src/errors.js';

/** HA's voluptuous rejection of service data → WebSocket `invalid_format`. */
export function invalidFormat(message: string): HaError {
  return new HaError('ha_error', message, 'invalid_format');
}

/** HA's ServiceValidationError → `service_validation_error`, message prefixed as HA does. */
export function serviceValidation(message: string): HaError {
  return new HaError('ha_error', `Validation error: ${message}`, 'service_validation_error');
}

/** HA's HomeAssistantError raised by an integration → `home_assistant_error`. */
export function homeAssistantError(message: string): HaError {
  return new HaError('ha_error', message, 'home_assistant_error');
}

/** Unknown domain or service → `not_found` with HA's wording. */
export function serviceNotFound(domain: string, service: string): HaError {
  return new HaError('ha_error', `Service ${domain}.${service} not found.`, 'not_found');
}
