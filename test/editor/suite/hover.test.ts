import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ANSWER_MS, hoverText, inside, openSample, waitFor } from './helpers.js';

interface HoverCase {
  name: string;
  /** Hover in the middle of this text (inside `context` when given). */
  at: string;
  context?: string;
  expect: RegExp[];
}

const CASES: HoverCase[] = [
  {
    name: 'a misspelled name shows the entity card for the person, as of the article date',
    at: 'Xi Jin Ping',
    expect: [/\*\*Xi Jinping\*\*/, /Q15031/, /Xi Jin Ping/],
  },
  {
    name: "the treaty's name shows the treaty's card",
    at: 'Mutual Aid and Cooperation Friendship Treaty',
    expect: [/\*\*Sino-North Korean Mutual Aid and Cooperation Friendship Treaty\*\*/, /treaty/],
  },
  {
    name: '"last year" shows the dated claim resolved against 2019-06-21',
    at: 'last year',
    context: 'hosted in Pyongyang last year',
    expect: [/dated-claim/, /2018/],
  },
];

async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[] | undefined>('vscode.executeHoverProvider', uri, position)) ?? [];
}

describe('hovers', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openSample()).document;
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const position = inside(document, c.at, c.context);
      let last = '';
      const text = await waitFor(
        `a hover on "${c.at}" matching ${c.expect.join(' and ')}`,
        async () => {
          last = hoverText(await hoversAt(document.uri, position));
          return c.expect.every((re) => re.test(last)) ? last : undefined;
        },
        [],
        ANSWER_MS,
        () => JSON.stringify(last.slice(0, 600)),
      );
      for (const re of c.expect) assert.match(text, re);
    });
  }

  it('shows nothing of Marginalia over a plain word', async () => {
    const text = hoverText(await hoversAt(document.uri, inside(document, 'contact', 'has land contact only')));
    assert.doesNotMatch(text, /marginalia|Wikidata|docs\/rules/i);
  });
});
