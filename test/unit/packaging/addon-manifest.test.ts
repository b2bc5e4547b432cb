import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { optionsSchema } from '../../../src/config/options.js';
import { VOICE_MIN_HA_VERSION } from '../../../src/ha/ha-version.js';
import { asDict, readRepoText, readRepoYaml, repoHas, sharedDir, type Dict } from './repo-files.js';
import { computeSecurityRating } from './security-rating.js';

const manifest = asDict(readRepoYaml('config.yaml'), 'config.yaml');
const schemaOfOptions = asDict(manifest.schema, 'config.yaml schema');
const optionNames = Object.keys(optionsSchema.shape).sort();

/** The linter's JSON Schema, with Python named groups rewritten for JavaScript. */
function loadLinterSchema(): Dict {
  const path = resolve(sharedDir, 'addon-lint/config.schema.json');
  if (!existsSync(path)) {
    throw new Error(`The add-on linter schema is missing at ${path}: the shared folder must sit beside the repository.`);
  }
  return asDict(JSON.parse(readFileSync(path, 'utf8').replaceAll('(?P<', '(?<')), path);
}

/** A value the UI would accept for a scalar option type (to fill the other fields of a list item). */
function sampleOf(type: unknown): unknown {
  const text = String(type);
  const list = /^list\((.+?)[|)]/.exec(text);
  if (list?.[1]) return list[1];
  const range = /^int\((-?\d+),/.exec(text);
  if (/^float\??$/.test(text)) return 1.5;
  if (/^bool\??$/.test(text)) return true;
  if (/^url\??$/.test(text)) return 'http://homeassistant.local:11434/v1';
  return range?.[1] ? Number(range[1]) : 'x';
}

/**
 * Checks that the server accepts what the UI's type accepts and refuses what it refuses; list
 * options (`[str]`, `[{field: type}]`) are checked item by item, field by field.
 */
function checkOptionType(name: string, type: unknown, accepts: (value: unknown) => boolean): void {
  if (Array.isArray(type)) {
    const item: unknown = type[0];
    if (typeof item === 'object' && item !== null) {
      const fields = Object.entries(item as Dict);
      const valid = Object.fromEntries(fields.filter(([, t]) => !String(t).endsWith('?')).map(([f, t]) => [f, sampleOf(t)]));
      expect(accepts([valid]), `${name}: a minimal item`).toBe(true);
      for (const [field, fieldType] of fields) checkOptionType(`${name}[].${field}`, fieldType, (v) => accepts([{ ...valid, [field]: v }]));
    } else {
      checkOptionType(`${name}[]`, item, (v) => accepts([v]));
    }
    expect(accepts([]), `${name}: an empty list`).toBe(true);
    return;
  }
  const list = /^list\((.+)\)\??$/.exec(String(type));
  const range = /^int\((-?\d+),(-?\d+)\)\??$/.exec(String(type));
  if (list?.[1]) {
    for (const choice of list[1].split('|')) expect(accepts(choice), `${name}=${choice}`).toBe(true);
    expect(accepts('not-a-choice'), name).toBe(false);
  } else if (range?.[1] && range[2]) {
    const [min, max] = [Number(range[1]), Number(range[2])];
    expect([accepts(min), accepts(max)], name).toEqual([true, true]);
    expect([accepts(min - 1), accepts(max + 1), accepts(min + 0.5)], name).toEqual([false, false, false]);
  } else if (/^bool\??$/.test(String(type))) {
    expect([accepts(true), accepts(false), accepts('yes')], name).toEqual([true, true, false]);
  } else if (/^float\??$/.test(String(type))) {
    expect([accepts(1.5), accepts(2), accepts('x')], name).toEqual([true, true, false]);
  } else if (/^url\??$/.test(String(type))) {
    expect([accepts('http://homeassistant.local:11434/v1'), accepts('https://example.com/v1')], name).toEqual([true, true]);
    expect([accepts('not a url'), accepts(42)], name).toEqual([false, false]);
  } else {
    expect(String(type), name).toMatch(/^(str|password)\??$/);
    expect(accepts(42), `${name} takes text`).toBe(false);
  }
}

describe('config.yaml, as the add-on linter sees it', () => {
  const linterSchema = loadLinterSchema();
  const properties = asDict(linterSchema.properties, 'schema properties');

  it('is valid against the linter schema (draft-07)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/'));
    ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
    const validate = ajv.compile(linterSchema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('sets no key to its default value', () => {
    const redundant = Object.keys(manifest).filter((key) => {
      const spec = properties[key];
      return typeof spec === 'object' && spec !== null && 'default' in spec && isDeepStrictEqual(manifest[key], spec.default);
    });
    expect(redundant).toEqual([]);
  });

  it('declares the Home Assistant version the voice agent needs, the one the server checks against', () => {
    // The Supervisor then refuses to install the add-on on an HA whose Wyoming integration would
    // turn the voice agent down (handle-only servers are accepted from 2024.11.0 on).
    expect(manifest.homeassistant).toBe(VOICE_MIN_HA_VERSION);
  });

  it('uses neither obsolete nor conflicting keys', () => {
    expect(manifest).not.toHaveProperty('watchdog');
    expect(manifest.ingress === true && 'webui' in manifest).toBe(false);
    expect(manifest.arch).toEqual(expect.arrayContaining(['aarch64', 'amd64']));
    expect(manifest.arch).toHaveLength(2);
  });

  it('has the version of package.json', () => {
    const pkg = asDict(JSON.parse(readRepoText('package.json')), 'package.json');
    expect(manifest.version).toBe(pkg.version);
  });
});

describe('security', () => {
  it('rates 8: reachable only through ingress (HA login), with its own AppArmor profile', () => {
    expect(repoHas('apparmor.txt')).toBe(true);
    expect(computeSecurityRating(manifest, true)).toBe(8);
    expect(manifest).not.toHaveProperty('ports');
    expect(manifest.ingress).toBe(true);
  });

  it('the rating would drop with host networking or Docker access', () => {
    expect(computeSecurityRating({ ...manifest, host_network: true }, true)).toBe(7);
    expect(computeSecurityRating({ ...manifest, docker_api: true }, true)).toBe(1);
  });

  it('lets non-admin users open the panel, and streams chat through ingress', () => {
    expect(manifest.panel_admin).toBe(false);
    expect(manifest.ingress_stream).toBe(true);
  });
});

describe('options', () => {
  const defaults = asDict(manifest.options, 'config.yaml options');

  it('are exactly the options the server reads', () => {
    expect(Object.keys(schemaOfOptions).sort()).toEqual(optionNames);
  });

  it('defaults are the server defaults, and optional options have none', () => {
    expect(defaults).toEqual(optionsSchema.parse({}));
    for (const [name, type] of Object.entries(schemaOfOptions)) {
      expect(String(type).endsWith('?'), `${name}: optional in config.yaml iff no default`).toBe(!(name in defaults));
    }
  });

  it('accept in the UI exactly what the server accepts', () => {
    for (const [name, type] of Object.entries(schemaOfOptions)) {
      checkOptionType(name, type, (value) => optionsSchema.safeParse({ [name]: value }).success);
    }
  });

  for (const language of ['en', 'fr']) {
    it(`each has a name and a description in translations/${language}.yaml`, () => {
      const translations = asDict(readRepoYaml(`translations/${language}.yaml`), language);
      const labels = asDict(translations.configuration, `${language} configuration`);
      expect(Object.keys(labels).sort()).toEqual(optionNames);
      for (const name of optionNames) {
        const label = asDict(labels[name], `${language} ${name}`);
        expect(label.name, `${language} ${name}.name`).toEqual(expect.stringMatching(/\S/));
        expect(label.description, `${language} ${name}.description`).toEqual(expect.stringMatching(/\S/));
      }
    });
  }

  it('are really translated into French', () => {
    const labelsOf = (language: string): Dict =>
      asDict(asDict(readRepoYaml(`translations/${language}.yaml`), language).configuration, language);
    const [en, fr] = [labelsOf('en'), labelsOf('fr')];
    const untranslated = optionNames.filter((name) =>
      isDeepStrictEqual(asDict(en[name], name).description, asDict(fr[name], name).description),
    );
    expect(untranslated).toEqual([]);
  });
});
