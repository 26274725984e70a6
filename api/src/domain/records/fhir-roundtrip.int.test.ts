/**
 * All 45 Synthea bundles import, and export returns the same resources (with `urn:uuid:`
 * references resolved to `Type/id`), through the real stores on PGlite or DATABASE_URL.
 */
import { randomBytes } from "node:crypto";

import { getAddress } from "ethers";

import { KeyRing } from "../../crypto/key-ring";
import { openDatabase } from "../../persistence/data-source";
import { TypeOrmAccessLogStore } from "../../persistence/access-log.store";
import { TypeOrmAnchorStore } from "../../persistence/anchor.store";
import { TypeOrmOutboxStore } from "../../persistence/outbox.store";
import { TypeOrmConsentStore } from "../../persistence/consent.store";
import { TypeOrmRecordStore } from "../../persistence/record.store";
import { createTestDatabase, demoWallet, DEMO, syntheaBundle, syntheaFiles, type TestDatabase } from "../../testing/test-environment";
import { AccessLog } from "../access/access-log";
import { AnchorService, type AnchorChain } from "../anchoring/anchor.service";
import type { Actor } from "../actors";
import { ChainOutbox } from "../outbox/chain-outbox";
import { ClinicalRepository, type RecordDeps } from "./clinical-repository";
import type { FhirResource } from "./fhir";

jest.setTimeout(300_000);

/** This suite never anchors: a chain that is not there. */
const unreachableChain: AnchorChain = {
  anchorRoot: () => Promise.reject(new Error("no chain in this suite")),
  anchoredRoot: () => Promise.reject(new Error("no chain in this suite")),
  anchorCount: () => Promise.reject(new Error("no chain in this suite")),
  anchorAt: () => Promise.reject(new Error("no chain in this suite")),
};

describe("FHIR round trip of every Synthea bundle", () => {
  let db: TestDatabase;
  let deps: RecordDeps;
  let close: () => Promise<void>;
  const doctor: Actor = { address: demoWallet(DEMO.doctorA).address, roles: new Set(["doctor"]) };

  beforeAll(async () => {
    db = await createTestDatabase();
    const dataSource = await openDatabase(db.database);
    const store = new TypeOrmRecordStore(dataSource);
    deps = {
      store,
      keys: new KeyRing(randomBytes(32)),
      accessLog: new AccessLog(new TypeOrmAccessLogStore(dataSource)),
      facts: async (patientId, actor) => ({
        consents: [],
        breakGlass: [],
        authors: (await store.hasAuthored(patientId, actor)) ? [actor] : [],
      }),
      careRelationships: (doctor, after, limit, at) => new TypeOrmConsentStore(dataSource).careRelationships(doctor, after, limit, at),
      clock: () => new Date(),
      checksum: getAddress,
      anchors: new AnchorService(new TypeOrmAnchorStore(dataSource), unreachableChain, {
        batchSize: 1024,
        settleSeconds: 0,
        minBatch: 1,
        maxWaitSeconds: 0,
      }),
      // Bundles are imported with no patient account here: no role to read or grant.
      accountRoles: async () => [],
      outbox: new ChainOutbox(new TypeOrmOutboxStore(dataSource)),
    };
    close = async () => {
      await dataSource.destroy();
      await db.cleanup();
    };
  });
  afterAll(async () => close?.());

  const files = syntheaFiles();

  it("has the 45 bundles of test/fixtures/SOURCES.md", () => {
    expect(files).toHaveLength(45);
  });

  it.each(files)("imports and exports %s unchanged", async (file) => {
    const bundle = syntheaBundle(file);
    const repository = new ClinicalRepository(deps, doctor);
    const result = await repository.importBundle(bundle, null);
    expect(result.created).toBe(bundle.entry.length);

    const exported = (await repository.exportPatient(result.patientId, "TREAT")) as unknown as { entry: { resource: FhirResource }[] };
    const byKey = new Map(exported.entry.map(({ resource }) => [`${resource.resourceType}/${resource.id}`, resource]));
    expect(byKey.size).toBe(bundle.entry.length);
    const urns = new Map(bundle.entry.map((e) => [e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`]));
    for (const { resource } of bundle.entry) {
      const expected = JSON.parse(
        JSON.stringify(resource).replace(/"(urn:uuid:[0-9a-fA-F-]+)"/g, (match, urn: string) => JSON.stringify(urns.get(urn) ?? urn)),
      );
      expect(byKey.get(`${resource.resourceType}/${resource.id}`)).toEqual(expected);
    }
  });
});
