import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import countries from 'world-countries/countries.json' with { type: 'json' };

/**
 * Where an office belongs: a country or territory (by ISO code), a part of one with its own
 * government (a US state, Scotland), a place with no ISO code, or the international bodies.
 * `code` is what the compiled base writes: the lower-case ISO code, "us-arkansas" for a part,
 * "x-abkhazia" for a place without a code, "world" for international posts.
 */
export interface Jurisdiction {
  code: string;
  iso?: string;
  name: string;
}

interface FolderOverride {
  iso?: string;
  part?: string;
  name?: string;
  international?: boolean;
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export class Jurisdictions {
  private readonly byName = new Map<string, string>();
  private readonly overrides: Record<string, FolderOverride>;
  private readonly all = new Map<string, Jurisdiction>();

  constructor(overridesPath: string) {
    for (const c of countries) {
      for (const n of [c.name.common, c.name.official, ...c.altSpellings]) if (!this.byName.has(slug(n))) this.byName.set(slug(n), c.cca2);
    }
    this.overrides = (parse(readFileSync(overridesPath, 'utf8')) as { folders: Record<string, FolderOverride> }).folders;
  }

  /** The jurisdiction of an office-holders folder ("israel-ministers"), or undefined when nothing says. */
  ofFolder(folder: string): Jurisdiction | undefined {
    const o = this.overrides[folder];
    if (o) {
      if (o.international) return this.add({ code: 'world', name: o.name ?? 'international bodies' });
      if (o.iso && o.part) return this.add({ code: `${o.iso.toLowerCase()}-${slug(o.part)}`, iso: o.iso, name: o.part });
      if (o.iso) return this.ofIso(o.iso);
      if (o.name) return this.add({ code: `x-${slug(o.name)}`, name: o.name });
    }
    const iso = this.byName.get(folder.replace(/-(ministers|cabinet)$/, ''));
    return iso ? this.ofIso(iso) : undefined;
  }

  ofIso(iso: string): Jurisdiction | undefined {
    const c = countries.find((x) => x.cca2 === iso);
    return c ? this.add({ code: iso.toLowerCase(), iso, name: c.name.common }) : undefined;
  }

  /** A country by a name the country data knows ("United States", "Germany"). */
  ofCountryName(name: string): Jurisdiction | undefined {
    const iso = this.byName.get(slug(name));
    return iso ? this.ofIso(iso) : undefined;
  }

  /** Every jurisdiction handed out, by code. */
  used(): Jurisdiction[] {
    return [...this.all.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  private add(j: Jurisdiction): Jurisdiction {
    const known = this.all.get(j.code);
    if (known) return known;
    this.all.set(j.code, j);
    return j;
  }
}
