/** Names a task trigger's entity for the panel ("Pet Door", a door): the entity index knows HA's names. */

/** What is read from the entity index (ha/entity-index.ts). */
export interface EntityNames {
  get(entityId: string): { name: string } | undefined;
  getState(entityId: string): { attributes: Record<string, unknown> } | undefined;
}

/** The entity's name and device class, or undefined when the index does not know it (or hides it). */
export function describeTriggerEntity(index: EntityNames, entityId: string): { name: string; device_class?: string } | undefined {
  const summary = index.get(entityId);
  if (!summary) return undefined;
  const deviceClass = index.getState(entityId)?.attributes['device_class'];
  return { name: summary.name, ...(typeof deviceClass === 'string' && { device_class: deviceClass }) };
}
