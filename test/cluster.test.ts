/**
 * Several API processes on one database. The background jobs (anchoring, chain sync, the
 * outbox worker) must run on exactly one process, elected with a PostgreSQL advisory lock,
 * and another must take them over when that process dies; every relay of the chain outbox is
 * exclusive across processes, so writes accepted by any process land exactly once.
 *
 * Several processes share a database only on PostgreSQL (PGlite is embedded in one process),
 * so the two-process story runs in the PostgreSQL pass (`DATABASE_URL`, as CI runs it); the
 * embedded pass checks that its single process runs the jobs.
 */
import { id } from "ethers";

import { DEMO, demoWallet, graphql, signIn, syntheaBundle, syntheaFiles } from "../api/src/testing/test-environment";
import { apiEnv, onChain, settled, tearDown, VERIFY, world, type World } from "./support/api-world";
import { eventually, startApiProcess, type Proc } from "./support/fault-stack";
import { freePort } from "./support/stack";

jest.setTimeout(600_000);

const JOBS = "{ health { backgroundJobs } }";
const runsJobs = async (url: string): Promise<boolean> =>
  (await graphql<{ health: { backgroundJobs: boolean } }>(url, JOBS)).data!.health.backgroundJobs;

/** Doctor A imports Synthea bundle `index` as a new patient linked to `account`; returns the patient id. */
async function importAs(url: string, token: string, index: number, account: string): Promise<string> {
  const imported = await graphql<{ importBundle: { patientId: string } }>(
    url,
    "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
    { b: syntheaBundle(syntheaFiles()[index]), a: account },
    token,
  );
  if (!imported.data) throw new Error(JSON.stringify(imported.errors));
  return imported.data.importBundle.patientId;
}

const onPostgres = Boolean(process.env.DATABASE_URL);

describe(onPostgres ? "two API processes on one PostgreSQL" : "one API process on embedded PGlite", () => {
  let w: World | undefined;
  let second: (Proc & { ready: Promise<string> }) | undefined;
  afterAll(async () => {
    await second?.stop("SIGKILL");
    await tearDown(w);
  });

  if (!onPostgres) {
    it("runs the background jobs in its one process", async () => {
      w = await world();
      w.api = startApiProcess(apiEnv(w));
      const url = await w.api.ready;
      await eventually(() => runsJobs(url), "the process to take the background jobs");
    });
    return;
  }

  it("elects one process for the jobs, relays writes from both exactly once, and fails over after kill -9", async () => {
    w = await world();
    w.api = startApiProcess(apiEnv(w));
    const firstUrl = await w.api.ready;
    second = startApiProcess(apiEnv(w, { PORT: String(await freePort()) }));
    const secondUrl = await second.ready;

    // Once both have asked for the jobs' lock, exactly one runs them and the other stands by.
    const decided = /background jobs: (this process runs them|another process runs them)/;
    await eventually(async () => decided.test(w!.api!.output()) && decided.test(second!.output()), "both processes to ask for the jobs");
    const [first, other] = await Promise.all([runsJobs(firstUrl), runsJobs(secondUrl)]);
    expect([first, other].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = first ? [w.api, second] : [second, w.api];
    const [leaderUrl, standbyUrl] = first ? [firstUrl, secondUrl] : [secondUrl, firstUrl];
    expect(standby.output()).toMatch(/another process runs them; this one stands by/);
    expect(standby.output()).not.toMatch(/anchoring: \d+ Merkle root/);

    // Writes through both at once: each import queues a patient-role grant; both processes relay.
    const doctorOnLeader = await signIn(leaderUrl, demoWallet(DEMO.doctorA));
    const doctorOnStandby = await signIn(standbyUrl, demoWallet(DEMO.doctorA));
    const accounts = [demoWallet(DEMO.patient).address, demoWallet(15).address];
    await Promise.all([importAs(leaderUrl, doctorOnLeader, 0, accounts[0]), importAs(standbyUrl, doctorOnStandby, 1, accounts[1])]);
    const admin = await signIn(standbyUrl, demoWallet(DEMO.admin));
    await settled(standbyUrl, admin);
    const roles = onChain(w, "RoleRegistry");
    try {
      for (const account of accounts) {
        const grants = await roles.contract.queryFilter(roles.contract.filters.RoleGranted(id("PATIENT_ROLE"), account), 0);
        expect(grants).toHaveLength(1);
      }
    } finally {
      roles.close();
    }
    const verified = await graphql<{ verifyAccessLog: { ok: boolean; unanchored: number } }>(standbyUrl, VERIFY, {}, admin);
    expect(verified.data!.verifyAccessLog).toMatchObject({ ok: true, unanchored: 0 });
    expect(leader.output() + standby.output()).not.toMatch(/refused by the chain|adopted \d+ batch/);

    // The leader dies; the standby takes the jobs over and anchors what comes next.
    await leader.stop("SIGKILL");
    await eventually(() => runsJobs(standbyUrl), "the standby to take the background jobs over");
    const doctor = await signIn(standbyUrl, demoWallet(DEMO.doctorA));
    await importAs(standbyUrl, doctor, 2, demoWallet(16).address);
    await settled(standbyUrl, admin);
    expect(standby.output()).toMatch(/background jobs: this process runs them/);
    const after = await graphql<{ verifyAccessLog: { ok: boolean; unanchored: number } }>(standbyUrl, VERIFY, {}, admin);
    expect(after.data!.verifyAccessLog).toMatchObject({ ok: true, unanchored: 0 });
  });

  it("counts rate limits across processes: spreading requests over two does not double the limit", async () => {
    // A database of its own: the story above already counted requests from this IP.
    await tearDown(w);
    await second?.stop("SIGKILL");
    w = await world();
    const limit = { RATE_LIMIT_REQUESTS_PER_MINUTE: "20" };
    w.api = startApiProcess(apiEnv(w, limit));
    second = startApiProcess(apiEnv(w, { ...limit, PORT: String(await freePort()) }));
    const urls = [await w.api.ready, await second.ready];
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 30; i++) {
      const answer = await graphql(urls[i % 2], "{ health { ok } }");
      codes.push(answer.errors?.[0]?.extensions?.code as string | undefined);
    }
    // 20 for the caller (this test's IP) across both processes, not 20 each.
    expect(codes.filter((code) => code === undefined)).toHaveLength(20);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(10);
  });
});
