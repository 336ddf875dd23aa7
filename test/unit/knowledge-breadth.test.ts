import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildProseDocument } from '../../server/src/core/prose.js';
import { recognizeEntities, type RecognizedMention } from '../../server/src/core/entities/index.js';
import { tokenize } from '../../server/src/core/entities/tokens.js';
import { bundledKnowledge, ROOT } from '../helpers.js';

/**
 * The hand-written breadth packs (organisations and people no open data covers): names
 * writers use must link the right entry, ordinary sentences must link none of them, and
 * every entry carries its sources.
 */

const DIR = join(ROOT, 'server', 'knowledge', 'entities');
const BREADTH_PACKS = [
  'armed-groups.yaml',
  'companies.yaml',
  'courts.yaml',
  'media.yaml',
  'ngos.yaml',
  'parties-movements.yaml',
  'people-public.yaml',
  'think-tanks.yaml',
  'us-government.yaml',
  'world-government.yaml',
];

interface RawRole {
  title: string;
  from?: string | number;
  to?: string | number;
}
interface RawEntry {
  id: string;
  name: string;
  type: string;
  aliases?: string[];
  born?: string | number;
  died?: string | number;
  roles?: RawRole[];
  summary: string;
  facts?: Array<{ text: string; source: string }>;
  links?: Array<{ title: string; url: string }>;
}

const packs = BREADTH_PACKS.map((file) => ({ file, entries: (parse(readFileSync(join(DIR, file), 'utf8')) as { entities: RawEntry[] }).entities }));
const entries = packs.flatMap((p) => p.entries);
const breadthIds = new Set(entries.map((e) => e.id));

function recognize(text: string, date: string): RecognizedMention[] {
  return recognizeEntities(buildProseDocument(text), { date, source: 'cli', basis: 'the --reference-date option' }, bundledKnowledge());
}

