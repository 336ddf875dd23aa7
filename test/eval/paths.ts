import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The external annotated data: `../shared/eval` beside the checkout, or the folder named by
 * MARGINALIA_EVAL_DATA (a git worktree sits one level deeper than the main checkout).
 */
export const EVAL_DATA = process.env['MARGINALIA_EVAL_DATA']
  ? resolve(process.env['MARGINALIA_EVAL_DATA'])
  : join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'eval');
