/**
 * Parts the fault tests start, stop and kill themselves: a real anvil chain that keeps its
 * state in a file (so it can be stopped and started again), the real deploy command, and a
 * real API process (`node api/dist/main.js`, what `npm start` runs).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

import { ROOT } from "./stack";

const MNEMONIC = (JSON.parse(readFileSync(path.join(ROOT, "contracts", "deploy", "demo-accounts.json"), "utf8")) as { mnemonic: string })
  .mnemonic;

export interface Proc {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  alive(): boolean;
}

function track(child: ChildProcess): Proc {
  let output = "";
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
    if (process.env.FAULTS_DEBUG && !/^\s*(eth_|net_|anvil_|web3_)/.test(chunk.toString())) process.stderr.write(chunk);
    // Keep only the tail: anvil logs every RPC call.
    if (output.length > 400_000) output = output.slice(-200_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitForOutput(proc: Proc, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(proc.output());
    if (match) return match;
    if (!proc.alive()) throw new Error(`${what} exited before it was ready:\n${proc.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** anvil on `port`, its state in `stateFile` (loaded at start, saved every second and on SIGINT). */
export async function startAnvil(port: number, stateFile: string, chainId = 31337): Promise<Proc & { url: string }> {
  const binary = path.join(path.dirname(require.resolve("@foundry-rs/anvil-linux-amd64/package.json")), "bin", "anvil");
  const child = spawn(
    binary,
    [
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--mnemonic",
      MNEMONIC,
      "--accounts",
      "20",
      "--state",
      stateFile,
      "--state-interval",
      "1",
      "--chain-id",
      String(chainId),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const proc = track(child);
  await waitForOutput(proc, /Listening on/, "anvil");
  return { ...proc, url: `http://127.0.0.1:${port}` };
}

/**
 * `npm run deploy` against `rpcUrl` (chain 31337: demo roles granted too). Asynchronous on
 * purpose: anvil writes a line per RPC call, and a blocked event loop would stop draining it.
 */
export async function deployTo(rpcUrl: string, deploymentsFile: string, env: Record<string, string> = {}): Promise<void> {
  const deploy = runScript("deploy.ts", [], { RPC_URL: rpcUrl, DEPLOYMENTS_FILE: deploymentsFile, ...env });
  if ((await deploy.exited) !== 0) throw new Error(`deploy failed:\n${deploy.output()}`);
}

/** A script of scripts/ as npm runs it (asynchronous: see deployTo). */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): Proc {
  return track(
    spawn(process.execPath, [path.join(ROOT, "scripts", script), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

/** The API process, as `npm start` runs it; `ready` resolves with its GraphQL URL. */
export function startApiProcess(env: Record<string, string | undefined>): Proc & { ready: Promise<string> } {
  const child = spawn(process.execPath, [path.join(ROOT, "api", "dist", "main.js")], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc = track(child);
  const ready = waitForOutput(proc, /GraphQL ready at (\S+)/, "the API").then((match) => match[1]);
  ready.catch(() => undefined);
  return { ...proc, ready };
}

/** Polls `probe` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
