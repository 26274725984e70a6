/**
 * Recomputes the research index from the ledger: fills in patients registered before the index
 * existed (at API start-up, before serving) and checks every patient's rows against their
 * decrypted records, reporting drift and optionally repairing it (`npm run research-index`).
 */
import { open, type KeyRing } from "../../crypto/key-ring";
import type { FhirResource } from "../records/fhir";
import { recordAad, type RecordStore } from "../records/record-store";
import { blankSubject, researchEntry, type ResearchConditionRow, type ResearchIndexStore, type ResearchSubjectRow } from "./research-index";

export interface DriftReport {
  patients: number;
  /** Patients whose rows differ from their records (each listed by id, at most 20). */
  drifted: number;
  missingSubjects: number;
  differentSubjects: number;
  missingConditions: number;
  extraConditions: number;
  examples: string[];
  repaired: boolean;
}

const BATCH = 200;

const subjectId = (s: ResearchSubjectRow): string => JSON.stringify([s.birthDate, s.birthDays, s.sex, s.region, s.zip3, s.deceased]);
const conditionId = (c: ResearchConditionRow): string => JSON.stringify([c.recordId, c.codeSystem, c.codeKey, c.active, c.onset]);

export class ResearchIndexer {
  constructor(
    private readonly records: RecordStore,
    private readonly index: ResearchIndexStore,
    private readonly keys: KeyRing,
  ) {}

  /** The rows these patients' current records call for. */
  async expected(patientIds: readonly string[]): Promise<{ subjects: ResearchSubjectRow[]; conditions: ResearchConditionRow[] }> {
    const subjects: ResearchSubjectRow[] = [];
    const conditions: ResearchConditionRow[] = [];
    for (const patient of await this.records.findPatients(patientIds)) {
      const key = this.keys.unwrap(patient.id, patient.wrappedKey);
      const rows = (await this.records.patientRecords(patient.id, ["Patient", "Condition"])).filter((r) => r.lifecycle === "active");
      const types = new Map(rows.map((r) => [r.id, r.resourceType]));
      let subject = blankSubject(patient.id);
      for (const version of await this.records.currentVersions(rows)) {
        let resource: FhirResource;
        try {
          resource = JSON.parse(open(key, version.sealed, recordAad(version.recordId, version.version)).toString("utf8")) as FhirResource;
        } catch {
          continue; // altered in the database: its integrity check reports it; nothing to index
        }
        const entry = researchEntry(this.keys, patient.id, version.recordId, types.get(version.recordId)!, resource);
        if (entry?.kind === "subject") subject = entry.subject;
        else if (entry?.kind === "conditions") conditions.push(...entry.conditions);
      }
      subjects.push(subject);
    }
    return { subjects, conditions };
  }

  /** Indexes patients that have no subject row yet; returns how many. */
  async fillMissing(onProgress: (done: number) => void = () => undefined): Promise<number> {
    let done = 0;
    for (;;) {
      const ids = await this.index.unindexedPatients(BATCH);
      if (ids.length === 0) return done;
      const { subjects, conditions } = await this.expected(ids);
      await this.index.replace(ids, subjects, conditions);
      done += ids.length;
      onProgress(done);
    }
  }

  /** Compares every patient's rows with their records; with `repair`, rewrites the rows that drifted. */
  async check(options: { repair: boolean; onProgress?: (done: number) => void }): Promise<DriftReport> {
    const report: DriftReport = {
      patients: 0,
      drifted: 0,
      missingSubjects: 0,
      differentSubjects: 0,
      missingConditions: 0,
      extraConditions: 0,
      examples: [],
      repaired: options.repair,
    };
    let after: string | null = null;
    for (;;) {
      const ids = await this.index.patientPage(after, BATCH);
      if (ids.length === 0) return report;
      after = ids[ids.length - 1];
      const expected = await this.expected(ids);
      const stored = await this.index.rows(ids);
      const storedSubjects = new Map(stored.subjects.map((s) => [s.patientId, subjectId(s)]));
      const group = (rows: ResearchConditionRow[]) => {
        const byPatient = new Map<string, Set<string>>();
        for (const row of rows) byPatient.set(row.patientId, (byPatient.get(row.patientId) ?? new Set()).add(conditionId(row)));
        return byPatient;
      };
      const want = group(expected.conditions);
      const have = group(stored.conditions);
      const drifted: string[] = [];
      for (const subject of expected.subjects) {
        const id = subject.patientId;
        const storedSubject = storedSubjects.get(id);
        const wanted = want.get(id) ?? new Set<string>();
        const had = have.get(id) ?? new Set<string>();
        const missing = [...wanted].filter((c) => !had.has(c)).length;
        const extra = [...had].filter((c) => !wanted.has(c)).length;
        if (storedSubject === undefined) report.missingSubjects += 1;
        else if (storedSubject !== subjectId(subject)) report.differentSubjects += 1;
        report.missingConditions += missing;
        report.extraConditions += extra;
        if (storedSubject !== subjectId(subject) || missing || extra) drifted.push(id);
      }
      report.patients += ids.length;
      report.drifted += drifted.length;
      report.examples.push(...drifted.slice(0, 20 - report.examples.length));
      if (options.repair && drifted.length) {
        const keep = new Set(drifted);
        await this.index.replace(
          drifted,
          expected.subjects.filter((s) => keep.has(s.patientId)),
          expected.conditions.filter((c) => keep.has(c.patientId)),
        );
      }
      options.onProgress?.(report.patients);
    }
  }
}