/** [sentence, the mention it must contain as "text → id", reference date]. */
const HITS: Array<[string, string, string?]> = [
  // US government
  ['The Justice Department opened an inquiry.', 'Justice Department → mg:us-department-of-justice'],
  ['Agents of the F.B.I. searched the house.', 'F.B.I. → mg:fbi'],
  ['The FBI director testified.', 'FBI → mg:fbi'],
  ['Former CIA officers signed the letter.', 'CIA → mg:cia'],
  ['The EPA proposed new limits on mercury.', 'EPA → mg:epa'],
  ['The Pentagon declined to comment.', 'Pentagon → mg:us-department-of-defense'],
  ['The Federal Reserve raised rates again.', 'Federal Reserve → mg:federal-reserve'],
  ['A State Department spokesman said so.', 'State Department → mg:us-department-of-state'],
  ['Congress passed the bill on Friday.', 'Congress → mg:us-congress'],
  ['The U.S. Senate confirmed her.', 'U.S. Senate → mg:us-senate'],
  ['The US House of Representatives voted to impeach.', 'US House of Representatives → mg:us-house'],
  ['The White House said nothing.', 'White House → mg:white-house'],
  ['Lobbyists swarmed Capitol Hill.', 'Capitol Hill → mg:us-capitol'],
  ['The January 6 attack shocked the country.', 'January 6 attack → mg:january-6-capitol-attack'],
  ['She served in the U.S. Army for ten years.', 'U.S. Army → mg:us-army'],
  ['The Department of Homeland Security and ICE agents.', 'ICE → mg:ice'],
  ['The CBO scored the bill.', 'CBO → mg:congressional-budget-office'],
  ['The Secret Service protects the president.', 'Secret Service → mg:us-secret-service'],
  ['The Indian National Congress lost again.', 'Indian National Congress → mg:indian-national-congress'],
  // Courts
  ['The U.S. Supreme Court heard the case.', 'U.S. Supreme Court → mg:us-supreme-court'],
  ['The Supreme Court of the United States ruled 6-3.', 'Supreme Court of the United States → mg:us-supreme-court'],
  ['The Ninth Circuit blocked the order.', 'Ninth Circuit → mg:ninth-circuit'],
  ['The European Court of Justice disagreed.', 'European Court of Justice → Q4951'],
  ['Britain might leave the ECHR.', 'ECHR → mg:european-convention-on-human-rights'],
  ["India's Supreme Court struck it down.", "India's Supreme Court → mg:supreme-court-of-india"],
  // Other governments
  ['The Kremlin denied it.', 'Kremlin → mg:kremlin'],
  ['Downing Street confirmed the meeting.', 'Downing Street → mg:10-downing-street'],
  ['The 20th Party Congress opened in Beijing.', 'Party Congress → mg:communist-party-congress'],
  ["China's National People's Congress met in March.", "National People's Congress → mg:national-peoples-congress"],
  ['The Blue House said the talks would go on.', 'Blue House → mg:blue-house'],
  ['MI6 and the Mossad shared intelligence.', 'MI6 → mg:mi6'],
  ['The NHS is short of nurses.', 'NHS → mg:nhs'],
  ['Units of the PLA held drills.', 'PLA → mg:peoples-liberation-army'],
  // Parties and movements
  ['The GOP nominee spoke.', 'GOP → mg:republican-party'],
  ['The Democratic Party lost the House.', 'Democratic Party → mg:democratic-party'],
  ['The Tea Party rallied in 2010.', 'Tea Party → mg:tea-party-movement', '2010-06-01'],
  ['The Boston Tea Party was a protest.', 'Boston Tea Party → mg:boston-tea-party'],
  ['The Labour Party won a landslide.', 'Labour Party → mg:uk-labour-party'],
  ['The Tories lost seats.', 'Tories → mg:uk-conservative-party'],
  ['The Conservative Party of Canada chose a leader.', 'Conservative Party of Canada → mg:conservative-party-of-canada'],
  ['Black Lives Matter protesters marched.', 'Black Lives Matter → mg:black-lives-matter'],
  ['The #MeToo movement spread.', 'MeToo movement → mg:metoo'],
  ['Occupy Wall Street camped in Zuccotti Park.', 'Occupy Wall Street → mg:occupy-wall-street'],
  ['The Brexit Party topped the poll.', 'Brexit Party → mg:reform-uk'],
  ['The AfD gained in the east.', 'AfD → mg:afd'],
  ['The Liberal Democratic Party of Japan chose a new leader.', 'Liberal Democratic Party of Japan → mg:ldp-japan'],
  ['The gilets jaunes blocked roads.', 'gilets jaunes → mg:yellow-vests-movement'],
  // Armed groups
  ['Al Qaeda claimed the attack.', 'Al Qaeda → mg:al-qaeda'],
  ['ISIS fighters retreated.', 'ISIS → mg:islamic-state'],
  ['The Taliban took Kabul.', 'Taliban → mg:taliban'],
  ['The Provisional IRA declared a ceasefire.', 'Provisional IRA → mg:provisional-ira'],
  // NGOs
  ['The NAACP filed suit.', 'NAACP → mg:naacp'],
  ['AARP opposed the cuts.', 'AARP → mg:aarp'],
  ['The A.C.L.U. sued.', 'A.C.L.U. → mg:aclu'],
  ['Amnesty International documented the abuses.', 'Amnesty International → mg:amnesty-international'],
  ['The NRA spent millions.', 'NRA → mg:nra'],
  ['Planned Parenthood clinics closed.', 'Planned Parenthood → mg:planned-parenthood'],
  ['Human Rights Watch reported it.', 'Human Rights Watch → mg:human-rights-watch'],
  ['Doctors Without Borders evacuated staff.', 'Doctors Without Borders → mg:msf'],
  ['The Teamsters went on strike.', 'Teamsters → mg:teamsters'],
  ['The Gates Foundation funded it.', 'Gates Foundation → mg:gates-foundation'],
  // Think tanks
  ['The Heritage Foundation published a plan.', 'Heritage Foundation → mg:heritage-foundation'],
  ['A Brookings study found otherwise.', 'Brookings → mg:brookings-institution'],
  ['The Cato Institute disagreed.', 'Cato Institute → mg:cato-institute'],
  ['The Pew Research Center surveyed adults.', 'Pew Research Center → mg:pew-research-center'],
  ['A RAND report warned of it.', 'RAND → mg:rand-corporation'],
  ['Project 2025 proposed it.', 'Project 2025 → mg:project-2025'],
  ['The Guardian Council disqualified him.', 'The Guardian Council → mg:guardian-council'],
  // Media
  ['According to The New York Times, it fell.', 'The New York Times → mg:new-york-times'],
  ['The NYT reported it first.', 'NYT → mg:new-york-times'],
  ['She told the Washington Post.', 'Washington Post → mg:washington-post'],
  ['An editorial in the Wall Street Journal said so.', 'Wall Street Journal → mg:wall-street-journal'],
  ['According to the Guardian, it rained.', 'the Guardian → mg:the-guardian'],
  ['The Economist disagreed.', 'The Economist → mg:the-economist'],
  ['He wrote for BuzzFeed News.', 'BuzzFeed News → mg:buzzfeed'],
  ['Newsweek ran a cover story.', 'Newsweek → mg:newsweek'],
  ['He appeared on Fox News.', 'Fox News → mg:fox-news'],
  ['CNN and MSNBC covered it.', 'CNN → mg:cnn'],
  ['The BBC reported the news.', 'BBC → mg:bbc'],
  ['Reuters reported the deal.', 'Reuters → mg:reuters'],
  ['The A.P. called the race.', 'A.P. → mg:associated-press'],
  ['The Associated Press called the race.', 'Associated Press → mg:associated-press'],
  ['She wrote in Time magazine.', 'Time magazine → mg:time-magazine'],
  ['An essay in the Atlantic Monthly.', 'Atlantic Monthly → mg:the-atlantic'],
  ['Xinhua and the Global Times said so.', 'Xinhua → mg:xinhua'],
  ['KCNA said the test succeeded.', 'KCNA → mg:kcna'],
  ['Yonhap reported the launch.', 'Yonhap → mg:yonhap'],
  ['The Economist Intelligence Unit ranks it.', 'The Economist Intelligence Unit → mg:economist-intelligence-unit'],
  // Companies
  ['Walmart raised wages.', 'Walmart → mg:walmart'],
  ['Google and Facebook dominate ads.', 'Google → mg:google'],
  ['Google and Facebook dominate ads.', 'Facebook → mg:facebook'],
  ['ExxonMobil knew.', 'ExxonMobil → mg:exxonmobil'],
  ['Goldman Sachs advised them.', 'Goldman Sachs → mg:goldman-sachs'],
  ['Apple Inc. reported record profits.', 'Apple Inc → mg:apple-inc'],
  ['Amazon Web Services went down.', 'Amazon Web Services → mg:amazon'],
  ['Target Corp. cut prices.', 'Target Corp → mg:target-corporation'],
  ['Royal Dutch Shell paid.', 'Royal Dutch Shell → mg:shell'],
  ["McDonald's Corporation raised wages.", "McDonald's Corporation → mg:mcdonalds"],
  ['Tesla shares fell.', 'Tesla → mg:tesla'],
  ['Huawei phones are banned.', 'Huawei → mg:huawei'],
  ['Samsung makes memory chips.', 'Samsung → mg:samsung-electronics'],
  ['Purdue Pharma pleaded guilty.', 'Purdue Pharma → mg:purdue-pharma'],
  // People
  ['Elon Musk bought Twitter.', 'Elon Musk → mg:elon-musk'],
  ['Elon Musk bought Twitter. Later Musk fired half the staff.', 'Musk → mg:elon-musk'],
  ['Jeff Bezos founded Amazon.', 'Jeff Bezos → mg:jeff-bezos'],
  ['Zuckerberg testified.', 'Zuckerberg → mg:mark-zuckerberg'],
  ['Warren Buffett invested.', 'Warren Buffett → mg:warren-buffett'],
  ['Greta Thunberg spoke at the UN.', 'Greta Thunberg → mg:greta-thunberg'],
  ['Tucker Carlson said it on air.', 'Tucker Carlson → mg:tucker-carlson'],
  ['Rush Limbaugh mocked it.', 'Rush Limbaugh → mg:rush-limbaugh'],
  ['Bob Woodward broke the story.', 'Bob Woodward → mg:bob-woodward'],
  ['Noam Chomsky disagreed.', 'Noam Chomsky → mg:noam-chomsky'],
  ['Malala Yousafzai won the prize.', 'Malala Yousafzai → mg:malala-yousafzai'],
  ['Martin Luther King Jr. spoke in Washington.', 'Martin Luther King Jr → mg:martin-luther-king-jr'],
  ['As Dr. King said, the arc is long.', 'Dr. King → mg:martin-luther-king-jr'],
  ['As Keynes observed, in the long run we are all dead.', 'Keynes → mg:john-maynard-keynes'],
  ['It was an Orwellian moment, as Orwell foresaw.', 'Orwell → mg:george-orwell'],
  ['Mayor Giuliani praised the police.', 'Mayor Giuliani → mg:rudy-giuliani', '1998-06-01'],
  ['Nikola Tesla invented the induction motor.', 'Nikola Tesla → mg:nikola-tesla'],
  ['Walt Disney drew Mickey Mouse.', 'Walt Disney → mg:walt-disney'],
];

