import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { buildKnowledge, COMPILED_DIR, DEFAULT_DATA_DIR } from '../../server/src/knowledge-build/main.js';
import { BaseSet, CompiledBase, linesOf, type BaseFiles } from '../../server/src/core/entities/base.js';

/**
 * The knowledge build on a small fabricated data set (every source, and each kind of data
 * problem once), and, where ../shared/knowledge-data is present, the committed base against a
 * rebuild of the real data.
 */

const HOLDERS = 'position,person,personID,start,end,gender,DOB,DOD,image,enwiki\n';

function fabricate(): string {
  const root = mkdtempSync(join(tmpdir(), 'marginalia-kb-'));
  const put = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put(
    'office-holders/israel-ministers/holders21.csv',
    HOLDERS +
      'Prime Minister,Benjamin Netanyahu,Q43723,2009-03-31,2021-06-13,male,1949-10-21,,,Benjamin Netanyahu\n' +
      'Minister of Finance,Benjamin Netanyahu,Q43723,2003-02-28,2005-08-09,male,1949-10-21,,,Benjamin Netanyahu\n' +
      // The same statement twice, a decade-precision date, an end before its start, no label, no position.
      'Minister of Finance,Benjamin Netanyahu,Q43723,2003-02-28,2005-08-09,male,1949-10-21,,,Benjamin Netanyahu\n' +
      'Minister of Health,Yael German,Q1000001,2010s,,female,1955-01-01,,,Yael German\n' +
      'Minister of Justice,Gideon Saar,Q1000002,2021-06-13,2020-01-01,male,1966-12-09,,,Gideon Sa\'ar\n' +
      'Minister of Culture,Q1000003,Q1000003,2015,2016,,,,,\n' +
      ',Nobody,Q1000004,2015,2016,,,,,\n' +
      'Minister of Tourism,Юрий Штерн,Q1000005,2003,2004,male,1949-01-01,,,\n',
  );
  // The same person in another folder with another birth date.
  put('office-holders/world/holders21.csv', HOLDERS + 'Permanent Representative to the United Nations,Gideon Saar,Q1000002,2001,2002,male,1966-12-19,,,Gideon Sa\'ar\n');
  put('office-holders/atlantis-cabinet/holders21.csv', HOLDERS + 'Prime Minister,Nobody Atlantean,Q1000006,2001,2002,,,,,\n');
  put('office-holders/us-cabinet/holders21.csv', HOLDERS + 'Speaker of the House of Representatives,John Boehner,Q11702,2011-01-03,2015-10-29,male,1949-11-17,,,John Boehner\n');

  const member = (bioguide: string, first: string, last: string, extra: string): string =>
    `- id:\n    bioguide: ${bioguide}\n    wikidata: ${bioguide === 'B000589' ? 'Q11702' : `Q${bioguide.slice(1)}`}\n  name:\n    first: ${first}\n    last: ${last}\n  bio:\n    birthday: '1949-11-17'\n    gender: M\n${extra}`;
  const boehner = member(
    'B000589',
    'John',
    'Boehner',
    "  terms:\n  - type: rep\n    start: '2013-01-03'\n    end: '2015-01-03'\n    state: OH\n    district: 8\n    party: Republican\n  leadership_roles:\n  - title: Speaker\n    chamber: house\n    start: '2015-01-06'\n",
  );
  put('congress-legislators/legislators-current@2015-02-02.yaml', `${boehner}${boehner}`);
  put('congress-legislators/legislators-current@2017-02-01.yaml', member('R000570', 'Paul', 'Ryan', "  terms:\n  - type: rep\n    start: '2017-01-03'\n    end: '2019-01-03'\n    state: WI\n    district: 1\n    party: Republican\n"));
  put('congress-legislators/legislators-current.yaml', '[]\n');
  put('congress-legislators/executive.yaml', "- id:\n    bioguide: J000160\n  name:\n    first: Lyndon\n    last: Johnson\n  bio:\n    birthday: '1908-08-27'\n    gender: M\n  terms:\n  - type: prez\n    start: '1963-11-22'\n    end: '1969-01-20'\n    party: Democrat\n");
  put('congress-legislators/legislators-historical.csv', 'last_name,first_name,bioguide_id,wikipedia_id\nJohnson,Lyndon,J000160,Lyndon B. Johnson\n');
  put(
    'leaders/archigos-4.1-arch_annual.txt',
    'obsid\tleadid\tccode\tidacr\tleader\tstartdate\tenddate\tgender\tyrborn\tyrdied\tborndate\tdeathdate\tdbpedia.uri\n' +
      'USA-1963\tL1\t2\tUSA\tJohnson\t1963-11-22\t1963-12-31\tM\t1908\t1973\tNA\tNA\thttp://dbpedia.org/resource/Lyndon_B._Johnson\n' +
      'USA-1963\tL1\t2\tUSA\tJohnson\t1964-01-01\t1969-01-20\tM\t1908\t1973\tNA\tNA\thttp://dbpedia.org/resource/Lyndon_B._Johnson\n' +
      'XYZ-1900\tL2\t999\tXYZ\tNemo\t1900-01-01\t1901-01-01\tM\t1850\t1920\tNA\tNA\tNA\n' +
      'USA-1850\tL3\t2\tUSA\tTaylor\t1849-03-04\t1850-07-09\tM\t1784\t1850\tNA\tNA\tNA\n',
  );
  put('treaties/manytreaties-HUGGO_clean.csv', 'Title,Begin,End,Signature,Force,TitleAlt\nMontreal Protocol On Substances That Deplete The Ozone Layer,1987-09-16,NA,1987-09-16,1989-01-01,NA\n');
  put(
    'international-organisations/supraverden-general_list.yaml',
    'World Trade Organization:\n  Wikidata_code: Q7825\n  Name_en: World Trade Organization\n  Abbreviation_en: WTO\n  Year_established: 1995\n  Headquarters: Geneva, Switzerland\n' +
      'WTO again:\n  Wikidata_code: Q7825\n  Name_en: World Trade Organisation\n',
  );
  return root;
}

