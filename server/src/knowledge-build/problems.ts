/**
 * Data problems the build meets: counted by kind, with a few examples each, and written to
 * the build report. Nothing the build drops or corrects goes unreported.
 */
export type ProblemKind =
  | 'bad-date'
  | 'end-before-start'
  | 'unknown-jurisdiction'
  | 'duplicate-row'
  | 'duplicate-id'
  | 'conflicting-birth-date'
  | 'no-name'
  | 'name-not-latin'
  | 'open-role-closed'
  | 'surname-only'
  | 'bad-row';

const DESCRIPTIONS: Record<ProblemKind, string> = {
  'bad-date': 'a date that is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD): the date is left out',
  'end-before-start': 'an office whose end is before its start: the end is left out',
  'unknown-jurisdiction': 'a folder or country code that maps to no jurisdiction: its rows are left out',
  'duplicate-row': 'the same statement twice in one source: kept once',
  'duplicate-id': 'two records of one source with the same id: merged into one',
  'conflicting-birth-date': 'sources disagree on a birth date: the most precise date of the first source in build order is kept',
  'no-name': 'a person or organisation without an English name (only an id): left out',
  'name-not-latin': 'a name not written in Latin letters: kept on the card, not matched in text',
  'open-role-closed': 'a Congress leadership role left open in the last snapshot naming its holder: ended at the next snapshot without them',
  'surname-only': 'a leader known only by a surname, with no Wikipedia title to give the full name: left out',
  'bad-row': 'a row missing a required field: left out',
};

const EXAMPLES = 5;

export class Problems {
  private readonly counts = new Map<ProblemKind, number>();
  private readonly examples = new Map<ProblemKind, string[]>();

  add(kind: ProblemKind, example: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const list = this.examples.get(kind) ?? [];
    if (list.length < EXAMPLES) list.push(example);
    this.examples.set(kind, list);
  }

  count(kind: ProblemKind): number {
    return this.counts.get(kind) ?? 0;
  }

  /** The report's section, in a fixed order so the output is the same from run to run. */
  lines(): string[] {
    const out: string[] = [];
    for (const kind of Object.keys(DESCRIPTIONS) as ProblemKind[]) {
      const n = this.counts.get(kind) ?? 0;
      out.push(`- \`${kind}\` (${DESCRIPTIONS[kind]}): ${n}`);
      for (const e of this.examples.get(kind) ?? []) out.push(`  - ${e}`);
    }
    return out;
  }
}
