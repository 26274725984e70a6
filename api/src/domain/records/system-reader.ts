/**
 * The SYSTEM path to clinical content: current resources of a patient, decrypted, with no
 * access decision of its own. Only services that have already authorised and audited the
 * request (credential issuing, cohort counts, release preparation) use it; resolvers never do.
 */
import type { KeyRing } from "../../crypto/key-ring";
import { open } from "../../crypto/key-ring";
import { queryFields } from "./clinical-repository";
import type { FhirResource } from "./fhir";
import { recordAad, type RecordRow, type RecordStore } from "./record-store";

export class SystemRecordReader {
  constructor(
    private readonly store: RecordStore,
    private readonly keys: KeyRing,
  ) {}

  patientIds(): Promise<string[]> {
    return this.store.patientIds();
  }

  async currentResources(patientId: string, resourceTypes: string[]): Promise<FhirResource[]> {
    const [patient] = await this.store.findPatients([patientId]);
    if (!patient) return [];
    const key = this.keys.unwrap(patient.id, patient.wrappedKey);
    const records = (await this.store.patientRecords(patientId, resourceTypes)).filter((r) => r.lifecycle === "active");
    const versions = await this.store.currentVersions(records);
    return versions.map((v) => JSON.parse(open(key, v.sealed, recordAad(v.recordId, v.version)).toString("utf8")) as FhirResource);
  }

  /**
   * Fills in the query fields of records written before they existed (or behind their current
   * version), batch by batch; returns how many it indexed. Run at start-up, before serving.
   */
  async indexQueryFields(onProgress: (done: number) => void = () => undefined): Promise<number> {
    let done = 0;
    for (;;) {
      const rows = await this.store.unindexedRecords(500);
      if (rows.length === 0) return done;
      const patients = new Map((await this.store.findPatients([...new Set(rows.map((r) => r.patientId))])).map((p) => [p.id, p]));
      const versions = new Map((await this.store.currentVersions(rows)).map((v) => [v.recordId, v]));
      const updated: RecordRow[] = rows.map((row) => {
        const patient = patients.get(row.patientId)!;
        const version = versions.get(row.id)!;
        let resource: FhirResource | null = null;
        try {
          if (version.lifecycle !== "retracted") {
            const key = this.keys.unwrap(patient.id, patient.wrappedKey);
            resource = JSON.parse(open(key, version.sealed, recordAad(version.recordId, version.version)).toString("utf8")) as FhirResource;
          }
        } catch {
          // Content that no longer decrypts (altered in the database): no query fields; its integrity check reports it.
        }
        return { ...row, ...queryFields(this.keys, resource, row), fieldsVersion: row.currentVersion };
      });
      await this.store.saveQueryFields(updated);
      done += rows.length;
      onProgress(done);
    }
  }
}
