/** Entity packs, recognition and hover cards: the core's public surface for entities. */
export { entitiesCompiler, compileEntityPacks } from './compile.js';
export { recognizeEntities, recognizeNames, unsettled, mentionAt, entityKnowledge, type RecognizedMention, type MentionForm, type MentionTitle } from './recognize.js';
export { entityCard } from './card.js';
export { ENTITY_SCHEMA, PACK_SCHEMA } from './schema.js';
export type { Entity, EntityKnowledge, Role, Fact, Link, CountryData } from './model.js';
export { BaseSet, CompiledBase, type BaseFiles } from './base.js';
