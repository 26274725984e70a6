/**
 * De-identification of a study release: HIPAA Safe Harbor on each participant's data, then
 * k-anonymity on the quasi-identifiers (age band, sex, region) by generalisation and
 * suppression. Pure functions; release.service.ts feeds them the participants' records.
 */
import { ageBand } from "./cohort";

/**
 * The 3-digit ZIP areas with 20,000 people or fewer (HHS Safe Harbor guidance, 2000 census):
 * Safe Harbor reports them as 000.
 */
export const RESTRICTED_ZIP3 = new Set([
  "036",
  "059",
  "063",
  "102",
  "203",
  "556",
  "692",
  "790",
  "821",
  "823",
  "830",
  "831",
  "878",
  "879",
  "884",
  "890",
  "893",
]);

export const RELEASE_FIELDS = ["ageBand", "sex", "region", "conditions"] as const;
export type ReleaseField = (typeof RELEASE_FIELDS)[number];

/** What the custodian knows about a participant before de-identification. */
export interface ParticipantData {
  /** The participant's pseudonym in the study (their nullifier): the only key a release carries. */
  participant: string;
  birthDate: string;
  sex: string;
  postalCode: string;
  conditions: { system: string; code: string; display?: string; onset?: string }[];
}

export interface ReleaseRow {
  participant: string;
  ageBand?: string;
  sex?: string;
  region?: string;
  conditions?: { system: string; code: string; display: string | null; onsetYear: number | null }[];
}

/** Whole years between a birth date and a day (both ISO dates). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split("-").map(Number);
  const [y, m, d] = day.slice(0, 10).split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** ZIP to its first three digits, or 000 where that area is small (or the ZIP unusable). */
export function safeHarborZip3(postalCode: string): string {
  const zip3 = postalCode.trim().slice(0, 3);
  return /^\d{3}$/.test(zip3) && !RESTRICTED_ZIP3.has(zip3) ? zip3 : "000";
}

/**
 * Safe Harbor: no names, addresses, dates finer than a year, contact details, record numbers
 * or other identifiers (the row is built from allow-listed fields only); ages over 89 are "90+";
 * ZIP reduced to three digits (000 for small areas); only the requested fields are kept.
 */
export function safeHarbor(p: ParticipantData, releaseDay: string, fields: readonly ReleaseField[]): ReleaseRow {
  const row: ReleaseRow = { participant: p.participant };
  if (fields.includes("ageBand")) row.ageBand = ageBand(ageOn(p.birthDate, releaseDay));
  if (fields.includes("sex")) row.sex = p.sex;
  if (fields.includes("region")) row.region = safeHarborZip3(p.postalCode);
  if (fields.includes("conditions")) {
    row.conditions = p.conditions.map((c) => ({
      system: c.system,
      code: c.code,
      display: c.display ?? null,
      onsetYear: c.onset && /^\d{4}/.test(c.onset) ? Number(c.onset.slice(0, 4)) : null,
    }));
  }
  return row;
}

type QuasiIdentifier = "ageBand" | "sex" | "region";
const QUASI_IDENTIFIERS: QuasiIdentifier[] = ["ageBand", "sex", "region"];

/** Twenty-year bands: "0-19" ... "60-79", "80+". */
function widerAgeBand(band: string): string {
  const low = band === "90+" ? 90 : Number(band.split("-")[0]);
  if (low >= 80) return "80+";
  const start = Math.floor(low / 20) * 20;
  return `${start}-${start + 19}`;
}

/**
 * Generalisation levels, least to most general: 10-year age bands and ZIP3; 20-year bands
 * and the ZIP's first digit; 20-year bands and no region; no age and no region; nothing.
 */
