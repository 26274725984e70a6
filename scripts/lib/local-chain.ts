/** The embedded development chain: Foundry's anvil (from npm), keeping its state in a file. */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

import demo from "../../contracts/deploy/demo-accounts.json" with { type: "json" };
import { UserFacingError } from "./log.ts";

const require = createRequire(import.meta.url);
const ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64" };

function anvilBinary(): string {
  const pkg = `@foundry-rs/anvil-${process.platform}-${ARCH[process.arch] ?? process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "bin", "anvil");
  } catch {
    throw new UserFacingError(
      `The embedded chain needs ${pkg}, which is not installed: run npm install (or set RPC_URL to use another chain).`,
    );
  }
}

export interface LocalChain {
  url: string;
  process: ChildProcess;
  /** Stops the node; anvil writes its state file on a clean exit. */
  stop(): Promise<void>;
}

export async function startLocalChain(options: { port: number; stateFile: string; chainId?: number }): Promise<LocalChain> {
  const args = [
    "--host",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--chain-id",
    String(options.chainId ?? 31337),
    "--mnemonic",
    demo.mnemonic,
    "--accounts",
    "20",
    "--state",
    options.stateFile,
    "--state-interval",
    "2",
  ];
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const listening = /Listening on ([\d.]+:\d+)/.exec(output);
      if (listening) resolve(`http://${listening[1]}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => {
      const inUse = /address already in use/i.test(output);
      reject(
        new UserFacingError(
          inUse
            ? `Port ${options.port} for the embedded chain is in use: stop the other process or set CHAIN_PORT.`
            : `The embedded chain (anvil) exited with code ${code}: ${output.trim().split("\n").at(-1) ?? ""}`,
        ),
      );
    });
  });
  // anvil logs every RPC call: keep draining its output so it never blocks, but do not print it.
  child.stdout.removeAllListeners("data").resume();
  child.stderr.removeAllListeners("data").resume();
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      }),
  };
}
