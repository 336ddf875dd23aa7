import { readFileSync } from 'node:fs';
import { LocalLinter } from 'harper.js';
import { binaryInlined } from 'harper.js/binaryInlined';

/** Lints each Markdown file named on the command line with harper.js, one after another. */
const linter = new LocalLinter({ binary: binaryInlined });
await linter.setup();
let lints = 0;
for (const path of process.argv.slice(2)) {
  lints += (await linter.lint(readFileSync(path, 'utf8'), { language: 'markdown' })).length;
}
process.stdout.write(`${lints}\n`);
