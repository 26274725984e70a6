import fc from "fast-check";

import {
  ageOn,
  kAnonymise,
  safeHarbor,
  safeHarborZip3,
  suppressRareCodes,
  toCsv,
  type ParticipantData,
  type ReleaseRow,
} from "./deidentify";

const row: fc.Arbitrary<ReleaseRow> = fc.record({
  participant: fc.bigInt({ min: 1n, max: 2n ** 250n }).map(String),
  ageBand: fc.constantFrom("0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"),
  sex: fc.constantFrom("female", "male", "other", "unknown"),
  region: fc.constantFrom("021", "024", "100", "606", "941", "000"),
});
const QI = ["ageBand", "sex", "region"] as const;
const key = (r: ReleaseRow): string => QI.map((q) => r[q]).join("|");

/** Whether `general` is `specific` or a generalisation of it. */
function generalises(general: ReleaseRow, specific: ReleaseRow): boolean {
  const age =
    general.ageBand === "*" ||
    general.ageBand === specific.ageBand ||
    (() => {
      const low = specific.ageBand === "90+" ? 90 : Number(specific.ageBand!.split("-")[0]);
      if (general.ageBand === "80+") return low >= 80;
      const [a, b] = general.ageBand!.split("-").map(Number);
      return low >= a && low <= b;
    })();
  const region = general.region === "*" || general.region === specific.region || general.region === `${specific.region!.slice(0, 1)}**`;
  const sex = general.sex === "*" || general.sex === specific.sex;
  return age && region && sex;
}

describe("Safe Harbor", () => {
  const alice: ParticipantData = {
    participant: "123",
    birthDate: "1931-06-15",
    sex: "female",
    postalCode: "03601-1234",
    conditions: [{ system: "http://snomed.info/sct", code: "44054006", display: "Diabetes", onset: "2015-03-02T10:00:00Z" }],
  };

  it("groups ages over 89, reduces dates to years and small ZIP areas to 000", () => {
    const out = safeHarbor(alice, "2026-11-24", ["ageBand", "sex", "region", "conditions"]);
    expect(out).toEqual({
      participant: "123",
      ageBand: "90+",
      sex: "female",
      region: "000",
      conditions: [{ system: "http://snomed.info/sct", code: "44054006", display: "Diabetes", onsetYear: 2015 }],
    });
    expect(safeHarborZip3("02115")).toBe("021");
    expect(safeHarborZip3("")).toBe("000");
    expect(ageOn("2000-11-25", "2026-11-24")).toBe(25);
    expect(ageOn("2000-11-24", "2026-11-24")).toBe(26);
  });

  it("keeps only the requested fields", () => {
    expect(safeHarbor(alice, "2026-11-24", ["sex"])).toEqual({ participant: "123", sex: "female" });
  });

  it("writes CSV with quoting", () => {
    const csv = toCsv(
      [{ participant: "1", sex: "female", conditions: [{ system: "s", code: "c,1", display: null, onsetYear: 2020 }] }],
      ["sex", "conditions"],
    );
    expect(csv).toBe('participant,sex,conditions\n1,female,"s|c,1@2020"\n');
  });
});

describe("k-anonymity", () => {
  it("leaves every released row in a group of at least k rows with the same quasi-identifiers", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), fc.integer({ min: 2, max: 15 }), (rows, k) => {
        const out = kAnonymise(rows, k);
        const groups = new Map<string, number>();
        for (const r of out.rows) groups.set(key(r), (groups.get(key(r)) ?? 0) + 1);
        for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(k);
        expect(out.achievedK).toBe(groups.size ? Math.min(...groups.values()) : 0);
        expect(out.rows.length + out.suppressedRows).toBe(rows.length);
        if (rows.length >= k) expect(out.rows.length).toBeGreaterThan(0);
        // Rows are only generalised or dropped, never invented or altered otherwise.
        const byParticipant = new Map(rows.map((r) => [r.participant, r]));
        for (const r of out.rows) expect(generalises(r, byParticipant.get(r.participant)!)).toBe(true);
      }),
    );
  });

  it("keeps full detail when the data is already k-anonymous", () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ participant: String(i), ageBand: "40-49", sex: "male", region: "021" }));
    expect(kAnonymise(rows, 3)).toMatchObject({ achievedK: 6, suppressedRows: 0, generalisation: "age 10y, ZIP3, sex" });
  });
});

describe("rare condition codes", () => {
  const coded = fc.record({
    participant: fc.uuid(),
    conditions: fc.array(
      fc.record({
        system: fc.constant("http://snomed.info/sct"),
        code: fc.constantFrom("1", "2", "3", "4", "5", "6"),
        display: fc.constant(null),
        onsetYear: fc.constant(null),
      }),
      { maxLength: 6 },
    ),
  });

  it("leaves no code that fewer than k released participants have, and keeps every common one", () => {
    fc.assert(
      fc.property(fc.uniqueArray(coded, { selector: (r) => r.participant, maxLength: 60 }), fc.integer({ min: 2, max: 15 }), (rows, k) => {
        const out = suppressRareCodes(rows, k);
        const holders = (list: readonly ReleaseRow[]) => {
          const map = new Map<string, Set<string>>();
          for (const row of list)
            for (const c of row.conditions ?? []) map.set(c.code, (map.get(c.code) ?? new Set()).add(row.participant));
          return map;
        };
        const before = holders(rows);
        const after = holders(out.rows);
        for (const people of after.values()) expect(people.size).toBeGreaterThanOrEqual(k);
        for (const [code, people] of before) if (people.size >= k) expect(after.get(code)?.size).toBe(people.size);
        expect(out.suppressedCodes).toBe([...before.values()].filter((p) => p.size < k).length);
        expect(out.rows.map((r) => r.participant)).toEqual(rows.map((r) => r.participant));
      }),
    );
  });
});