function reportCount(report: string, kind: string): number {
  const m = new RegExp(`^- \`${kind}\` \\([^\\n]*\\): (\\d+)$`, 'm').exec(report);
  assert.ok(m, `${kind} is in the report`);
  return Number(m[1]);
}

test('knowledge build: every kind of data problem is counted and reported, none silently', () => {
  const data = fabricate();
  try {
    const { files } = buildKnowledge(data);
    const report = files.get('REPORT.md')!;
    for (const kind of ['bad-date', 'end-before-start', 'unknown-jurisdiction', 'duplicate-row', 'duplicate-id', 'conflicting-birth-date', 'no-name', 'name-not-latin', 'open-role-closed', 'surname-only', 'bad-row']) {
      assert.ok(reportCount(report, kind) >= 1, `${kind}: ${report}`);
    }
    assert.match(report, /office-holders\/atlantis-cabinet/);
    assert.match(report, /"2010s"/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('knowledge build: the same data gives the same bytes, and people merge across sources', () => {
  const data = fabricate();
  try {
    const first = buildKnowledge(data).files;
    const second = buildKnowledge(data).files;
    assert.deepEqual([...second.keys()], [...first.keys()]);
    for (const [path, text] of first) assert.equal(second.get(path), text, path);
    const entities = first.get('open/entities.tsv')!.split('\n');
    // Boehner: Wikidata's Speakership (with its end) and the Congress data's seat, one person.
    const boehner = entities.find((l) => l.startsWith('Q11702\t'))!;
    assert.match(boehner, /\|2011-01-03\|2015-10-29\|/);
    assert.match(boehner, /Republican, Ohio's 8th district/);
    assert.equal(boehner.split('\t')[8], 'cw');
    // Lyndon Johnson: the executive file and Archigos meet by surname and birth year.
    const lbj = entities.find((l) => l.startsWith('bioguide:J000160\t'))!;
    assert.equal(lbj.split('\t')[8], 'ac');
    // The share-alike organisations are apart from the rest, with their licence.
    assert.match(first.get('share-alike/entities.tsv')!, /^Q7825\to\tWorld Trade Organization\t/);
    assert.match(first.get('share-alike/manifest.json')!, /CC BY-SA 4\.0/);
    assert.doesNotMatch(first.get('open/entities.tsv')!, /World Trade/);
    assert.match(first.get('NOTICE.md')!, /CC0 1\.0/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('knowledge build: the compiled tables read back through the core', () => {
  const data = fabricate();
  try {
    const files = buildKnowledge(data).files;
    const pack = (name: string): BaseFiles => ({
      pack: name,
      manifest: files.get(`${name}/manifest.json`)!,
      entities: linesOf(Buffer.from(files.get(`${name}/entities.tsv`)!)),
      offices: linesOf(Buffer.from(files.get(`${name}/offices.tsv`)!)),
      jurisdictions: files.get(`${name}/jurisdictions.tsv`)!,
      names: files.get(`${name}/names.tsv`)!,
      surnames: files.get(`${name}/surnames.tsv`)!,
      holders: () => files.get(`${name}/holders.tsv`)!,
    });
    const base = new BaseSet([new CompiledBase(pack('open')), new CompiledBase(pack('share-alike'))]);
    const found = base.lookup('benjamin netanyahu', 'names');
    assert.equal(found.handles.length, 1);
    const bibi = base.entity(found.handles[0]!.handle, () => undefined);
    assert.equal(bibi.id, 'Q43723');
    assert.ok(bibi.roles.some((r) => r.title === 'Prime Minister of Israel' && r.from === '2009-03-31' && r.to === '2021-06-13'));
    assert.ok(base.lookup('benjamin', 'names').continues);
    assert.equal(base.lookup('wto', 'names').handles[0]!.acronym, true);
    assert.ok(base.holders('il', 'prime minister').some((h) => h.from === '2009-03-31'));
    assert.ok(base.wordFlags('netanyahu') & 2);
    assert.equal(base.wordFlags('zzzz'), 0);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

function committed(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) committed(full, out);
    else out.set(relative(COMPILED_DIR, full).split('\\').join('/'), readFileSync(full, 'utf8'));
  }
  return out;
}

test('knowledge build: the committed base is what the build makes of ../shared/knowledge-data', { skip: existsSync(join(DEFAULT_DATA_DIR, 'office-holders')) ? false : 'no ../shared/knowledge-data here' }, () => {
  const built = buildKnowledge(DEFAULT_DATA_DIR).files;
  const onDisk = committed(COMPILED_DIR);
  assert.deepEqual([...onDisk.keys()].sort(), [...built.keys()].sort());
  for (const [path, text] of built) assert.ok(onDisk.get(path) === text, `server/knowledge/compiled/${path} differs from a rebuild: run npm run knowledge`);
});
