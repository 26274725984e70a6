/** README promises that must stay true as the code moves. */
import { readFileSync } from "node:fs";
import path from "node:path";

import { HDNodeWallet } from "ethers";

const ROOT = path.resolve(__dirname, "..");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const demo = JSON.parse(readFileSync(path.join(ROOT, "contracts", "deploy", "demo-accounts.json"), "utf8")) as {
  mnemonic: string;
  accounts: { index: number; role: string }[];
};

describe("README", () => {
  it.each(demo.accounts)("lists demo account $index ($role) with its derived address", ({ index, role }) => {
    const { address } = HDNodeWallet.fromPhrase(demo.mnemonic, undefined, `m/44'/60'/0'/0/${index}`);
    expect(readme).toMatch(new RegExp(`\\|\\s*${index}\\s*\\|\\s*${role}\\s*\\|[^\\n]*\\|\\s*\`${address}\`\\s*\\|`));
  });

  it("states the constraint count of every committed circuit", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "circuits", "artifacts", "manifest.json"), "utf8")) as {
      circuits: { name: string; constraints: number }[];
    };
    for (const circuit of manifest.circuits)
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${circuit.name}\`\\s*\\|[^\\n]*\\|\\s*${circuit.constraints}\\s*\\|`));
  });

  it("documents every environment variable the API reads in the Configuration table", () => {
    const config = readFileSync(path.join(ROOT, "api", "src", "config", "config.ts"), "utf8");
    const names = new Set([...config.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
    expect(names.size).toBeGreaterThan(15);
    for (const name of names)
      expect({ name, documented: new RegExp(`\\|\\s*\`${name}\`\\s*\\|`).test(readme) }).toEqual({ name, documented: true });
  });
});
