import type { SimState } from '../home.js';
import { createUlid } from '../ids.js';
import { field, update } from './common.js';
import { serviceValidation } from './errors.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

/** A to-do item as `todo.get_items` returns it. */
export interface TodoItem {
  uid: string;
  summary: string;
  status: 'needs_action' | 'completed';
  description?: string;
  due?: string;
}

const SEED_ITEMS = ['Milk', 'Eggs', 'Bread', 'Coffee', 'Apples', 'Rice', 'Cheese', 'Tomatoes', 'Butter', 'Pasta'];

/** The items of one list; a list whose state is a number starts with that many items. */
function itemsOf(state: SimState, rt: ServiceRuntime): TodoItem[] {
  const lists = rt.data('todo.items', () => new Map<string, TodoItem[]>());
  let items = lists.get(state.entity_id);
  if (!items) {
    const count = Number.parseInt(state.state, 10);
    items = Array.from({ length: Number.isFinite(count) ? count : 0 }, (_, i) => ({
      uid: `${state.entity_id}-${i + 1}`,
      summary: SEED_ITEMS[i % SEED_ITEMS.length] ?? `Item ${i + 1}`,
      status: 'needs_action' as const,
    }));
    lists.set(state.entity_id, items);
  }
  return items;
}

function writeCount(state: SimState, items: TodoItem[], rt: ServiceRuntime): void {
  update(rt, state, String(items.filter((i) => i.status === 'needs_action').length));
}

function find(items: TodoItem[], key: string): TodoItem {
  const item = items.find((i) => i.uid === key || i.summary === key);
  if (!item) throw serviceValidation(`Unable to find To-do item: ${key}`);
  return item;
}

const ITEM = field.text('Item name', 'The name that represents the to-do item.', { required: true });
const DUE_DATE = field.text('Due date', 'The date the to-do item is expected to be completed.', { selector: { date: {} } });
const DUE_DATETIME = field.text('Due date and time', 'The date and time the to-do item is expected to be completed.', {
  selector: { datetime: {} },
});
const DESCRIPTION = field.text('Description', 'A more complete description of the to-do item.');

/** todo.* — items kept in memory; the entity state is the number of open items. */
export const todoServices: DomainSpec = {
  get_items: {
    name: 'Get to-do list items',
    description: 'Gets items on a to-do list.',
    fields: { status: { kind: 'strings', name: 'Status', description: 'Only return to-do items with the specified statuses.', selector: { select: { multiple: true, options: ['needs_action', 'completed'] } } } },
    response: 'only',
    perEntity: (s, d, rt) => {
      const wanted = Array.isArray(d.status) ? (d.status as string[]) : undefined;
      const items = itemsOf(s, rt).filter((i) => !wanted || wanted.includes(i.status));
      return { items: items.map((i) => ({ ...i })) };
    },
  },
  add_item: {
    name: 'Add to-do list item',
    description: 'Adds a new to-do list item.',
    fields: { item: ITEM, due_date: DUE_DATE, due_datetime: DUE_DATETIME, description: DESCRIPTION },
    response: 'none',
    perEntity: (s, d, rt) => {
      const items = itemsOf(s, rt);
      const item: TodoItem = { uid: createUlid(rt.now().getTime()).toLowerCase(), summary: d.item as string, status: 'needs_action' };
      const due = d.due_datetime ?? d.due_date;
      if (typeof due === 'string') item.due = due;
      if (typeof d.description === 'string') item.description = d.description;
      items.push(item);
      writeCount(s, items, rt);
    },
  },
  update_item: {
    name: 'Update to-do list item',
    description: 'Updates an existing to-do list item based on its name or UID.',
    fields: {
      item: ITEM,
      rename: field.text('Rename item', 'The new name for the to-do item.'),
      status: field.choice('Set status', 'A status or confirmation of the to-do item.', ['needs_action', 'completed']),
      due_date: DUE_DATE,
      due_datetime: DUE_DATETIME,
      description: DESCRIPTION,
    },
    response: 'none',
    perEntity: (s, d, rt) => {
      const items = itemsOf(s, rt);
      const item = find(items, d.item as string);
      if (typeof d.rename === 'string') item.summary = d.rename;
      if (d.status === 'needs_action' || d.status === 'completed') item.status = d.status;
      if (typeof d.description === 'string') item.description = d.description;
      writeCount(s, items, rt);
    },
  },
  remove_item: {
    name: 'Remove a to-do list item',
    description: 'Removes an existing to-do list item by its name or UID.',
    fields: { item: { kind: 'strings', name: 'Item name', description: 'The name for the to-do list items.', required: true } },
    response: 'none',
    perEntity: (s, d, rt) => {
      const items = itemsOf(s, rt);
      for (const key of d.item as string[]) items.splice(items.indexOf(find(items, key)), 1);
      writeCount(s, items, rt);
    },
  },
  remove_completed_items: {
    name: 'Remove all completed to-do list items',
    description: 'Removes all to-do list items that have been completed.',
    fields: {},
    response: 'none',
    perEntity: (s, _d, rt) => {
      const items = itemsOf(s, rt);
      const open = items.filter((i) => i.status !== 'completed');
      items.splice(0, items.length, ...open);
      writeCount(s, items, rt);
    },
  },
};