export const GENERALISATIONS: { name: string; apply: (qi: Record<QuasiIdentifier, string>) => Record<QuasiIdentifier, string> }[] = [
  { name: "age 10y, ZIP3, sex", apply: (qi) => qi },
  {
    name: "age 20y, ZIP first digit, sex",
    apply: (qi) => ({ ...qi, ageBand: widerAgeBand(qi.ageBand), region: `${qi.region.slice(0, 1)}**` }),
  },
  { name: "age 20y, sex", apply: (qi) => ({ ...qi, ageBand: widerAgeBand(qi.ageBand), region: "*" }) },
  { name: "sex only", apply: (qi) => ({ ...qi, ageBand: "*", region: "*" }) },
  { name: "no quasi-identifiers", apply: () => ({ ageBand: "*", sex: "*", region: "*" }) },
];

export interface KAnonymous {
  rows: ReleaseRow[];
  /** Smallest group of rows sharing their quasi-identifiers (0 when nothing is released). */
  achievedK: number;
  suppressedRows: number;
  generalisation: string;
}

const qiKey = (row: ReleaseRow): string => QUASI_IDENTIFIERS.map((q) => row[q] ?? "").join("|");

/**
 * k-anonymity on the quasi-identifiers present in the rows: tries each generalisation level
 * in turn, suppressing rows whose group stays smaller than k, and keeps the first level that
 * suppresses at most `maxSuppressedShare` of the rows (else the one suppressing fewest).
 */
export function kAnonymise(rows: readonly ReleaseRow[], k: number, maxSuppressedShare = 0.1): KAnonymous {
  let best: KAnonymous | null = null;
  for (const level of GENERALISATIONS) {
    const generalised = rows.map((row) => {
      const present = QUASI_IDENTIFIERS.filter((q) => row[q] !== undefined);
      if (!present.length) return { ...row };
      const qi = level.apply({ ageBand: row.ageBand ?? "*", sex: row.sex ?? "*", region: row.region ?? "*" });
      return { ...row, ...Object.fromEntries(present.map((q) => [q, qi[q]])) } as ReleaseRow;
    });
    const groups = new Map<string, number>();
    for (const row of generalised) groups.set(qiKey(row), (groups.get(qiKey(row)) ?? 0) + 1);
    const kept = generalised.filter((row) => (groups.get(qiKey(row)) ?? 0) >= k);
    const sizes = [...groups.values()].filter((n) => n >= k);
    const result: KAnonymous = {
      rows: kept,
      achievedK: sizes.length ? Math.min(...sizes) : 0,
      suppressedRows: rows.length - kept.length,
      generalisation: level.name,
    };
    if (!best || result.suppressedRows < best.suppressedRows) best = result;
    if (result.suppressedRows <= Math.floor(rows.length * maxSuppressedShare)) return result;
  }
  return best ?? { rows: [], achievedK: 0, suppressedRows: 0, generalisation: GENERALISATIONS[0].name };
}

/**
 * Rare codes single people out even when the quasi-identifiers do not: a coded condition that
 * fewer than k released participants have is removed from every row (and counted).
 */
export function suppressRareCodes(rows: readonly ReleaseRow[], k: number): { rows: ReleaseRow[]; suppressedCodes: number } {
  const holders = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const c of row.conditions ?? []) {
      const key = `${c.system}|${c.code}`;
      if (!holders.has(key)) holders.set(key, new Set());
      holders.get(key)!.add(row.participant);
    }
  }
  const rare = new Set([...holders].filter(([, people]) => people.size < k).map(([key]) => key));
  return {
    rows: rows.map((row) =>
      row.conditions ? { ...row, conditions: row.conditions.filter((c) => !rare.has(`${c.system}|${c.code}`)) } : row,
    ),
    suppressedCodes: rare.size,
  };
}

/** The release as CSV: one row per participant, conditions as "system|code" joined by ";". */
export function toCsv(rows: readonly ReleaseRow[], fields: readonly ReleaseField[]): string {
  const quote = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const header = ["participant", ...fields];
  const lines = rows.map((row) =>
    header
      .map((f) =>
        f === "conditions"
          ? (row.conditions ?? []).map((c) => `${c.system}|${c.code}${c.onsetYear ? `@${c.onsetYear}` : ""}`).join(";")
          : String(row[f as keyof ReleaseRow] ?? ""),
      )
      .map(quote)
      .join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}
