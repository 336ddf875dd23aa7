import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node.js';
import type { RecognizedMention } from '../core/entities/index.js';

/**
 * "Add to workspace knowledge pack" on a titled name the knowledge does not hold: writes an
 * entry for the person to the workspace's own pack, so the name gets a card from then on.
 * The entry is a start, true as written (the name, the title the article gives, where it
 * was seen); the writer adds dates and sources.
 *
 * The pack is the first YAML pack of the document's configuration (`knowledge:` in
 * .marginalia.yaml or the `marginalia.knowledge` setting); without one, the action creates
 * `.marginalia/knowledge.yaml` in the workspace folder and names it in `.marginalia.yaml`
 * (creating that file too when there is none).
 */

export interface StubTarget {
  /** The workspace folder of the document. */
  folder: string;
  /** The document's configuration file, if any, and its text. */
  configPath?: string;
  configText?: string;
  /** The knowledge packs the document's configuration names (absolute paths). */
  packs: readonly string[];
  /** The text of a file, or undefined when it does not exist. */
  read(path: string): string | undefined;
}

export const DEFAULT_PACK = join('.marginalia', 'knowledge.yaml');

export function addToPackAction(mention: RecognizedMention, documentPath: string, referenceDate: string, target: StubTarget): CodeAction | undefined {
  if (mention.form !== 'unknown' || !mention.title) return undefined;
  const name = mention.name;
  const title = mention.title.text.replace(/\.$/, '');
  const id = `mg:${slug(name)}`;
  const entry = [
    `  # Added from ${basename(documentPath)}: add the dates of the office, a source, and the full name if the article has one.`,
    `  - id: ${id}`,
    `    name: ${yamlString(name)}`,
    `    type: person`,
    `    roles:`,
    `      - { title: ${yamlString(title)}, style: ${yamlString(title)} }`,
    `    summary: ${yamlString(`Named as ${title} ${name} in ${basename(documentPath)}, an article of ${referenceDate}.`)}`,
    '',
  ].join('\n');

  const yamlPack = target.packs.find((p) => /\.ya?ml$/i.test(p));
  const changes: Array<TextDocumentEdit | CreateFile> = [];
  if (yamlPack) {
    const text = target.read(yamlPack);
    if (text !== undefined && new RegExp(`^\\s*- id: ${escapeRegExp(id)}\\s*$`, 'm').test(text)) return undefined;
    if (text === undefined) changes.push(create(yamlPack), insert(yamlPack, '', `kind: entities\nentities:\n${entry}`));
    else if (/^entities:\s*$/m.test(text)) changes.push(insert(yamlPack, text, `${text.endsWith('\n') ? '' : '\n'}${entry}`));
    else return undefined;
  } else {
    const pack = join(target.folder, DEFAULT_PACK);
    const text = target.read(pack);
    if (text === undefined) changes.push(create(pack), insert(pack, '', `# People and organisations this workspace names, for Marginalia's hover cards.\nkind: entities\nentities:\n${entry}`));
    else changes.push(insert(pack, text, `${text.endsWith('\n') ? '' : '\n'}${entry}`));
    const packRef = relative(target.configPath ? dirname(target.configPath) : target.folder, pack).split('\\').join('/');
    if (!target.configPath) {
      const config = join(target.folder, '.marginalia.yaml');
      changes.push(create(config), insert(config, '', `knowledge: [${packRef}]\n`));
    } else if (target.configText !== undefined && /\.ya?ml$/i.test(target.configPath) && !/^knowledge\s*:/m.test(target.configText)) {
      changes.push(insert(target.configPath, target.configText, `${target.configText.endsWith('\n') || target.configText === '' ? '' : '\n'}knowledge: [${packRef}]\n`));
    } else if (text === undefined) {
      // A configuration this action cannot extend safely (JSON, or a `knowledge` key already there): the pack is written, and the title says to name it.
      const edit: WorkspaceEdit = { documentChanges: changes };
      return { title: `Add "${title} ${name}" to ${DEFAULT_PACK} (then list it under knowledge: in ${basename(target.configPath)})`, kind: 'quickfix', edit };
    }
  }
  return { title: `Add "${title} ${name}" to workspace knowledge pack`, kind: 'quickfix', edit: { documentChanges: changes } };
}

function create(path: string): CreateFile {
  return { kind: 'create', uri: pathToFileURL(path).href, options: { ignoreIfExists: true } };
}

/** Appends at the end of a file whose text is `text`. */
function insert(path: string, text: string, added: string): TextDocumentEdit {
  const lines = text.split('\n');
  const line = lines.length - 1;
  const character = lines[line]!.length;
  return { textDocument: { uri: pathToFileURL(path).href, version: null }, edits: [{ range: { start: { line, character }, end: { line, character } }, newText: added }] };
}

function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'person'
  );
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
