/** JSON Schema of a lexicon pack (`kind: lexicon`), checked with ajv before compiling. */

const wording = { type: 'string', minLength: 1, maxLength: 200 } as const;

const source = {
  description: 'A key of this pack\u2019s `sources`, an http(s) URL, or {title, url}.',
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      required: ['title'],
      additionalProperties: false,
      properties: { title: { type: 'string', minLength: 1 }, url: { type: 'string', pattern: '^https?://' } },
    },
  ],
} as const;

export const LEXICON_PACK_SCHEMA = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { const: 'lexicon' },
    description: { type: 'string' },
    sources: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['title'],
        additionalProperties: false,
        properties: { title: { type: 'string', minLength: 1 }, url: { type: 'string', pattern: '^https?://' } },
      },
    },
    categories: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-z-]*$' },
      additionalProperties: {
        type: 'object',
        required: ['label', 'description', 'source'],
        additionalProperties: false,
        properties: { label: { type: 'string', minLength: 1 }, description: { type: 'string', minLength: 1 }, source },
      },
    },
    speechCues: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' } },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['term', 'category', 'tier', 'note', 'source'],
        additionalProperties: false,
        properties: {
          term: wording,
          forms: { type: 'array', items: wording },
          also: { type: 'array', items: wording },
          category: { type: 'string', pattern: '^[a-z][a-z-]*$' },
          tier: { enum: ['strong', 'possible'] },
          note: { type: 'string', minLength: 1, maxLength: 300 },
          alternatives: { type: 'array', items: { type: 'string', minLength: 1 } },
          source,
        },
      },
    },
    neutral: {
      type: 'array',
      items: {
        type: 'object',
        required: ['term', 'note'],
        additionalProperties: false,
        properties: { term: wording, forms: { type: 'array', items: wording }, note: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const;
