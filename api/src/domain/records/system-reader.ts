/**
 * The SYSTEM path to clinical content: current resources of a patient, decrypted, with no
 * access decision of its own. Only services that have already authorised and audited the
 * request (credential issuing, cohort counts, release preparation) use it; resolvers never do.
 */
import type { KeyRing } from "../../crypto/key-ring";
import { open } from "../../crypto/key-ring";
import type { FhirResource } from "./fhir";
import { recordAad, type RecordStore } from "./record-store";

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
}
