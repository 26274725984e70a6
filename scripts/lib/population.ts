/**
 * A synthetic population from the 45 Synthea bundles as templates: each new patient is a
 * template with fresh ids, an age drawn from an age/sex pyramid (every date of the chart moves
 * with the birth date, so the clinical timeline stays consistent), a region drawn from a set
 * of 3-digit ZIP areas with their weights, and a new family name. Conditions, observations and
 * the number of records per patient follow the templates, so prevalence and chart sizes are
 * Synthea's. Deterministic for a given seed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export interface Template {
  file: string;
  bundle: { resourceType: string; entry: { resource: Record<string, unknown> }[] };
}

/** Share of the population per 10-year age band, 0–9 to 90–99 (roughly the US 2020 census). */
export const AGE_PYRAMID = [0.12, 0.13, 0.13, 0.13, 0.12, 0.13, 0.12, 0.08, 0.03, 0.01];

/** 3-digit ZIP areas of the catchment (Massachusetts, where the Synthea templates live) and their weights. */
export const REGIONS: [string, number][] = [
  ["021", 0.3],
  ["024", 0.15],
  ["019", 0.12],
  ["017", 0.1],
  ["018", 0.1],
  ["010", 0.08],
  ["020", 0.08],
  ["026", 0.07],
];

const FAMILY_NAMES = ["Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Johnson", "Kowalski", "Lopez"];

/** A small seeded generator (mulberry32), so a seed always gives the same population. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick<T>(items: [T, number][], r: number): T {
  let acc = 0;
  for (const [item, weight] of items) {
    acc += weight;
    if (r < acc) return item;
  }
  return items.at(-1)![0];
}

export function loadTemplates(dir: string): Template[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json.gz"))
    .sort()
    .map((file) => ({ file, bundle: JSON.parse(gunzipSync(readFileSync(path.join(dir, file))).toString("utf8")) as Template["bundle"] }));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DATE = /"(\d{4}-\d{2}-\d{2})(T[^"]*)?"/g;
const DAY_MS = 86_400_000;

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[Math.floor(next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const latestDates = new WeakMap<Template["bundle"], number>();
/** The latest date anywhere in a template (cached). */
function latestDate(bundle: Template["bundle"]): number {
  let latest = latestDates.get(bundle);
  if (latest === undefined) {
    latest = Math.max(...[...JSON.stringify(bundle).matchAll(DATE)].map((m) => Date.parse(`${m[1]}T00:00:00Z`)));
    latestDates.set(bundle, latest);
  }
  return latest;
}

const birthOf = (bundle: Template["bundle"]): number =>
  Date.parse(`${(bundle.entry.find((e) => e.resource.resourceType === "Patient")!.resource as { birthDate: string }).birthDate}T00:00:00Z`);

/** Patient `index` of the population made with `seed`, as a FHIR Bundle to import. */
export function syntheticPatient(templates: Template[], index: number, seed: number, today = new Date()): Template["bundle"] {
  const next = random(seed * 1_000_003 + index);
  // Age from the pyramid.
  const band = pick(
    AGE_PYRAMID.map((share, i) => [i, share] as [number, number]),
    next(),
  );
  const ageDays = Math.floor((band * 10 + next() * 10) * 365.25);
  const birth = Math.floor((today.getTime() - ageDays * DAY_MS) / DAY_MS) * DAY_MS;
  // The first template (from this index on) whose chart, moved to that birth date, ends by today.
  let template = templates[index % templates.length].bundle;
  for (let k = 0; k < templates.length; k++) {
    const candidate = templates[(index + k) % templates.length].bundle;
    if (latestDate(candidate) + (birth - birthOf(candidate)) <= today.getTime()) {
      template = candidate;
      break;
    }
  }
  const shiftMs = birth - birthOf(template);
  let text = JSON.stringify(template);
  // Fresh ids, consistently (a reference and its target get the same new id).
  const ids = new Map<string, string>();
  text = text.replace(UUID, (id) => {
    const key = id.toLowerCase();
    if (!ids.has(key)) ids.set(key, uuid(next));
    return ids.get(key)!;
  });
  // Every date moves with the birth date; none may lie in the future.
  text = text.replace(DATE, (_match, day: string, time: string | undefined) => {
    const moved = new Date(Math.min(Date.parse(`${day}T00:00:00Z`) + shiftMs, today.getTime()));
    return `"${moved.toISOString().slice(0, 10)}${time ?? ""}"`;
  });
  const bundle = JSON.parse(text) as Template["bundle"];
  const person = bundle.entry.find((e) => e.resource.resourceType === "Patient")!.resource as {
    name?: { family?: string }[];
    address?: { postalCode?: string }[];
  };
  const zip3 = pick(REGIONS, next());
  for (const address of person.address ?? []) address.postalCode = `${zip3}${String(Math.floor(next() * 100)).padStart(2, "0")}`;
  for (const name of person.name ?? []) name.family = FAMILY_NAMES[Math.floor(next() * FAMILY_NAMES.length)];
  return bundle;
}
