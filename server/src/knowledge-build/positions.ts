import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type OfficeKind = 'head' | 'cabinet' | 'legislature' | 'judiciary' | 'diplomatic' | 'subnational' | 'other';

export interface Position {
  styles: string[];
  kind: OfficeKind;
  notability: 1 | 2 | 3;
  display: 'of' | 'place' | 'label';
  leader: boolean;
  /** The card's name for the office, where the label is not it ("United States senator"). */
  title?: string;
}

interface Rule {
  match: RegExp;
  styles: string[];
  kind: OfficeKind;
  notability: 1 | 2 | 3;
  display: Position['display'];
  leader: boolean;
  title?: string;
}

/** Reads data/positions.yaml: position labels to styles, kinds and how a card writes them. */
export class Positions {
  private readonly rules: Rule[];
  private readonly memo = new Map<string, Position>();

  constructor(path: string) {
    const raw = parse(readFileSync(path, 'utf8')) as { rules: Array<Omit<Rule, 'match' | 'leader'> & { match: string; leader?: boolean }> };
    this.rules = raw.rules.map((r) => ({ ...r, match: new RegExp(`^(?:${r.match})$`, 'i'), leader: r.leader ?? false }));
  }

  of(label: string): Position {
    const known = this.memo.get(label);
    if (known) return known;
    const rule = this.rules.find((r) => r.match.test(label))!;
    const m = rule.match.exec(label)!;
    const styles = rule.styles
      .map((s) => s.replace(/\$(\d)/g, (_, n: string) => titleCase(m[Number(n)] ?? '')).trim())
      .filter((s, i, all) => s !== '' && all.indexOf(s) === i);
    const position: Position = { styles, kind: rule.kind, notability: rule.notability, display: rule.display, leader: rule.leader, ...(rule.title ? { title: rule.title } : {}) };
    this.memo.set(label, position);
    return position;
  }
}

function titleCase(words: string): string {
  return words.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
