import type { DataSource, EntityManager } from "typeorm";

import type { Cell, CellKey, Dimension } from "../domain/research/cohort";
import type {
  CohortQuery,
  ResearchConditionRow,
  ResearchEntry,
  ResearchIndexStore,
  ResearchSubjectRow,
} from "../domain/research/research-index";
import { dayNumber } from "../zk/eligibility-encoding";
import { serialTransaction } from "./transactions";

type Runner = Pick<EntityManager, "query">;

interface SubjectSql {
  patient_id: string;
  birth_date: string | Date | null;
  birth_days: number | null;
  sex: string;
  region: number;
  zip3: string;
  deceased: boolean;
}

interface ConditionSql {
  record_id: string;
  patient_id: string;
  code_system: string;
  code_key: string;
  active: boolean;
  onset: string | Date | null;
}

/** A date column as an ISO day, whether the driver hands back a string or a Date. */
const day = (value: string | Date | null): string | null =>
  value === null ? null : typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);

const SUBJECT_COLUMNS = `patient_id, birth_date, birth_days, sex, region, zip3, deceased`;

async function upsertSubjects(runner: Runner, subjects: readonly ResearchSubjectRow[]): Promise<void> {
  if (!subjects.length) return;
  await runner.query(
    `INSERT INTO research_subject (${SUBJECT_COLUMNS})
     SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[], $4::text[], $5::int[], $6::text[], $7::boolean[])
     ON CONFLICT (patient_id) DO UPDATE SET birth_date = excluded.birth_date, birth_days = excluded.birth_days,
       sex = excluded.sex, region = excluded.region, zip3 = excluded.zip3, deceased = excluded.deceased`,
    [
      subjects.map((s) => s.patientId),
      subjects.map((s) => s.birthDate),
      subjects.map((s) => s.birthDays),
      subjects.map((s) => s.sex),
      subjects.map((s) => s.region),
      subjects.map((s) => s.zip3),
      subjects.map((s) => s.deceased),
    ],
  );
}

async function insertConditions(runner: Runner, rows: readonly ResearchConditionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await runner.query(
      `INSERT INTO research_condition (record_id, patient_id, code_system, code_key, active, onset)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::date[])`,
      [
        chunk.map((c) => c.recordId),
        chunk.map((c) => c.patientId),
        chunk.map((c) => c.codeSystem),
        chunk.map((c) => c.codeKey),
        chunk.map((c) => c.active),
        chunk.map((c) => c.onset),
      ],
    );
  }
}

/**
 * Applies record writes to the index inside the writer's transaction. `fresh`: the records are
 * new, so they have no condition rows to replace.
 */
export async function applyResearchEntries(
  runner: Runner,
  entries: readonly (ResearchEntry | null | undefined)[],
  fresh: boolean,
): Promise<void> {
  const subjects: ResearchSubjectRow[] = [];
  const conditions: ResearchConditionRow[] = [];
  const replaced: string[] = [];
  for (const entry of entries) {
    if (entry?.kind === "subject") subjects.push(entry.subject);
    else if (entry?.kind === "conditions") {
      replaced.push(entry.recordId);
      conditions.push(...entry.conditions);
    }
  }
  await upsertSubjects(runner, subjects);
  if (!fresh && replaced.length) await runner.query(`DELETE FROM research_condition WHERE record_id = ANY($1::uuid[])`, [replaced]);
  await insertConditions(runner, conditions);
}

/**
 * The last birth date of someone at least `years` old on `today` (ISO days): the same year
 * count as ageOn, so on 29 February of a leap year, ten years back is 28 February.
 */
