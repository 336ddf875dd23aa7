import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

/**
 * One frozen processor, built once: remark with GFM (tables, footnotes, autolinks,
 * strikethrough) and YAML/TOML front matter.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
