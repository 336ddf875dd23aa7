import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { KnowledgeProblem, ParsedPack } from '../knowledge.js';

/**
 * The JSON Schema of an entity pack (`kind: entities`). The pack envelope and each entity
 * are validated separately, so one bad entry is reported and skipped while the rest of the
 * pack keeps working.
 */

const DATE = {
  anyOf: [
    { type: 'string', pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$' },
    { type: 'integer', minimum: 1, maximum: 9999 },
  ],
} as const;

const URL = { type: 'string', pattern: '^https?://\\S+$' } as const;
const TEXT = { type: 'string', minLength: 1 } as const;

export const ENTITY_SCHEMA = {
  $id: 'https://marginalia.dev/schemas/entity.json',
  type: 'object',
  required: ['id', 'name', 'type', 'summary'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^(Q[1-9]\\d*|[a-z][a-z0-9]*:[a-z0-9][a-z0-9-]*)$' },
    name: TEXT,
    type: { enum: ['person', 'treaty', 'organisation', 'event', 'place', 'initiative', 'country'] },
    surname: TEXT,
    bareSurname: { type: 'boolean' },
    aliases: { type: 'array', items: TEXT },
    misspellings: { type: 'array', items: TEXT },
    datedAliases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['alias', 'from', 'to'],
        additionalProperties: false,
        properties: { alias: TEXT, from: DATE, to: DATE },
      },
    },
    iso: { type: 'string', pattern: '^[A-Z]{2}$' },
    born: DATE,
    died: DATE,
    bornNote: TEXT,
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['title'],
        additionalProperties: false,
        properties: { title: TEXT, style: TEXT, of: TEXT, leader: { type: 'boolean' }, from: DATE, to: DATE, note: TEXT },
      },
    },
    summary: TEXT,
    facts: {
      type: 'array',
      minItems: 1,
      maxItems: 6,
      items: {
        type: 'object',
        required: ['text', 'source'],
        additionalProperties: false,
        properties: { text: TEXT, source: URL },
      },
    },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['title', 'url'],
        additionalProperties: false,
        properties: { title: TEXT, url: URL },
      },
    },
  },
} as const;

export const PACK_SCHEMA = {
  $id: 'https://marginalia.dev/schemas/entity-pack.json',
  type: 'object',
  required: ['kind', 'entities'],
  additionalProperties: false,
  properties: {
    kind: { const: 'entities' },
    /** Words used before a name that hold no office ("Mr", "Dr"): recognised as titles, never checked. */
    honorifics: { type: 'array', items: TEXT },
    entities: { type: 'array' },
  },
} as const;

/**
 * Compiled on first use: a start that only loads the build's validated packs never needs
 * them (compiling both was ~30 ms of every CLI thread's start).
 */
let validators: { entity: ValidateFunction; pack: ValidateFunction } | undefined;

function compiledValidators(): { entity: ValidateFunction; pack: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    validators = { entity: ajv.compile(ENTITY_SCHEMA), pack: ajv.compile(PACK_SCHEMA) };
  }
  return validators;
}

export function checkPackEnvelope(pack: ParsedPack, problems: KnowledgeProblem[]): boolean {
  const validatePack = compiledValidators().pack;
  if (validatePack(pack.data)) return true;
  report(pack, [], validatePack.errors ?? [], problems);
  return false;
}

export function checkEntity(pack: ParsedPack, index: number, value: unknown, problems: KnowledgeProblem[]): boolean {
  const validateEntity = compiledValidators().entity;
  if (validateEntity(value)) return true;
  report(pack, ['entities', index], validateEntity.errors ?? [], problems);
  return false;
}

function report(pack: ParsedPack, prefix: readonly (string | number)[], errors: readonly ErrorObject[], problems: KnowledgeProblem[]): void {
  const seen = new Set<string>();
  for (const error of errors) {
    // anyOf reports each failed branch, then itself; the summary is enough.
    if (error.schemaPath.includes('/anyOf/')) continue;
    const path = [...prefix, ...pointer(error.instancePath)];
    let field = path;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      field = [...path, missing];
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      field = [...path, extra];
      message = 'is not a known field of this entry; check the spelling';
    } else if (error.keyword === 'enum') {
      message = `must be one of: ${((error.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`;
    } else if (error.keyword === 'anyOf') {
      message = 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD';
    } else if (error.keyword === 'pattern' && field[field.length - 1] === 'id') {
      message = 'must be a Wikidata id (Q15031) or a slug id (mg:korean-war)';
    } else if (error.keyword === 'pattern' && (field.includes('source') || field.includes('url'))) {
      message = 'must be an http(s) URL';
    }
    const key = `${field.join('.')}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const loc = pack.locate(field) ?? pack.locate(path) ?? pack.locate(prefix);
    problems.push({ path: pack.source.path, ...(loc ?? {}), field: fieldName(field), message });
  }
}

function pointer(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function fieldName(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}
