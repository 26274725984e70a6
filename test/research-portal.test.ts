/**
 * The research portal in a real browser (Debian's chromium through playwright-core) against
 * the whole stack as `npm start` runs it: the public study list, a researcher's cohort count
 * on the demo study (noisy, small cells hidden), a proposal made in the form, and two
 * ethics-board members approving it with EIP-712 signatures made in the browser.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { chromium, type Browser, type Page } from "playwright-core";

import { createTestDatabase, graphql, type TestDatabase } from "../api/src/testing/test-environment";
import { freePort, startStack, waitFor, type Stack } from "./support/stack";

jest.setTimeout(180_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("research portal in a browser", () => {
  let db: TestDatabase;
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let portalUrl = "";
  let graphqlUrl = "";

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH (README, Requirements).`);
    }
    db = await createTestDatabase();
    stack = startStack({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "medledger-portal-")),
      PORT: String(await freePort()),
      CHAIN_PORT: String(await freePort()),
      RPC_URL: undefined,
      DEPLOYMENTS_FILE: undefined,
      DATABASE_SCHEMA: db.database.kind === "postgres" ? db.database.schema : undefined,
    });
    graphqlUrl = await stack.ready;
    await waitFor(() => stack.output().includes("[start] ready"), 150_000);
    portalUrl = /research portal ready at (\S+)/.exec(stack.output())![1];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await db?.cleanup();
  });

  const signInAs = async (index: number) => {
    if (await page.getByRole("button", { name: "Sign out" }).isVisible()) await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Demo account").selectOption(String(index));
    await page.getByRole("button", { name: "Sign in with demo account" }).click();
    await page.getByText("Signed in as").waitFor();
  };

  it("lists the approved demo study for anyone", async () => {
    await page.goto(portalUrl);
    const study = page.locator("article", { hasText: "Chronic conditions in adults (demo)" });
    await study.waitFor();
    await expect(study.getByText("approved", { exact: true }).count()).resolves.toBe(1);
    await expect(study.textContent()).resolves.toContain("privacy budget ε = 1");
  });

  it("lets a researcher size the demo study's cohort: noisy counts, budget spent, small cells hidden", async () => {
    await signInAs(4);
    await page.getByRole("button", { name: "My research" }).waitFor();
    const study = page.locator("article", { hasText: "Chronic conditions in adults (demo)" });
    await study.getByLabel("by age band").check();
    await study.getByRole("button", { name: "Count" }).click();
    const table = study.getByRole("table", { name: "Cohort breakdown" });
    await table.waitFor();
    // Every age band x sex cell of the domain is listed; a noisy count below 11 shows as "< 11".
    await expect(table.locator("tbody tr").count()).resolves.toBe(40);
    await expect(study.textContent()).resolves.toMatch(/budget used 0\.1 of 1/);
    const cells = await table.locator("tbody tr td:last-child").allTextContents();
    for (const cell of cells) expect(cell === "< 11" || Number(cell) >= 11 || cell === "0").toBe(true);
  });

  it("lets the researcher propose a study in the form", async () => {
    const form = page.getByRole("form", { name: "Propose a study" });
    await form.getByLabel("Title").fill("Asthma in young adults (browser test)");
    await form.getByLabel("Purpose").fill("Asthma control by age band.");
    await form.getByLabel("Protocol").fill("# Protocol\n\nDe-identified data only.");
    await form.getByLabel("Any of these SNOMED CT conditions").fill("195967001");
    await form.getByRole("button", { name: "Propose study" }).click();
    const proposed = page.locator("article", { hasText: "Asthma in young adults (browser test)" });
    await proposed.waitFor();
    await expect(proposed.getByText("proposed", { exact: true }).count()).resolves.toBe(1);
  });

  it("lets two ethics-board members approve it with signatures made in the browser", async () => {
    const proposal = page.getByRole("article", { name: "Proposal Asthma in young adults (browser test)" });
    await signInAs(6);
    await page.getByRole("button", { name: "Ethics board" }).click();
    await proposal.getByRole("button", { name: "Approve study" }).click();
    await proposal.getByText("1 of 2 approvals needed").waitFor();
    await signInAs(7);
    await page.getByRole("button", { name: "Ethics board" }).click();
    await proposal.getByRole("button", { name: "Approve study" }).click();
    // Approved by the quorum: it leaves the list of proposals awaiting votes.
    await proposal.waitFor({ state: "detached" });
    const { data } = await graphql<{ studies: { title: string; status: string; approvals: number }[] }>(
      graphqlUrl,
      "{ studies { title status approvals } }",
    );
    expect(data!.studies).toContainEqual({ title: "Asthma in young adults (browser test)", status: "APPROVED", approvals: 2 });
  });
});
