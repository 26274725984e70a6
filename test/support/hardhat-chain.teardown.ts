import type { ChildProcess } from "node:child_process";

export default async function teardown(): Promise<void> {
  const child = (globalThis as { __hardhatNode?: ChildProcess }).__hardhatNode;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
