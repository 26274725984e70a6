/**
 * Cohort tables for researchers, and the rules that keep them safe to publish: small-cell
 * suppression with complementary suppression, and the geometric mechanism of differential
 * privacy. Pure functions; cohort.service.ts feeds them the custodian's data.
 */
import { randomInt } from "node:crypto";

export const DIMENSIONS = ["ageBand", "sex", "region"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What a cohort table knows about a person: the quasi-identifiers only. */
export interface Person {
  age: number;
  sex: string;
  zip3: string;
}

export type CellKey = Partial<Record<Dimension, string>>;

export interface Cell {
  key: CellKey;
  count: number;
}

/** A published table: `null` marks a suppressed count (shown as "< k"). */
export interface ProtectedTable {
  total: number | null;
  cells: { key: CellKey; count: number | null }[];
  suppressedCells: number;
}

/** Ten-year bands, with everyone 90 or older in one band (as HIPAA Safe Harbor groups them). */
export function ageBand(age: number): string {
  if (age >= 90) return "90+";
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}

export const AGE_BANDS = [...Array.from({ length: 9 }, (_, i) => ageBand(i * 10)), "90+"];

/** The age bands that overlap ages minAge..maxAge (inclusive). */
export function bandsWithin(minAge: number, maxAge: number): string[] {
  return AGE_BANDS.filter((_, i) => i * 10 <= maxAge && (i === 9 || i * 10 + 9 >= minAge));
}
export const SEXES = ["female", "male", "other", "unknown"];

function keyOf(person: Person, breakdown: readonly Dimension[]): CellKey {
  const values: Record<Dimension, string> = { ageBand: ageBand(person.age), sex: person.sex, region: person.zip3 };
  return Object.fromEntries(breakdown.map((d) => [d, values[d]])) as CellKey;
}

const cellId = (key: CellKey): string => DIMENSIONS.map((d) => key[d] ?? "").join("|");

/**
 * Counts people per combination of the breakdown's dimensions. With `domain`, every
 * combination of the domain's values is a cell, zeros included (what differential privacy
 * needs: which cells exist must not depend on the data); without it, only non-empty cells.
 */
export function tabulate(people: readonly Person[], breakdown: readonly Dimension[], domain?: Record<Dimension, string[]>): Cell[] {
  return arrange(
    people.map((person) => ({ key: keyOf(person, breakdown), count: 1 })),
    breakdown,
    domain,
  );
}

/**
 * Cells in their published order, counts of the same key added up. With `domain`, exactly the
 * domain's combinations (zeros included, counts outside it dropped); without it, the given cells.
 */
export function arrange(counts: readonly Cell[], breakdown: readonly Dimension[], domain?: Record<Dimension, string[]>): Cell[] {
  const cells = new Map<string, Cell>();
  if (domain) {
    let keys: CellKey[] = [{}];
    for (const d of breakdown) keys = keys.flatMap((key) => domain[d].map((value) => ({ ...key, [d]: value })));
    for (const key of keys) cells.set(cellId(key), { key, count: 0 });
  }
  for (const { key, count } of counts) {
    const id = cellId(key);
    const cell = cells.get(id);
    if (cell) cell.count += count;
    else if (!domain) cells.set(id, { key, count });
  }
  return [...cells.values()].sort((a, b) => cellId(a.key).localeCompare(cellId(b.key)));
}

/**
 * Suppresses counts from 1 to k − 1 and enough other cells that none can be worked out again:
 * whenever anything is hidden, at least two cells are hidden and together they hold at least k
 * people, so "total minus the visible cells" never pins a hidden cell down. A total below k
 * hides the whole table.
 */
export function protect(cells: readonly Cell[], total: number, k: number): ProtectedTable {
  if (total < k) return { total: null, cells: cells.map((c) => ({ key: c.key, count: null })), suppressedCells: cells.length };
  const hidden = new Set(cells.map((c, i) => (c.count > 0 && c.count < k ? i : -1)).filter((i) => i >= 0));
  let hiddenSum = [...hidden].reduce((sum, i) => sum + cells[i].count, 0);
  while (hidden.size > 0 && (hidden.size < 2 || hiddenSum < k)) {
    // The smallest visible non-empty cell protects the hidden ones at the least cost.
    let next = -1;
    cells.forEach((c, i) => {
      if (!hidden.has(i) && c.count > 0 && (next < 0 || c.count < cells[next].count)) next = i;
    });
    if (next < 0) break;
    hidden.add(next);
    hiddenSum += cells[next].count;
  }
  return {
    total,
    cells: cells.map((c, i) => ({ key: c.key, count: hidden.has(i) ? null : c.count })),
    suppressedCells: hidden.size,
  };
}

/** A uniform number in (0, 1] from the operating system's cryptographic generator. */
export function secureUniform(): number {
  return (randomInt(0, 2 ** 48 - 1) + 1) / 2 ** 48;
}

/**
 * Two-sided geometric noise (the discrete Laplace mechanism): P(z) ∝ exp(−ε·|z|). For counts,
 * where one person changes one cell by one, adding it to every cell is ε-differentially private.
 */
export function geometricNoise(epsilon: number, uniform: () => number = secureUniform): number {
  if (!(epsilon > 0)) throw new Error("epsilon must be positive");
  const logAlpha = -epsilon; // ln(e^−ε)
  const draw = (): number => Math.floor(Math.log(uniform()) / logAlpha);
  return draw() - draw();
}

/**
 * A noisy table that reads like a count: whole, non-negative cells that add up to the total.
 *
 * One cell: that cell plus noise at the full ε, clamped at zero. More cells: half of ε buys a
 * noisy total and half a noisy count per cell (one person changes the total and one cell by
 * one, so the pair is ε-differentially private). The total is then the least-variance blend of
 * the noisy total and the cells' sum; the cells are projected (least squares) onto "non-negative,
 * summing to that total" and rounded by largest remainder. Everything after the noise is
 * post-processing, so the guarantee holds. Clamping each cell alone would instead push a wide,
 * mostly empty table's sum far above the population.
 */
export function noisyTable(cells: readonly Cell[], epsilon: number, uniform?: () => number): { cells: Cell[]; total: number } {
  if (cells.length <= 1) {
    const one = cells.map((c) => ({ key: c.key, count: Math.max(0, c.count + geometricNoise(epsilon, uniform)) }));
    return { cells: one, total: one[0]?.count ?? 0 };
  }
  const n = cells.length;
  const trueTotal = cells.reduce((sum, c) => sum + c.count, 0);
  const noisyTotal = trueTotal + geometricNoise(epsilon / 2, uniform);
  const noisyCells = cells.map((c) => c.count + geometricNoise(epsilon / 2, uniform));
  // Var(noisy total) = v, Var(sum of n noisy cells) = n·v: weigh them n : 1.
  const blended = (n * noisyTotal + noisyCells.reduce((a, b) => a + b, 0)) / (n + 1);
  const total = Math.max(0, Math.round(blended));
  const counts = roundToSum(projectOntoSimplex(noisyCells, total), total);
  return { cells: cells.map((c, i) => ({ key: c.key, count: counts[i] })), total };
}

/** The closest point (least squares) to `values` whose entries are ≥ 0 and add up to `sum` (Duchi et al., 2008). */
export function projectOntoSimplex(values: readonly number[], sum: number): number[] {
  if (sum <= 0) return values.map(() => 0);
  const sorted = [...values].sort((a, b) => b - a);
  let running = 0;
  let threshold = 0;
  for (let i = 0; i < sorted.length; i++) {
    running += sorted[i];
    const candidate = (running - sum) / (i + 1);
    if (sorted[i] - candidate > 0) threshold = candidate;
  }
  return values.map((v) => Math.max(0, v - threshold));
}

/** Whole numbers near `values` (which add up to `sum`) that add up to `sum` exactly: floors, then the largest remainders get one more. */
export function roundToSum(values: readonly number[], sum: number): number[] {
  const floors = values.map((v) => Math.floor(v));
  let left = sum - floors.reduce((a, b) => a + b, 0);
  const order = values.map((v, i) => ({ i, rest: v - floors[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

/** Budget left after `spent`; a query costing `epsilon` may run only if it fits (with a float tolerance). */
export function fitsBudget(budget: number, spent: number, epsilon: number): boolean {
  return spent + epsilon <= budget + 1e-9;
}