for (const [text, expected, date = '2019-06-21'] of HITS) {
  test(`breadth packs link ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
    const found = recognize(text, date).map((m) => `${m.text} → ${m.id}`);
    assert.ok(found.includes(expected), `found: ${JSON.stringify(found)}`);
  });
}

/** Ordinary sentences: none of their words may link an entry of the breadth packs. */
const MISSES: string[] = [
  'The senate of the university met on Tuesday.',
  'The house was empty when we arrived.',
  'The Virginia Senate voted along party lines.',
  'The House of Representatives of Australia sat late.',
  'Fed up with the delays, voters stayed home.',
  'He was fed well and slept.',
  'The Treasury ministers of the euro area met.',
  'The army and the navy paraded.',
  'The Florida Department of State certified the results.',
  'The California Department of Justice opened a case.',
  "Ukraine's National Guard held the line.",
  'The supreme court of the state ruled.',
  'The Connecticut Supreme Court agreed.',
  'The High Court in London ruled for him.',
  'Labour shortages worsened in the spring.',
  'The conservatives in the room objected.',
  'Republicans and Democrats disagreed.',
  'The democratic party of the future is a dream.',
  'We had a tea party in the garden.',
  'Yellow vests were handed out to the workers.',
  'Me too, she said.',
  'Amnesty for undocumented immigrants was debated.',
  'The Heritage of the city is its architecture.',
  'Cato the Elder ended every speech the same way.',
  'The Pew was hard and cold.',
  'The guardian of the child signed the form.',
  'Congressman Smith and Congresswoman Jones spoke.',
  'The IRA tax credits for heat pumps were popular.',
  'She put money in her IRA every year.',
  'Isis was an Egyptian goddess.',
  'Wagner wrote long operas.',
  'The Democratic Front won.',
  'I bought an apple at the market.',
  'Apple pie and an apple tree.',
  'We hit a target of 2 percent inflation.',
  'The gap between rich and poor grew.',
  'Shell shock was common among veterans.',
  'The times we live in are strange.',
  'The Times were changing, she sang.',
  'Fox hunting was banned in 2004.',
  'The Amazon rainforest is burning.',
  'Time will tell whether it works.',
  'Fortune favours the bold.',
  'The Atlantic Ocean is warming.',
  'The economist Paul Romer disagreed.',
  'Intel officials said the threat was real.',
  'The Chevron doctrine was overturned.',
  'A meta analysis of the studies.',
  'Cook the pasta for ten minutes.',
  'Jobs were scarce after the war.',
  'Will the senators act?',
  'Silver prices rose sharply.',
  'Parks are green in spring.',
  'AI will change many jobs.',
  'The Oracle of Delphi spoke.',
  'He earned an MA degree.',
  'AP classes are hard.',
  'Marines landed on the beach.',
  'Steve Forbes ran for president.',
  'The Independent Commission on Decommissioning reported.',
  'Adam Smith wrote about the invisible hand.',
  "VA Secretary Bob McDonald's first order was a pin.",
  'President Smith and Chairman Lee Soo-man met Mr Jones.',
  'Mr. Cook agreed with Dr. Epstein.',
  "The only problem with Dr. Friedman's thesis is the timing.",
  'She loved old Jimmy Buffett songs.',
  'The Metropolitan Police Department of Washington responded.',
  'A staff member for the CBC, the Congressional Black Caucus, called.',
  'Jerry Falwell Jr. resigned from Liberty University.',
  'No 10-year-old should work.',
  'The EU enforces the DSA against platforms.',
  'XR headsets are still expensive.',
];

for (const text of MISSES) {
  test(`breadth packs link nothing in ${JSON.stringify(text)}`, () => {
    const found = recognize(text, '2019-06-21').filter((m) => breadthIds.has(m.id));
    assert.deepEqual(found.map((m) => `${m.text} → ${m.id}`), []);
  });
}

/**
 * Bare forms deliberately left out (ordinary words, first names, places, other countries'
 * bodies): the packs' header comments explain each. A name or alias equal to one of them
 * would link the fruit, the word or the wrong country's body.
 */
const FORBIDDEN_ALIASES = [
  'Senate', 'House', 'House of Representatives', 'Supreme Court', 'High Court', 'Fed', 'Treasury', 'Army', 'Navy',
  'Air Force', 'Coast Guard', 'National Guard', 'Marine Corps', 'VA', 'DOE', 'Capitol', 'Labour', 'Conservatives',
  'Republicans', 'Democrats', 'Heritage', 'Cato', 'Pew', 'Hoover', 'Amnesty', 'Red Cross', 'Chamber of Commerce', 'IRA',
  'IS', 'Isis', 'Wagner', 'NOW', 'Workers\' Party', 'Solidarity', 'Vox', 'BLM', 'DPP', 'NPC', 'CFR', 'Department of State',
  'Department of Justice', 'Department of Education', 'National Security Council', 'House of Commons', 'Diet',
];

test('breadth packs: no name or alias is a bare form left out on purpose', () => {
  const key = (s: string): string => tokenize(s).map((t) => t.norm).join(' ');
  const forbidden = new Map(FORBIDDEN_ALIASES.map((a) => [key(a), a]));
  const clashes = entries.flatMap((e) => [e.name, ...(e.aliases ?? [])].filter((a) => forbidden.has(key(a)) && a === forbidden.get(key(a))).map((a) => `${e.id}: ${a}`));
  assert.deepEqual(clashes, []);
});

test('breadth packs: no alias repeats a name of an entry in another bundled pack', () => {
  const key = (s: string): string => tokenize(s).map((t) => t.norm).join(' ');
  const others = new Map<string, string>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !BREADTH_PACKS.includes(f))) {
    for (const e of (parse(readFileSync(join(DIR, file), 'utf8')) as { entities: RawEntry[] }).entities) {
      for (const a of [e.name, ...(e.aliases ?? [])]) others.set(`${key(a)}|${caseShape(a)}`, e.id);
    }
  }
  const clashes = entries.flatMap((e) => [e.name, ...(e.aliases ?? [])].filter((a) => others.has(`${key(a)}|${caseShape(a)}`)).map((a) => `${e.id}: "${a}" is also ${others.get(`${key(a)}|${caseShape(a)}`)}`));
  assert.deepEqual(clashes, []);
});

/** Whether a name is written in capitals ("US") or not ("Us"): the matcher tells them apart. */
function caseShape(name: string): string {
  return tokenize(name).map((t) => (t.raw.length >= 2 && t.raw === t.raw.toUpperCase() ? 'A' : 'a')).join('');
}

test('breadth packs: every entry has a summary, a source for each fact and a Wikipedia link', () => {
  for (const e of entries) {
    assert.ok(e.summary.trim().length > 0, e.id);
    assert.ok((e.facts ?? []).length >= 1, `${e.id} has no facts`);
    for (const f of e.facts ?? []) {
      assert.ok(f.text.trim().length > 0, `${e.id}: empty fact`);
      assert.match(f.source, /^https:\/\/\S+$/, `${e.id}: "${f.text}" needs an https source`);
    }
    assert.ok((e.links ?? []).some((l) => /^https:\/\/en\.wikipedia\.org\/wiki\/\S+$/.test(l.url)), `${e.id} has no English Wikipedia link`);
  }
});

test('breadth packs: dates are in order (founded before dissolved, born before died, roles within a life)', () => {
  const day = (d: string | number | undefined): string | undefined => (d === undefined ? undefined : String(d));
  for (const e of entries) {
    const born = day(e.born);
    const died = day(e.died);
    if (born && died) assert.ok(born <= died, `${e.id}: born ${born} after died ${died}`);
    for (const r of e.roles ?? []) {
      const from = day(r.from);
      const to = day(r.to);
      if (from && to) assert.ok(from.slice(0, to.length) <= to, `${e.id}: ${r.title} from ${from} after ${to}`);
      if (born && from) assert.ok(born.slice(0, 4) <= from.slice(0, 4), `${e.id}: ${r.title} starts before birth`);
      if (died && to) assert.ok(to.slice(0, 4) <= died.slice(0, 4), `${e.id}: ${r.title} ends after death`);
    }
  }
});

/**
 * A Wikidata id is written only where the open data beside the repository gives it
 * (people in the office-holder tables, organisations in the international-organisations
 * list). The data sits beside the main checkout (../shared) or beside the worktrees
 * (../../shared); without it there is nothing to check against.
 */
const SHARED = [join(ROOT, '..', 'shared', 'knowledge-data'), join(ROOT, '..', '..', 'shared', 'knowledge-data')].find((d) => existsSync(d));

test('breadth packs: every Wikidata id is one the open data gives', { skip: SHARED ? false : 'no ../shared/knowledge-data here' }, () => {
  const qids = entries.map((e) => e.id).filter((id) => /^Q\d+$/.test(id));
  assert.ok(qids.length > 0);
  const texts: string[] = [readFileSync(join(SHARED!, 'international-organisations', 'supraverden-general_list.yaml'), 'utf8')];
  const holders = join(SHARED!, 'office-holders');
  for (const dir of readdirSync(holders)) {
    const full = join(holders, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full).filter((n) => n.endsWith('.csv'))) texts.push(readFileSync(join(full, f), 'utf8'));
  }
  const missing = qids.filter((id) => !texts.some((t) => new RegExp(`\\b${id}\\b`).test(t)));
  assert.deepEqual(missing, []);
});