export function bornBy(today: string, years: number): string {
  const [y, m, d] = today.split("-").map(Number);
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole years from the birth date to today (`$1`), counted as ageOn counts them. */
const AGE = `(extract(year from $1::date) - extract(year from s.birth_date) - (to_char($1::date, 'MMDD') < to_char(s.birth_date, 'MMDD'))::int)`;

/**
 * Breakdown dimensions as SQL over research_subject `s`. The age band is grouped as the lower
 * end of its band (90 for 90+): the birth day number compared with the band boundaries (`$2`,
 * ascending: the first birth day of someone younger than 90, 80, …, 10 years on today), an
 * integer per row, much cheaper than computing every age; the rare birth date after today
 * (`$3`, its day number) takes the general formula, as ageBand does.
 */
const DIMENSION_SQL: Record<Dimension, string> = {
  ageBand: `CASE WHEN s.birth_days > $3::int THEN (floor(${AGE} / 10.0) * 10)::int ELSE (9 - width_bucket(s.birth_days, $2::int[])) * 10 END`,
  sex: `s.sex`,
  region: `s.zip3`,
};

/** The label of an age band from its lower end, as ageBand names it. */
const bandLabel = (low: number): string => (low >= 90 ? "90+" : `${low}-${low + 9}`);

export class TypeOrmResearchIndexStore implements ResearchIndexStore {
  constructor(private readonly dataSource: DataSource) {}

  async tabulate(q: CohortQuery): Promise<Cell[]> {
    if (q.unsatisfiable) return [];
    const dayAfter = (iso: string): number => dayNumber(iso) + 1;
    const bounds = [90, 80, 70, 60, 50, 40, 30, 20, 10].map((years) => dayAfter(bornBy(q.today, years)));
    const params: unknown[] = [q.today, bounds, dayNumber(q.today), q.windowStart, q.windowEnd, q.sexes];
    const where = [`s.birth_days BETWEEN $4 AND $5`, `s.sex = ANY($6::text[])`];
    if (q.regions.length) {
      params.push(q.regions);
      where.push(`s.region = ANY($${params.length}::int[])`);
    }
    const hasAny = (codes: string[]): string => {
      params.push(codes);
      return `EXISTS (SELECT 1 FROM research_condition c WHERE c.patient_id = s.patient_id AND c.active AND c.code_key = ANY($${params.length}::text[]))`;
    };
    if (q.required.length) where.push(hasAny(q.required));
    if (q.excluded.length) where.push(`NOT ${hasAny(q.excluded)}`);
    const columns = q.breakdown.map((d) => `${DIMENSION_SQL[d]} AS "${d}"`);
    // Every parameter appears in the text, so PostgreSQL knows their types whatever the breakdown.
    const sql = `SELECT ${[...columns, "count(*)::int AS count"].join(", ")}
      FROM research_subject s
      WHERE $1::date IS NOT NULL AND $2::int[] IS NOT NULL AND $3::int IS NOT NULL AND ${where.join(" AND ")}
      ${q.breakdown.length ? `GROUP BY ${q.breakdown.map((_, i) => i + 1).join(", ")}` : ""}`;
    const rows = (await this.dataSource.query(sql, params)) as (Record<Dimension, string | number> & { count: number })[];
    return rows
      .filter((row) => Number(row.count) > 0)
      .map((row) => ({
        key: Object.fromEntries(q.breakdown.map((d) => [d, d === "ageBand" ? bandLabel(Number(row[d])) : String(row[d])])) as CellKey,
        count: Number(row.count),
      }));
  }

  async catchment(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT DISTINCT zip3 FROM research_subject WHERE birth_days IS NOT NULL ORDER BY zip3`)) as {
      zip3: string;
    }[];
    return rows.map((r) => r.zip3);
  }

  async unindexedPatients(limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id FROM patient p WHERE NOT EXISTS (SELECT 1 FROM research_subject s WHERE s.patient_id = p.id) ORDER BY p.id LIMIT $1`,
      [limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async patientPage(afterId: string | null, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      afterId === null ? `SELECT id FROM patient ORDER BY id LIMIT $1` : `SELECT id FROM patient WHERE id > $2 ORDER BY id LIMIT $1`,
      afterId === null ? [limit] : [limit, afterId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async rows(patientIds: readonly string[]): Promise<{ subjects: ResearchSubjectRow[]; conditions: ResearchConditionRow[] }> {
    if (!patientIds.length) return { subjects: [], conditions: [] };
    const ids = [...patientIds];
    const subjects = (await this.dataSource.query(
      `SELECT patient_id, birth_date::text AS birth_date, birth_days, sex, region, zip3, deceased
       FROM research_subject WHERE patient_id = ANY($1::uuid[])`,
      [ids],
    )) as SubjectSql[];
    const conditions = (await this.dataSource.query(
      `SELECT record_id, patient_id, code_system, code_key, active, onset::text AS onset
       FROM research_condition WHERE patient_id = ANY($1::uuid[])`,
      [ids],
    )) as ConditionSql[];
    return {
      subjects: subjects.map((s) => ({
        patientId: s.patient_id,
        birthDate: day(s.birth_date),
        birthDays: s.birth_days,
        sex: s.sex,
        region: s.region,
        zip3: s.zip3,
        deceased: s.deceased,
      })),
      conditions: conditions.map((c) => ({
        recordId: c.record_id,
        patientId: c.patient_id,
        codeSystem: c.code_system,
        codeKey: c.code_key,
        active: c.active,
        onset: day(c.onset),
      })),
    };
  }

  replace(
    patientIds: readonly string[],
    subjects: readonly ResearchSubjectRow[],
    conditions: readonly ResearchConditionRow[],
  ): Promise<void> {
    return serialTransaction(this.dataSource, async (manager) => {
      await manager.query(`DELETE FROM research_condition WHERE patient_id = ANY($1::uuid[])`, [[...patientIds]]);
      await upsertSubjects(manager, subjects);
      await insertConditions(manager, conditions);
    });
  }
}
