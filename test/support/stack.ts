/** Runs the whole stack the way a user does (`node scripts/start.ts`, what `npm start` runs). */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

export { freePort } from "../../scripts/lib/free-port";

export interface Stack {
  process: ChildProcess;
  output(): string;
  /** Resolves with the GraphQL URL once the API is ready; rejects if the stack exits first. */
  ready: Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startStack(env: Record<string, string | undefined>): Stack {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    // PORTAL_PORT 0: the portal takes a free port unless a test asks for one.
    env: { ...process.env, NODE_OPTIONS: "", PORTAL_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /GraphQL ready at (\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`the stack exited with ${code} before it was ready:\n${output}`)));
  });
  ready.catch(() => undefined);
  return {
    process: child,
    output: () => output,
    ready,
    exited,
    async stop(signal = "SIGINT") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the stack expecting it to fail at start-up; returns its exit code and what it printed. */
export async function failedStart(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const stack = startStack(env);
  const code = await stack.exited;
  return { code, output: stack.output() };
}

export async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
