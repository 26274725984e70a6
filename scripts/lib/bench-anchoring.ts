/**
 * What anchoring costs per ledger entry over a day of traffic. The gas of one
 * `AnchorRegistry.anchor` transaction is measured on a real chain (anvil, the deployed
 * contract) for batches of 1, 256 and 1,024 entries; a day of arrivals (a daytime peak, quiet
 * nights) is then replayed through two policies, with the job looking every 10 s:
 *
 *   baseline: anchor whatever waits at every run (MedLedger before ANCHOR_MIN_BATCH);
 *   policy:   anchor once ANCHOR_MIN_BATCH (256) entries wait or the oldest has waited
 *             ANCHOR_MAX_WAIT_SECONDS (1,800 s), whichever comes first; at most 1,024 per root.
 *
 * Traffic levels: 2,000, 20,000 and 200,000 access-log entries a day (a clinic, a hospital, a
 * large hospital group). The replay is deterministic (seeded), so runs differ only in gas.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Contract, id } from "ethers";

import { connectRpc, deployAndWrite, demoWallet } from "./contracts.ts";
import { freePort } from "./bench-load.ts";
import { startLocalChain } from "./local-chain.ts";

const DAY = 86_400;
const TICK = 10;
const BATCH = 1024;
const POLICY = { minBatch: 256, maxWaitSeconds: 1800 };
const TRAFFIC = [2_000, 20_000, 200_000];

/** Arrival times (seconds of the day) of `perDay` entries: a daytime peak, a quiet night. */
function arrivals(perDay: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  // Relative rate by hour: nights at 5 % of the peak, 8:00–18:00 at the peak.
  const rate = (hour: number): number => (hour >= 8 && hour < 18 ? 1 : hour >= 6 && hour < 22 ? 0.4 : 0.05);
  const weights = Array.from({ length: 24 }, (_, h) => rate(h));
  const total = weights.reduce((a, b) => a + b, 0);
  const times: number[] = [];
  weights.forEach((w, hour) => {
    const n = Math.round((perDay * w) / total);
    for (let i = 0; i < n; i++) times.push(hour * 3600 + random() * 3600);
  });
  return times.sort((a, b) => a - b);
}

interface Replay {
  batches: number;
  entriesPerBatch: { median: number; mean: number };
  gasPerEntry: number;
  waitSeconds: { median: number; p95: number; max: number };
}

function replay(times: number[], gasPerAnchor: number, policy: { minBatch: number; maxWaitSeconds: number } | null): Replay {
  const sizes: number[] = [];
  const waits: number[] = [];
  let next = 0; // first entry not yet anchored
  for (let t = TICK; t <= DAY + POLICY.maxWaitSeconds + TICK; t += TICK) {
    for (;;) {
      let arrived = next;
      while (arrived < times.length && times[arrived] <= t) arrived++;
      const waiting = arrived - next;
      if (waiting === 0) break;
      const due = !policy || waiting >= policy.minBatch || t - times[next] >= policy.maxWaitSeconds;
      if (!due) break;
      const size = Math.min(BATCH, waiting);
      for (let i = next; i < next + size; i++) waits.push(t - times[i]);
      sizes.push(size);
      next += size;
    }
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const at = (values: number[], q: number) => sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))];
  return {
    batches: sizes.length,
    entriesPerBatch: { median: at(sizes, 0.5), mean: Math.round(times.length / sizes.length) },
    gasPerEntry: Math.round((gasPerAnchor * sizes.length) / times.length),
    waitSeconds: { median: Math.round(at(waits, 0.5)), p95: Math.round(at(waits, 0.95)), max: Math.round(at(waits, 1)) },
  };
}

/** Gas of one anchor transaction for batches of 1, 256 and 1,024 entries, on anvil with the deployed AnchorRegistry. */
async function measureAnchorGas(log: (message: string) => void): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-bench-anchor-"));
  const chain = await startLocalChain({ port: await freePort(), stateFile: path.join(dataDir, "chain-state.json") });
  try {
    const provider = await connectRpc(chain.url);
    const deployer = demoWallet(0, provider);
    const deployment = await deployAndWrite(deployer, path.join(dataDir, "deployments.json"), () => undefined);
    const registry = new Contract(deployment.contracts.AnchorRegistry.address, deployment.contracts.AnchorRegistry.abi, deployer);
    const gas: Record<string, number> = {};
    let nextSeq = 1;
    // The first anchor of a kind also creates its array: measure from the second on.
    for (const size of [1, 1, 256, 1024]) {
      const receipt = await (await registry.anchor(1, id(`root ${nextSeq}`), nextSeq, nextSeq + size - 1)).wait();
      gas[String(size)] = Number(receipt.gasUsed);
      nextSeq += size;
    }
    provider.destroy();
    log(`anchoring: one anchor transaction costs ${gas["1"]} gas for 1 entry, ${gas["256"]} for 256, ${gas["1024"]} for 1,024`);
    return gas;
  } finally {
    await chain.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchAnchoring(log: (message: string) => void): Promise<Record<string, unknown>> {
  const gas = await measureAnchorGas(log);
  const gasPerAnchor = Math.max(gas["1"], gas["256"], gas["1024"]);
  const days = TRAFFIC.map((perDay, i) => {
    const times = arrivals(perDay, 42 + i);
    const baseline = replay(times, gasPerAnchor, null);
    const policy = replay(times, gasPerAnchor, POLICY);
    log(
      `anchoring, ${perDay.toLocaleString("en")} entries/day: ${policy.gasPerEntry} gas/entry (baseline, every 10 s: ${baseline.gasPerEntry}); ` +
        `median wait ${policy.waitSeconds.median} s, max ${policy.waitSeconds.max} s`,
    );
    return { entriesPerDay: perDay, baseline, policy };
  });
  return { gasPerAnchorTransaction: gas, policy: { ...POLICY, batchSize: BATCH, tickSeconds: TICK }, days };
}
