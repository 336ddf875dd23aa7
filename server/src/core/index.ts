/** The analysis core's public surface, used by the CLI and the language server. */
export { analyze, analyzeDocument, type Analysis, type AnalyzeOptions, type CheckFailure } from './analyze.js';
export { CHECKS, ruleDefaults, ruleIds } from './checks/index.js';
export { docsUrl } from './check.js';
export { LineIndex, type Position } from './line-index.js';
export { compileKnowledge, formatKnowledgeProblem, type Knowledge, type KnowledgeSource, type KnowledgeProblem } from './knowledge.js';
export type * from './types.js';
