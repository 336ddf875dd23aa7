import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../csv.js';
import { partialDate, withPrecision } from '../dates.js';
import type { Jurisdictions } from '../jurisdictions.js';
import type { Registry } from '../people.js';
import type { Problems } from '../problems.js';
import { withoutQualifier } from '../keys.js';

/**
 * Wikidata "position held" statements, one folder per jurisdiction (every-politician-scrapers):
 * `holders21.csv` (cabinets, heads of state and government, courts, governors), `legislators.csv`
 * (national legislators) and `bio.csv` (birth and death dates with their precision, English
 * Wikipedia titles). `officeholders.csv` names positions by Wikidata id only, with no label
 * to read a style from, so it is not used.
 */
export function readOfficeHolders(dir: string, registry: Registry, jurisdictions: Jurisdictions, problems: Problems): { folders: number; rows: number } {
  let folders = 0;
  let rows = 0;
  for (const folder of readdirSync(dir).sort()) {
    const path = join(dir, folder);
    if (!statSync(path).isDirectory()) continue;
    const jurisdiction = jurisdictions.ofFolder(folder);
    if (!jurisdiction) {
      problems.add('unknown-jurisdiction', `office-holders/${folder}`);
      continue;
    }
    folders++;
    const bio = new Map<string, Record<string, string>>();
    if (existsSync(join(path, 'bio.csv'))) for (const r of readCsv(join(path, 'bio.csv'))) if (r['id']) bio.set(r['id'], r);
    const seen = new Set<string>();
    for (const file of ['holders21.csv', 'legislators.csv']) {
      if (!existsSync(join(path, file))) continue;
      for (const r of readCsv(join(path, file))) {
        rows++;
        const where = `office-holders/${folder}/${file}`;
        const id = r['personID'] ?? '';
        const position = r['position'] ?? '';
        const name = r['person'] ?? '';
        if (!/^Q\d+$/.test(id) || position === '') {
          problems.add('bad-row', `${where}: ${JSON.stringify([position, name, id])}`);
          continue;
        }
        if (name === '' || /^Q\d+$/.test(name)) {
          problems.add('no-name', `${where}: ${id}`);
          continue;
        }
        const row = `${position}|${id}|${r['start'] ?? ''}|${r['end'] ?? ''}`;
        if (seen.has(row)) {
          problems.add('duplicate-row', `${where}: ${name} (${id}), ${position} ${r['start'] ?? ''}–${r['end'] ?? ''}`);
          continue;
        }
        seen.add(row);
        const b = bio.get(id);
        const born = b ? withPrecision(partialDate(b['dob'], problems, `${where} bio ${id} dob`), b['dobp']) : partialDate(r['DOB'], problems, `${where} ${id} DOB`);
        const died = b ? withPrecision(partialDate(b['dod'], problems, `${where} bio ${id} dod`), b['dodp']) : partialDate(r['DOD'], problems, `${where} ${id} DOD`);
        const gender = (b?.['gender'] ?? r['gender'] ?? '').toLowerCase();
        const wikipedia = b?.['enwiki'] || r['enwiki'] || undefined;
        const person = registry.person({
          wikidata: id,
          name,
          ...(wikipedia ? { wikipedia, otherNames: [withoutQualifier(wikipedia)] } : {}),
          ...(gender === 'male' ? { gender: 'm' as const } : gender === 'female' ? { gender: 'f' as const } : {}),
          ...(born ? { born } : {}),
          ...(died ? { died } : {}),
          source: 'wikidata',
        });
        const office = registry.office(jurisdiction, position);
        registry.tenure(person, office, partialDate(r['start'], problems, `${where} ${id} start`), partialDate(r['end'], problems, `${where} ${id} end`), 'wikidata');
      }
    }
  }
  return { folders, rows };
}
