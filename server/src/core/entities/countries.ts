import countries from 'world-countries/countries.json' with { type: 'json' };
import type { CountryData } from './model.js';

/**
 * Country facts come from the `world-countries` package (mledoze/countries, ODbL), not from
 * our packs: capital, region and land borders are kept up to date there. Packs name a
 * country by its ISO 3166-1 alpha-2 code and the compiler attaches this data.
 */

export const COUNTRY_DATA_SOURCE = 'https://github.com/mledoze/countries';

interface RawCountry {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  capital: string[];
  region: string;
  subregion: string;
  borders: string[];
  area: number;
  landlocked: boolean;
  unMember: boolean;
  demonyms?: { eng?: { m: string; f: string } };
}

const RAW = countries as unknown as RawCountry[];
const BY_ISO3 = new Map(RAW.map((c) => [c.cca3, c]));
const BY_ISO2 = new Map(RAW.map((c) => [c.cca2, c]));

/** The package's data for an alpha-2 code, borders resolved to common names. */
export function countryData(iso2: string): CountryData | undefined {
  const c = BY_ISO2.get(iso2);
  if (!c) return undefined;
  return {
    iso2: c.cca2,
    iso3: c.cca3,
    officialName: c.name.official,
    capital: [...c.capital],
    region: c.region,
    subregion: c.subregion,
    borders: c.borders.map((code) => BY_ISO3.get(code)?.name.common ?? code).sort((a, b) => a.localeCompare(b)),
    areaKm2: c.area,
    landlocked: c.landlocked,
    unMember: c.unMember,
  };
}

export function countryNames(iso2: string): { common: string; official: string; demonym?: string } | undefined {
  const c = BY_ISO2.get(iso2);
  if (!c) return undefined;
  const demonym = c.demonyms?.eng?.m;
  return demonym ? { common: c.name.common, official: c.name.official, demonym } : { common: c.name.common, official: c.name.official };
}

/** Alpha-2 codes of UN member states, for the cards generated for countries no pack describes. */
export function unMemberCodes(): string[] {
  return RAW.filter((c) => c.unMember).map((c) => c.cca2);
}
