/**
 * Limits for reading YAML a document or workspace supplies (front matter, configuration,
 * knowledge packs): YAML is read as data only (the `yaml` package's core schema: no tags
 * that construct objects or run code), and these keep it from exhausting the process.
 *
 * Measured 2026-12-07 on the `yaml` package 2.9: front matter of 1,000 nested `[` made its
 * parser overflow the stack, and 10,000 made V8 abort the whole process compiling a regular
 * expression (out of memory), which no try/catch can stop; so depth is measured before the
 * text reaches the parser.
 */

/** Aliases a YAML text may expand when read (nine aliases of nine, six deep, are half a million values). */
export const MAX_ALIASES = 100;
/** Levels of flow collections (`[`, `{`) a YAML text may nest. */
export const MAX_FLOW_DEPTH = 64;
/** Columns of indentation a line of a YAML text may have (block collections nest by indentation). */
export const MAX_INDENT = 256;

/**
 * Why `text` is past the limits the parser is given, or undefined. A linear scan that
 * over-counts (brackets inside quoted strings count too), so it may refuse YAML nested
 * within the limits only when it is made of thousands of brackets.
 */
export function yamlTooDeep(text: string): string | undefined {
  let depth = 0;
  let deepest = 0;
  let indent = 0;
  let widest = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart) {
      if (c === 32) {
        if (++indent > widest) widest = indent;
        continue;
      }
      atLineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth;
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  if (deepest > MAX_FLOW_DEPTH) return `it nests ${deepest.toLocaleString('en-US')} levels of [ ] or { }, past the ${MAX_FLOW_DEPTH} that are read`;
  if (widest > MAX_INDENT) return `a line is indented ${widest.toLocaleString('en-US')} columns, past the ${MAX_INDENT} that are read`;
  return undefined;
}
