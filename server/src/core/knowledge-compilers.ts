import type { KnowledgeCompiler } from './knowledge.js';
import { lexiconCompiler } from './lexicon/compile.js';
import { entitiesCompiler } from './entities/compile.js';

/** Every pack kind the core understands, once. A feature with data adds its compiler here. */
export const KNOWLEDGE_COMPILERS: readonly KnowledgeCompiler[] = [lexiconCompiler, entitiesCompiler];
