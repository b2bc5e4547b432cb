import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { toToolSpec } from '../../../src/tools/registry.js';
import type { AnyTool } from '../../../src/tools/tool.js';

const toolWith = (input: z.ZodType): AnyTool => ({ name: 'demo_tool', description: 'A tool.', input }) as unknown as AnyTool;

describe('the schema the model reads', () => {
  it('leaves out what JSON Schema assumes anyway: any-key records and open objects say only "object"', () => {
    const spec = toToolSpec(toolWith(z.object({ data: z.record(z.string(), z.unknown()), items: z.array(z.record(z.string(), z.unknown())) })));
    expect(JSON.stringify(spec.input_schema)).not.toMatch(/propertyNames|"additionalProperties":\{\}/);
    expect(spec.input_schema).toEqual({
      type: 'object',
      properties: { data: { type: 'object' }, items: { type: 'array', items: { type: 'object' } } },
      required: ['data', 'items'],
    });
  });

  it('keeps every constraint that means something: closed objects, typed records, patterns, enums', () => {
    const spec = toToolSpec(
      toolWith(
        z.object({
          closed: z.strictObject({ a: z.string() }),
          counts: z.record(z.string(), z.number()),
          keys: z.record(z.string().regex(/^[a-z]+$/), z.string()),
          mode: z.enum(['single', 'queued']),
        }),
      ),
    );
    const properties = spec.input_schema['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['closed']?.['additionalProperties']).toBe(false);
    expect(properties['counts']?.['additionalProperties']).toEqual({ type: 'number' });
    expect(properties['keys']?.['propertyNames']).toEqual({ type: 'string', pattern: '^[a-z]+$' });
    expect(properties['mode']?.['enum']).toEqual(['single', 'queued']);
  });
});
