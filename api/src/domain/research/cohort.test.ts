import fc from "fast-check";

import {
  ageBand,
  bandsWithin,
  DIMENSIONS,
  fitsBudget,
  geometricNoise,
  noisyTable,
  protect,
  tabulate,
  type Dimension,
  type Person,
} from "./cohort";

const person: fc.Arbitrary<Person> = fc.record({
  age: fc.integer({ min: 0, max: 105 }),
  sex: fc.constantFrom("female", "male", "other", "unknown"),
  zip3: fc.constantFrom("021", "100", "606", "941", "000"),
});
const population = fc.array(person, { maxLength: 300 });
const breakdown: fc.Arbitrary<Dimension[]> = fc.subarray([...DIMENSIONS]);
const k = fc.integer({ min: 2, max: 20 });

describe("cohort tables", () => {
  it("puts everyone 90 or older in one age band and others in ten-year bands", () => {
    expect([ageBand(0), ageBand(9), ageBand(10), ageBand(89), ageBand(90), ageBand(104)]).toEqual([
      "0-9",
      "0-9",
      "10-19",
      "80-89",
      "90+",
      "90+",
    ]);
  });

  it("keeps the age bands a criteria range overlaps", () => {
    expect(bandsWithin(18, 100)).toEqual(["10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"]);
    expect(bandsWithin(30, 39)).toEqual(["30-39"]);
    expect(bandsWithin(0, 120)).toHaveLength(10);
  });

  it("counts each person in exactly one cell", () => {
    fc.assert(
      fc.property(population, breakdown, (people, dims) => {
        expect(tabulate(people, dims).reduce((sum, c) => sum + c.count, 0)).toBe(people.length);
      }),
    );
  });

  it("never shows a count between 1 and k − 1, and a hidden cell can never be worked out from the rest", () => {
    fc.assert(
      fc.property(population, breakdown, k, (people, dims, minimum) => {
        const cells = tabulate(people, dims);
        const table = protect(cells, people.length, minimum);
        const shown = table.cells.filter((c) => c.count !== null).map((c) => c.count!);
        for (const count of shown) expect(count === 0 || count >= minimum).toBe(true);
        if (people.length < minimum) {
          expect(table.total).toBeNull();
          expect(shown).toEqual([]);
          return;
        }
        expect(table.total).toBe(people.length);
        const hidden = table.cells.filter((c) => c.count === null).length;
        expect(hidden).toBe(table.suppressedCells);
        if (hidden > 0) {
          // What an attacker can derive: the hidden cells' sum. It must cover two cells and k people.
          expect(hidden).toBeGreaterThanOrEqual(2);
          expect(people.length - shown.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(minimum);
        }
        // Shown counts are the true counts.
        table.cells.forEach((c, i) => c.count === null || expect(c.count).toBe(cells[i].count));
      }),
    );
  });

  it("lists every domain cell, zeros included, when a domain is given", () => {
    const people: Person[] = [{ age: 40, sex: "female", zip3: "021" }];
    const cells = tabulate(people, ["sex", "region"], { sex: ["female", "male"], region: ["021", "100"], ageBand: [] });
    expect(cells.map((c) => c.count)).toEqual([1, 0, 0, 0]);
  });

  it("draws two-sided geometric noise with the expected spread", () => {
    const epsilon = 0.5;
    const draws = Array.from({ length: 20_000 }, () => geometricNoise(epsilon));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    const alpha = Math.exp(-epsilon);
    const expected = (2 * alpha) / (1 - alpha) ** 2; // variance of the discrete Laplace distribution
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(variance).toBeGreaterThan(expected * 0.85);
    expect(variance).toBeLessThan(expected * 1.15);
    expect(() => geometricNoise(0)).toThrow("epsilon must be positive");
  });

  it("publishes noisy cells that are non-negative whole numbers and add up to the noisy total", () => {
    fc.assert(
      fc.property(population, breakdown, fc.double({ min: 0.01, max: 5, noNaN: true }), (people, dims, epsilon) => {
        const domain = {
          ageBand: bandsWithin(0, 105),
          sex: ["female", "male", "other", "unknown"],
          region: ["021", "100", "606", "941", "000"],
        };
        const { cells, total } = noisyTable(tabulate(people, dims, domain), epsilon);
        expect(cells).toHaveLength(tabulate(people, dims, domain).length);
        for (const cell of cells) {
          expect(Number.isInteger(cell.count)).toBe(true);
          expect(cell.count).toBeGreaterThanOrEqual(0);
        }
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(total);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps a wide table's noisy total near the true population (no upward drift from clamping empty cells)", () => {
    // 45 people in a 40-cell table: most cells are empty, and clamping each noisy cell at zero
    // would push their sum far above 45 (the portal once showed 83 for 45 patients).
    const people: Person[] = Array.from({ length: 45 }, (_, i) => ({ age: 30 + (i % 20), sex: i % 2 ? "female" : "male", zip3: "021" }));
    const domain = { ageBand: bandsWithin(0, 99), sex: ["female", "male", "other", "unknown"], region: ["021"] };
    const table = tabulate(people, ["ageBand", "sex"], domain);
    expect(table).toHaveLength(40);
    const runs = 400;
    let sum = 0;
    for (let i = 0; i < runs; i++) sum += noisyTable(table, 0.5).total;
    expect(Math.abs(sum / runs - 45)).toBeLessThan(3);
    // A one-cell table spends all of epsilon on that cell: its count is the total.
    const single = noisyTable(tabulate(people, [], domain), 1);
    expect(single.cells).toHaveLength(1);
    expect(single.cells[0].count).toBe(single.total);
  });

  it("never lets the queries that fit add up past the budget", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.array(fc.double({ min: 0.001, max: 3, noNaN: true })),
        (budget, asks) => {
          let spent = 0;
          for (const epsilon of asks) if (fitsBudget(budget, spent, epsilon)) spent += epsilon;
          expect(spent).toBeLessThanOrEqual(budget + 1e-6);
        },
      ),
    );
  });
});
