/**
 * The research portal in a real browser (Debian's chromium through playwright-core) against
 * the whole stack as `npm start` runs it: the public study list, a researcher's cohort count
 * on the demo study (noisy, small cells hidden), a proposal made in the form, two
 * ethics-board members approving it with EIP-712 signatures made in the browser, and a patient
 * who asks for a credential, gets it from the issuer's screen, proves eligibility in the
 * browser, joins, shares and withdraws.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { Contract, JsonRpcProvider, Wallet } from "ethers";
import { chromium, type Browser, type Page } from "playwright-core";

import { enrollAndShareOverHttp } from "../api/src/testing/participant";
import {
  approvedStudyOverHttp,
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  studyProposal,
  type TestDatabase,
} from "../api/src/testing/test-environment";
import { releaseProver } from "../api/src/zk/eligibility-prover";
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
  const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-portal-"));
  let chainPort = 0;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH (README, Requirements).`);
    }
    db = await createTestDatabase();
    chainPort = await freePort();
    stack = startStack({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      CHAIN_PORT: String(chainPort),
      RPC_URL: undefined,
      DEPLOYMENTS_FILE: undefined,
      DATABASE_SCHEMA: db.database.kind === "postgres" ? db.database.schema : undefined,
      // Every user of this story signs in from one address, many times a minute (the limit is tested in hostile-requests).
      RATE_LIMIT_SIGN_IN_PER_MINUTE: "600",
    });
    graphqlUrl = await stack.ready;
    await waitFor(() => stack.output().includes("[start] ready"), 150_000);
    portalUrl = /research portal ready at (\S+)/.exec(stack.output())![1];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await releaseProver();
    await browser?.close();
    await stack?.stop();
    await db?.cleanup();
  });

  /** After a load the page shows either a session restored from this tab or the sign-in controls: wait for one. */
  const signOutIfSignedIn = async () => {
    const signOut = page.getByRole("button", { name: "Sign out" });
    await signOut
      .or(page.getByRole("button", { name: "Sign in with demo account" }))
      .first()
      .waitFor();
    if (await signOut.isVisible()) await signOut.click();
  };
  const signInAs = async (index: number) => {
    await signOutIfSignedIn();
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

  it("shows a doctor their patients and a chart, newest first, a page at a time", async () => {
    await signInAs(DEMO.doctorA);
    expect(new URL(page.url()).hash).toBe("#/patients");
    await page.locator('nav a[aria-current="page"]', { hasText: "My patients" }).waitFor();
    // Doctor A imported every demo bundle: each is theirs, named from its Patient record.
    const token = await signIn(graphqlUrl, demoWallet(DEMO.doctorA));
    const { data } = await graphql<{ myPatients: { edges: { node: { id: string; name: string } }[] } }>(
      graphqlUrl,
      "{ myPatients(first: 100) { edges { node { id name } } } }",
      {},
      token,
    );
    const theirs = data!.myPatients.edges.map((e) => e.node);
    expect(theirs.length).toBeGreaterThanOrEqual(45);
    const patients = page.getByRole("table", { name: "My patients" });
    await patients.waitFor();
    await expect(patients.locator("tbody tr").count()).resolves.toBe(Math.min(theirs.length, 50));
    await patients.getByRole("button", { name: `Open chart of ${theirs[0].name}` }).click();
    const chart = page.getByRole("table", { name: `Chart of ${theirs[0].name}` });
    await chart.waitFor();
    const summary = page.getByText(/record\(s\) you may see for this purpose, newest first/);
    const shown = async () => Number(/^(\d+) of/.exec((await summary.textContent()) ?? "")?.[1]);
    expect(await shown()).toBe(Math.min(await chart.locator("tbody tr").count(), 25));
    const dates = await chart.locator("tbody tr td:first-child").allTextContents();
    expect(dates.filter((d) => d !== "—")).toEqual([...dates.filter((d) => d !== "—")].sort().reverse());
    if (await page.getByRole("button", { name: "Older records" }).isVisible()) {
      await page.getByRole("button", { name: "Older records" }).click();
      await page.waitForFunction(
        (name) => document.querySelectorAll(`table[aria-label="${name}"] tbody tr`).length > 25,
        `Chart of ${theirs[0].name}`,
      );
      expect(await shown()).toBe(await chart.locator("tbody tr").count());
    }
  });

  it("lets a doctor break the glass with a reason and see the countdown; the patient sees it and the reads in their log", async () => {
    await signInAs(DEMO.doctorB);
    const token = await signIn(graphqlUrl, demoWallet(DEMO.doctorA));
    const patientToken = await signIn(graphqlUrl, demoWallet(DEMO.patient3));
    const { data: me } = await graphql<{ me: { patientId: string } }>(graphqlUrl, "{ me { patientId } }", {}, patientToken);
    const { data } = await graphql<{ myPatients: { edges: { node: { id: string; name: string } }[] } }>(
      graphqlUrl,
      "{ myPatients(first: 100) { edges { node { id name } } } }",
      {},
      token,
    );
    const patient = data!.myPatients.edges.map((e) => e.node).find((p) => p.id === me!.me.patientId)!;
    const form = page.getByRole("form", { name: "Break the glass" });
    // The API's refusal shows in the form (no such patient).
    await form.getByLabel("Patient id").fill("00000000-0000-4000-8000-000000000000");
    await form.getByLabel(/^Reason/).fill("unconscious in the emergency room, allergies unknown");
    await form.getByRole("button", { name: "Break the glass" }).click();
    await form.getByRole("alert").waitFor();
    await form.getByLabel("Patient id").fill(patient.id);
    await form.getByRole("button", { name: "Break the glass" }).click();
    await form.getByText(/Emergency access open for \d+ min \d+ s more/).waitFor();
    const patients = page.getByRole("table", { name: "My patients" });
    await patients.getByText(/break-glass until/).waitFor();
    await patients.getByRole("button", { name: `Open chart of ${patient.name}` }).click();
    const chart = page.getByRole("table", { name: `Chart of ${patient.name}` });
    await chart.waitFor();
    const types = new Set(await chart.locator("tbody tr td:nth-child(2)").allTextContents());
    for (const type of types) expect(["Patient", "AllergyIntolerance", "Condition", "MedicationRequest", "Immunization"]).toContain(type);

    // The patient sees who broke the glass, why, and the emergency reads in the access log.
    const shortB = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
    const doctorB = demoWallet(DEMO.doctorB).address;
    await signInAs(DEMO.patient3);
    const emergencies = page.getByRole("table", { name: "Emergency accesses" });
    const row = emergencies.locator("tbody tr", { hasText: "unconscious in the emergency room, allergies unknown" });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(shortB(doctorB));
    const log = page.getByRole("table", { name: "Access log" });
    await log
      .locator("tbody tr", { hasText: shortB(doctorB) })
      .filter({ hasText: "breakGlass" })
      .first()
      .waitFor();
    const emergencyReads = log
      .locator("tbody tr", { hasText: shortB(doctorB) })
      .filter({ hasText: "record.list" })
      .filter({ hasText: "ETREAT" });
    await expect(emergencyReads.count()).resolves.toBeGreaterThan(0);
  });

  it("runs a consent end to end in the portal: request, grant in the wallet, scoped chart, proofs in the log, revoke", async () => {
    const patientToken = await signIn(graphqlUrl, demoWallet(DEMO.patient2));
    const { data: me } = await graphql<{ me: { patientId: string } }>(graphqlUrl, "{ me { patientId } }", {}, patientToken);
    const patientId = me!.me.patientId;
    const doctorB = demoWallet(DEMO.doctorB).address;
    const shortB = `${doctorB.slice(0, 6)}…${doctorB.slice(-4)}`;

    // Doctor B asks for Conditions and Observations.
    await signInAs(DEMO.doctorB);
    const ask = page.getByRole("form", { name: "Ask a patient for access" });
    await ask.getByLabel("Patient id").fill(patientId);
    await ask.getByLabel(/^Record types/).fill("Condition, Observation");
    await ask.getByLabel("Why you need access").fill("follow-up of the diabetes care plan");
    await ask.getByRole("button", { name: "Send the request" }).click();
    await ask.getByText("Request sent").waitFor();

    // The patient lands on their records, sees the request and grants it with a signature.
    await signInAs(DEMO.patient2);
    expect(new URL(page.url()).hash).toBe("#/records");
    const requests = page.getByRole("table", { name: "Requests for your records" });
    await requests.getByText("follow-up of the diabetes care plan").waitFor();
    // The patient narrows the scope: observations only.
    await requests
      .getByRole("group", { name: `Record types to share with ${shortB}` })
      .getByRole("checkbox", { name: "Condition" })
      .uncheck();
    await requests.getByRole("button", { name: `Grant ${shortB} access` }).click();
    await page.getByText(`Consent granted to ${shortB} for 30 days.`).waitFor();
    const consents = page.getByRole("table", { name: "My consents" });
    await consents.getByText("active").waitFor();

    // Doctor B now lists the patient (no name: the consent does not cover the Patient record) and reads the chart.
    await signInAs(DEMO.doctorB);
    const label = `Patient ${patientId.slice(0, 8)}`;
    await page.getByRole("button", { name: `Open chart of ${label}` }).click();
    const chart = page.getByRole("table", { name: `Chart of ${label}` });
    await chart.waitFor();
    const types = new Set(await chart.locator("tbody tr td:nth-child(2)").allTextContents());
    expect([...types]).toEqual(["Observation"]);

    // Doctor B adds an observation: an empty form is refused field by field, a complete one is saved.
    await page.getByRole("button", { name: "Add a record" }).click();
    const add = page.getByRole("form", { name: "Add a record" });
    await add.getByLabel("LOINC code").fill("");
    await add.getByRole("button", { name: "Add the record" }).click();
    await add.getByText("Correct the marked fields: nothing was saved.").waitFor();
    await add.getByText(/Enter a LOINC code/).waitFor();
    await add.getByLabel("LOINC code").fill("8867-4");
    await add.getByLabel("What it is").fill("Heart rate");
    await add.getByLabel("Value").fill("72");
    await add.getByLabel("Unit").fill("/min");
    await add.getByRole("button", { name: "Add the record" }).click();
    await add.getByText("Added as version 1.").waitFor();
    // Its detail: the version history, the integrity check, and an amendment with a reason.
    await chart.getByRole("button", { name: /^Details of Heart rate/ }).click();
    const detail = page.getByRole("dialog", { name: "Observation: Heart rate" });
    await detail.getByRole("table", { name: "Version history" }).locator("tbody tr").first().waitFor();
    await detail.getByRole("button", { name: "Check this record's integrity" }).click();
    await detail.getByText("Integrity verified").waitFor();
    const amend = detail.getByRole("form", { name: "Amend this record" });
    await amend.getByLabel("Value").fill("75");
    await amend.getByRole("button", { name: "Save the amendment" }).click();
    await amend.getByText(/Say why you amend it/).waitFor();
    await amend.getByLabel("Reason for the amendment").fill("recounted after five minutes at rest");
    await amend.getByRole("button", { name: "Save the amendment" }).click();
    const history = detail.getByRole("table", { name: "Version history" });
    await history.getByText("recounted after five minutes at rest").waitFor();
    await expect(history.locator("tbody tr").count()).resolves.toBe(2);
    await detail.getByRole("button", { name: "Close the record" }).click();

    // Once anchored, the patient's browser checks each of doctor B's reads against the root on chain.
    // (Entries settle for ANCHOR_SETTLE_SECONDS before they are anchored: ask until doctor B's reads are in a batch.)
    const admin = await signIn(graphqlUrl, demoWallet(DEMO.admin));
    const readsAnchored = async () => {
      await graphql(graphqlUrl, "mutation { anchorNow { anchoredBatches } }", {}, admin);
      const { data: log } = await graphql<{ accessLog: { edges: { node: { actor: string; anchor: object | null } }[] } }>(
        graphqlUrl,
        "{ accessLog(first: 100) { edges { node { actor anchor { root } } } } }",
        {},
        patientToken,
      );
      return log!.accessLog.edges.every((e) => e.node.actor !== doctorB || e.node.anchor !== null);
    };
    for (let tries = 0; !(await readsAnchored()); tries++) {
      if (tries > 60) throw new Error("doctor B's reads were not anchored");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await signInAs(DEMO.patient2);
    const log = page.getByRole("table", { name: "Access log" });
    const readByB = log.locator("tbody tr", { hasText: shortB }).filter({ hasText: "record.list" });
    await readByB.first().getByText("✓ proof checks against the root on chain").waitFor();
    const writeByB = log.locator("tbody tr", { hasText: shortB }).filter({ hasText: "record.create" });
    await writeByB.first().getByText("✓ proof checks against the root on chain").waitFor();
    // The new observation is in the patient's own records too, amended.
    await page.getByRole("table", { name: "My records" }).getByText("75 /min").waitFor();
    await expect(log.getByText("✗ proof does not check").count()).resolves.toBe(0);

    // Revoking asks for confirmation, then takes effect at once.
    await consents.getByRole("button", { name: `Revoke the consent to ${shortB}` }).click();
    await page
      .getByRole("group", { name: `Confirm revoking the consent to ${shortB}` })
      .getByRole("button", { name: "Yes, revoke" })
      .click();
    await page.getByText(`Consent revoked: ${shortB} no longer sees these records.`).waitFor();
    await consents.getByText("revoked").waitFor();
    const doctorToken = await signIn(graphqlUrl, demoWallet(DEMO.doctorB));
    const after = await graphql<{ records: { totalCount: number } }>(
      graphqlUrl,
      "query($p: ID!) { records(patientId: $p, purpose: TREAT, first: 5) { totalCount } }",
      { p: patientId },
      doctorToken,
    );
    // What doctor B wrote stays theirs to read (a treatment relationship); everything else is closed again.
    expect(after.data!.records.totalCount).toBe(1);
    await signInAs(DEMO.doctorB);
    const row = page.getByRole("table", { name: "My patients" }).locator("tbody tr", { hasText: label });
    await row.getByText("you wrote records").waitFor();
    await expect(row.getByText(/consent until/).count()).resolves.toBe(0);
    await row.getByRole("button", { name: `Open chart of ${label}` }).click();
    const closed = page.getByRole("table", { name: `Chart of ${label}` });
    await closed.waitFor();
    await expect(closed.locator("tbody tr td:nth-child(3)").allTextContents()).resolves.toEqual(["Heart rate"]);
  });

  it("lets a researcher size the demo study's cohort: the price before the query, a chart, consistent noisy counts, small cells hidden", async () => {
    await signInAs(4);
    await page.getByRole("link", { name: "My research" }).waitFor();
    const study = page.locator("article", { hasText: "Chronic conditions in adults (demo)" });
    await study.getByRole("checkbox", { name: "Age band" }).check();
    // The budget meter prices the query before it runs.
    const meter = study.getByTestId("budget-meter");
    await meter.getByText(/This query costs ε 0\.1; after it, 0\.1 spent and 0\.9 left\./).waitFor();
    await study.getByRole("button", { name: "Count" }).click();
    const table = study.getByRole("table", { name: "Cohort breakdown" });
    await table.waitFor();
    // Every cell of the domain the criteria allow (adults: 9 age bands x 4 sexes) is listed and
    // drawn; a noisy count below 11 shows as "< 11"; shown cells never exceed the total.
    await expect(table.locator("tbody tr").count()).resolves.toBe(36);
    const chart = study.getByRole("figure", { name: /cohort by age band and sex/ });
    for (const band of ["10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"]) {
      await chart.getByText(band, { exact: true }).waitFor();
    }
    await expect(chart.locator(".recharts-legend-item").allTextContents()).resolves.toEqual(["female", "male", "other", "unknown"]);
    const cells = await table.locator("tbody tr td:last-child").allTextContents();
    // A bar for every shown non-zero cell (hidden cells are drawn as 0).
    const drawn = cells.filter((c) => c !== "< 11" && Number(c) > 0).length;
    await expect(chart.locator(".recharts-bar-rectangle path").count()).resolves.toBe(drawn);
    for (const cell of cells) expect(cell === "< 11" || Number(cell) >= 11 || cell === "0").toBe(true);
    const totalText = (await study.getByTestId("cohort-total").textContent())!;
    const shown = cells.filter((c) => c !== "< 11").reduce((sum, c) => sum + Number(c), 0);
    if (totalText === "< 11") expect(cells.every((c) => c === "< 11")).toBe(true);
    else if (cells.every((c) => c !== "< 11")) expect(shown).toBe(Number(totalText));
    else expect(shown).toBeLessThan(Number(totalText));
    await expect(study.textContent()).resolves.toMatch(/Budget used 0\.1 of 1/);
    // Asking the same again is free, and the meter says so before the click.
    await meter.getByText("This exact query was answered before: its stored answer comes back, free.").waitFor();
  });

  it("keeps the screen and the session across a reload, each screen at its own address", async () => {
    expect(new URL(page.url()).hash).toBe("#/research");
    await page.reload();
    await page.getByText("Signed in as").waitFor();
    await page.locator('nav a[aria-current="page"]', { hasText: "My research" }).waitFor();
    // A screen for a role the account lacks says so instead of showing nothing.
    await page.goto(`${portalUrl}#/ethics`);
    await page.getByText("Ethics board is for ethics-board members").waitFor();
    // Signing out forgets the session: a reload does not bring it back.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.reload();
    await page.getByRole("button", { name: "Sign in with demo account" }).waitFor();
    await expect(page.getByText("Signed in as").count()).resolves.toBe(0);
    await signInAs(4);
    expect(new URL(page.url()).hash).toBe("#/research");
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
    await page.getByRole("link", { name: "Ethics board" }).click();
    await proposal.getByRole("button", { name: "Approve study" }).click();
    await proposal.getByText("1 of 2 approvals needed").waitFor();
    await signInAs(7);
    await page.getByRole("link", { name: "Ethics board" }).click();
    await proposal.getByRole("button", { name: "Approve study" }).click();
    // Approved by the quorum: it leaves the list of proposals awaiting votes.
    await proposal.waitFor({ state: "detached" });
    const { data } = await graphql<{ studies: { title: string; status: string; approvals: number }[] }>(
      graphqlUrl,
      "{ studies { title status approvals } }",
    );
    expect(data!.studies).toContainEqual({ title: "Asthma in young adults (browser test)", status: "APPROVED", approvals: 2 });
  });

  it("lets the admin stop and restore trust in the custodian's issuer on chain, and grant a role", async () => {
    await signInAs(DEMO.admin);
    await page.getByRole("link", { name: "Administration" }).click();
    const trusted = page.getByTestId("issuer-trusted");
    await trusted.filter({ hasText: /^yes$/ }).waitFor();
    await page.getByRole("button", { name: "Stop trusting this issuer" }).click();
    await page.getByText("Issuer no longer trusted.").waitFor();
    await trusted.filter({ hasText: /^no$/ }).waitFor();
    await page.getByLabel("Issuer's account").fill(demoWallet(DEMO.issuer).address);
    await page.getByRole("button", { name: "Trust this issuer" }).click();
    await page.getByText("Issuer trusted.").waitFor();
    await trusted.filter({ hasText: /^yes$/ }).waitFor();
    const newcomer = Wallet.createRandom().address;
    const roles = page.getByRole("form", { name: "Roles" });
    await roles.getByLabel("Account").fill(newcomer);
    await roles.getByLabel("Role").selectOption("RESEARCHER");
    await roles.getByRole("button", { name: "Grant" }).click();
    await page.getByText(`Granted researcher to ${newcomer}.`).waitFor();
  });

  it("lets a patient prove eligibility in the browser, join the demo study, share, and withdraw", async () => {
    await signInAs(DEMO.patient);
    await page.getByRole("link", { name: "My participation" }).click();
    await page.getByRole("button", { name: "Ask for a credential" }).click();
    await page.getByText("Asked: the hospital will issue").waitFor();
    // The hospital's issuer sees the request and issues the credential from the patient's records.
    await signInAs(DEMO.issuer);
    await page.getByRole("link", { name: "Credential requests" }).click();
    await page.getByRole("table", { name: "Credential requests" }).getByRole("button", { name: "Issue credential" }).click();
    await page.getByText("Issued 1 credential(s) in this session.").waitFor();
    await page.getByText("No patient is waiting for a credential.").waitFor();
    await signInAs(DEMO.patient);
    await page.getByRole("link", { name: "My participation" }).click();
    await page.getByTestId("credential").waitFor();

    // This browser loses its storage before joining: Join is off and says why, until the secret is recovered from the wallet.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await signInAs(DEMO.patient);
    await page.getByRole("link", { name: "My participation" }).click();
    const study = page.getByRole("article", { name: "Study Chronic conditions in adults (demo)" });
    await study.getByText("First recover your secret (above)").waitFor();
    expect(await study.getByRole("button", { name: "Prove eligibility and join" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Recover my secret from my wallet" }).click();
    await study.getByText("First recover your secret (above)").waitFor({ state: "detached" });
    await study.getByRole("button", { name: "Prove eligibility and join" }).click();
    // The proof is made in a Web Worker, with its progress on the page.
    await study.getByRole("progressbar", { name: "Proof for Chronic conditions in adults (demo)" }).waitFor();
    await study.getByText("Enrolled as").waitFor({ timeout: 90_000 });
    await study.getByRole("button", { name: "Share my de-identified data" }).click();
    await study.getByText("You share your de-identified data with this study.").waitFor({ timeout: 60_000 });

    // The chain holds one enrollment for the study, under a pseudonym only.
    const deployment = JSON.parse(readFileSync(path.join(dataDir, "deployments.json"), "utf8")) as {
      contracts: Record<string, { address: string; abi: never }>;
    };
    const provider = new JsonRpcProvider(`http://127.0.0.1:${chainPort}`, undefined, { cacheTimeout: -1 });
    const { address, abi } = deployment.contracts.EligibilityEnrollment;
    const enrollment = new Contract(address, abi, provider);
    const { data: studies } = await graphql<{ studies: { studyId: string; title: string }[] }>(graphqlUrl, "{ studies { studyId title } }");
    const studyId = studies!.studies.find((s) => s.title === "Chronic conditions in adults (demo)")!.studyId;
    const enrolled = await enrollment.queryFilter(enrollment.filters.Enrolled(BigInt(studyId)));
    expect(enrolled).toHaveLength(1);
    const nullifier = (enrolled[0] as unknown as { args: { nullifier: bigint } }).args.nullifier;
    await expect(study.textContent()).resolves.toContain(`Enrolled as ${nullifier.toString().slice(0, 12)}`);

    // The secret can be saved; a browser that lost it gets the same standing back from the wallet or the file.
    const [saved] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Save a copy of my secret" }).click(),
    ]);
    const secret = readFileSync((await saved.path())!, "utf8").trim();
    expect(secret).toMatch(/^\d+$/);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await signInAs(DEMO.patient);
    await page.getByRole("link", { name: "My participation" }).click();
    await page.getByText("None in this browser yet").waitFor();
    // The secret comes from the wallet: a new browser re-derives the same one, never a second pseudonym.
    await page.getByRole("button", { name: "Recover my secret from my wallet" }).click();
    await study.getByText("You share your de-identified data with this study.").waitFor();
    const storedSecret = async () =>
      page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith("medledger:patient:"))?.[1] ?? "{}");
    expect(JSON.parse(await storedSecret())).toEqual({ secret });
    // A saved file works too (and with npm run prove).
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await signInAs(DEMO.patient);
    await page.getByRole("link", { name: "My participation" }).click();
    await page.getByText("None in this browser yet").waitFor();
    await page
      .getByLabel("Restore my secret from a file")
      .setInputFiles({ name: "secret.txt", mimeType: "text/plain", buffer: Buffer.from(secret) });
    await study.getByText("You share your de-identified data with this study.").waitFor();

    // Withdrawing cannot be undone: it asks first, and "Stay enrolled" changes nothing.
    await study.getByRole("button", { name: "Withdraw from Chronic conditions in adults (demo)" }).click();
    const confirm = study.getByRole("group", { name: "Confirm withdrawing from Chronic conditions in adults (demo)" });
    await confirm.getByRole("button", { name: "Stay enrolled" }).click();
    await confirm.waitFor({ state: "detached" });
    expect(await enrollment.isWithdrawn(BigInt(studyId), nullifier)).toBe(false);
    await study.getByRole("button", { name: "Withdraw from Chronic conditions in adults (demo)" }).click();
    await confirm.getByRole("button", { name: "Yes, withdraw" }).click();
    await study.getByText("You withdrew from this study.").waitFor({ timeout: 60_000 });
    expect(await enrollment.isWithdrawn(BigInt(studyId), nullifier)).toBe(true);
    provider.destroy();
  });
  it("lets the board review a release's rows and approve it in the browser; the researcher downloads it in three formats", async () => {
    // A small study (k = 2) approved over the API, two demo patients enrolled and sharing with real proofs.
    const today = new Date().toISOString().slice(0, 10);
    const criteria = {
      minAge: 0,
      maxAge: 120,
      referenceDate: today,
      sexes: ["female", "male", "other", "unknown"],
      zip3: [],
      anyOf: [],
      noneOf: [],
    };
    const board = await Promise.all(
      [DEMO.ethics1, DEMO.ethics3].map(async (index) => ({
        wallet: demoWallet(index),
        token: await signIn(graphqlUrl, demoWallet(index)),
      })),
    );
    const title = "Release review (browser test)";
    const studyId = await approvedStudyOverHttp(
      graphqlUrl,
      await signIn(graphqlUrl, demoWallet(DEMO.researcher)),
      board,
      studyProposal(criteria, { title, minCohortSize: 2 }),
    );
    const issuerToken = await signIn(graphqlUrl, demoWallet(DEMO.issuer));
    for (const index of [DEMO.patient2, DEMO.patient3]) {
      const wallet = demoWallet(index);
      const token = await signIn(graphqlUrl, wallet);
      const { data } = await graphql<{ me: { patientId: string } }>(graphqlUrl, "{ me { patientId } }", {}, token);
      await enrollAndShareOverHttp(
        graphqlUrl,
        { token, address: wallet.address, patientId: data!.me.patientId },
        issuerToken,
        studyId,
        criteria as never,
      );
    }

    // The researcher prepares the release; nothing downloads before the board approves.
    await signInAs(DEMO.researcher);
    const mine = page.locator("article", { hasText: title });
    await mine.getByRole("button", { name: "Prepare a release" }).click();
    const releases = mine.getByRole("table", { name: "Releases" });
    const csv = releases.getByRole("button", { name: /^Download release \d+ as CSV$/ });
    await csv.waitFor();
    expect(await csv.isDisabled()).toBe(true);
    const releaseId = /release (\d+)/.exec((await csv.getAttribute("aria-label"))!)![1];

    // Two members each review the rows they approve and vote; each then sees their own vote instead of the buttons.
    for (const [n, member] of [DEMO.ethics1, DEMO.ethics2].entries()) {
      await signInAs(member);
      await page.getByRole("link", { name: "Ethics board" }).click();
      const card = page.getByRole("region", { name: `Release ${releaseId}`, exact: true });
      await card.getByRole("button", { name: `Review release ${releaseId}` }).click();
      const rows = card.getByRole("table", { name: `Rows of release ${releaseId}` });
      await rows.locator("tbody tr").first().waitFor();
      await card
        .getByText(n === 0 ? /Votes on chain: none yet; 2 more approval\(s\) needed/ : /approved; 1 more approval\(s\) needed/)
        .waitFor();
      await card.getByRole("button", { name: "Approve release" }).click();
      await card.getByText("You approved this release").waitFor();
      await expect(card.getByRole("button", { name: "Approve release" }).count()).resolves.toBe(0);
    }

    // Approved on chain: the researcher downloads it, each format under its own file name.
    await signInAs(DEMO.researcher);
    const names: string[] = [];
    for (const format of ["CSV", "JSON", "FHIR"]) {
      const button = releases.getByRole("button", { name: `Download release ${releaseId} as ${format}` });
      await page.waitForFunction(
        (id) => !(document.querySelector(`button[aria-label="${id}"]`) as HTMLButtonElement | null)?.disabled,
        `Download release ${releaseId} as ${format}`,
      );
      const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
      names.push(download.suggestedFilename());
      const content = readFileSync((await download.path())!, "utf8");
      if (format === "CSV") expect(content.split("\n")[0]).toContain("participant");
      else expect(() => JSON.parse(content)).not.toThrow();
    }
    expect(names).toEqual([
      `study-${studyId}-release-${releaseId}.csv`,
      `study-${studyId}-release-${releaseId}.json`,
      `study-${studyId}-release-${releaseId}.fhir-bundle.json`,
    ]);
  });

  it("serves GraphiQL from the portal's own bundle (offline), linked from the API's page at /graphql", async () => {
    const landing = await (await fetch(graphqlUrl, { headers: { accept: "text/html" } })).text();
    expect(landing).toContain(`href="${new URL(portalUrl).origin}/#/explorer"`);
    const external: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol.startsWith("http")) external.push(request.url());
    });
    await page.goto(`${new URL(portalUrl).origin}/#/explorer`);
    await page.locator('nav a[aria-current="page"]', { hasText: "GraphQL explorer" }).waitFor();
    // Run once the editor holds the starting query (the editor loads after the page).
    await page.getByRole("region", { name: "Operation Editor" }).getByText("chainId").waitFor();
    await page.getByRole("button", { name: /Execute query/ }).click();
    await page.locator(".graphiql-response").getByText(/31337/).waitFor();
    expect(external).toEqual([]);
  });

  it("lets a doctor claim an encounter, the insurer decide a claim in review, and the patient read the explanation of benefit", async () => {
    // Antonio (demo patient 10) is covered by the demo insurer's harbor-gold policy (npm start seeds it).
    const patientToken = await signIn(graphqlUrl, demoWallet(DEMO.patient2));
    const me = await graphql<{ me: { patientId: string } }>(graphqlUrl, "{ me { patientId } }", {}, patientToken);
    const doctorToken = await signIn(graphqlUrl, demoWallet(DEMO.doctorA));
    const mine = await graphql<{ myPatients: { edges: { node: { id: string; name: string } }[] } }>(
      graphqlUrl,
      "{ myPatients(first: 100) { edges { node { id name } } } }",
      {},
      doctorToken,
    );
    const name = mine.data!.myPatients.edges.find((e) => e.node.id === me.data!.me.patientId)!.node.name;

    await signInAs(DEMO.doctorA);
    await page
      .getByRole("table", { name: "My patients" })
      .getByRole("button", { name: `Open chart of ${name}` })
      .click();
    const chart = page.getByRole("table", { name: `Chart of ${name}` });
    await chart.waitFor();
    await page.getByRole("combobox", { name: "Record type" }).click();
    await page.getByRole("option", { name: "Encounter", exact: true }).click();
    const claimEncounter = async (date: RegExp) => {
      await chart.getByRole("button", { name: date }).click();
      const claim = page.getByRole("region", { name: "Claim for this encounter" });
      await claim.getByRole("button", { name: "Submit claim" }).click();
      // The first claim of a fresh stack may wait for its cited versions to be anchored: give it time, and show a refusal as it is.
      const answer = claim.getByRole("status").or(claim.getByRole("alert"));
      await answer.waitFor({ timeout: 120_000 });
      const text = (await answer.textContent()) ?? "";
      await page.keyboard.press("Escape");
      return text;
    };
    // The emergency suture of 2013: approved under the policy's rules, the plan's share computed on chain.
    const suture = await claimEncounter(/^Details of .*, 2013-01-0[34]$/);
    expect(suture).toContain("approved");
    expect(suture).toContain("$9,013.46");
    // The 2016 check-up bills a vaccine the policy does not list: it goes to the insurer.
    const checkUp = await claimEncounter(/^Details of .*, 2016-08-1[34]$/);
    expect(checkUp).toContain("review: NotCovered");

    await signInAs(DEMO.insurer);
    expect(new URL(page.url()).hash).toBe("#/claims");
    const inReview = page.getByRole("article", { name: /^Claim 0x/ });
    await inReview.waitFor();
    await inReview.getByLabel("Plan pays (USD)").fill("500");
    await inReview.getByRole("button", { name: "Approve" }).click();
    await page.getByText("No claim waits for review.").waitFor();
    const all = page.getByRole("table", { name: "All claims" });
    await expect(all.locator("tbody tr").count()).resolves.toBe(2);
    await expect(all.textContent()).resolves.toContain("$500.00");
    // The claim names its records; their content needs the patient's consent for payment.
    const suturedRow = all.locator("tbody tr", { hasText: "Suture" });
    await suturedRow.getByRole("button", { name: "Read cited records" }).click();
    await expect(suturedRow.getByRole("list").textContent()).resolves.toContain("not shared with you");
    await suturedRow.getByRole("button", { name: "Ask the patient for them" }).click();
    await suturedRow.getByRole("button", { name: "Asked the patient" }).waitFor();
    await page.getByRole("table", { name: "Rules of harbor-gold" }).waitFor();

    await signInAs(DEMO.patient2);
    const requests = page.getByRole("table", { name: "Requests for your records" });
    await expect(requests.textContent()).resolves.toContain("HPAYMT");
    await page.goto(`${portalUrl}#/my-claims`);
    const claims = page.getByRole("table", { name: "My claims" });
    await claims.waitFor();
    await expect(claims.locator("tbody tr").count()).resolves.toBe(2);
    const text = (await claims.textContent()) ?? "";
    expect(text).toContain("Procedure v1");
    expect(text).toContain("Encounter v1");
    const [eob] = await Promise.all([
      page.waitForEvent("download"),
      claims.getByRole("button", { name: "Explanation of benefit" }).first().click(),
    ]);
    expect(eob.suggestedFilename()).toMatch(/^claim-[0-9a-f]{8}-explanation-of-benefit\.json$/);
    const benefit = JSON.parse(readFileSync((await eob.path())!, "utf8")) as {
      resourceType: string;
      total: { amount: { value: number } }[];
    };
    expect(benefit.resourceType).toBe("ExplanationOfBenefit");
    expect(benefit.total.length).toBe(3);

    // The patient registers next year's coverage; it waits for the insurer, who accepts it.
    await page.getByLabel("Plan (policy id)").fill("harbor-gold");
    await page.getByLabel("From (YYYY-MM-DD)").fill("2031-01-01");
    await page.getByLabel("Until (YYYY-MM-DD)").fill("2031-12-31");
    await page.getByRole("button", { name: "Register coverage" }).click();
    await page.getByText("Plan harbor-gold, 2031-01-01 to 2031-12-31: waiting for the insurer to accept it").waitFor();
    await signInAs(DEMO.insurer);
    const toAccept = page.getByRole("region", { name: "Coverages to accept" });
    await toAccept.getByText("plan harbor-gold, 2031-01-01 to 2031-12-31").waitFor();
    await toAccept.getByRole("button", { name: "Accept" }).click();
    await toAccept.waitFor({ state: "detached" });
  });

  it("passes an accessibility check on every main screen at a laptop's and a phone's size, and screenshots them", async () => {
    // npm run screenshots writes them into docs/screenshots (linked from README); otherwise a temporary folder.
    const folder = process.env.SCREENSHOT_DIR
      ? path.resolve(process.env.SCREENSHOT_DIR)
      : mkdtempSync(path.join(tmpdir(), "medledger-shots-"));
    mkdirSync(folder, { recursive: true });
    const screens: [string, number | null, string][] = [
      ["studies", null, "#/studies"],
      ["doctor-patients", DEMO.doctorA, "#/patients"],
      ["patient-records", DEMO.patient2, "#/records"],
      ["patient-participation", DEMO.patient, "#/participation"],
      ["researcher", DEMO.researcher, "#/research"],
      ["ethics-board", DEMO.ethics1, "#/ethics"],
      ["issuer", DEMO.issuer, "#/credentials"],
      ["admin", DEMO.admin, "#/admin"],
      ["insurer-claims", DEMO.insurer, "#/claims"],
      ["patient-claims", DEMO.patient2, "#/my-claims"],
    ];
    const sizes = [
      ["laptop", { width: 1280, height: 800 }],
      ["phone", { width: 390, height: 844 }],
    ] as const;
    const problems: string[] = [];
    for (const [name, account, hash] of screens) {
      await page.setViewportSize(sizes[0][1]);
      if (account === null) await signOutIfSignedIn();
      else await signInAs(account);
      for (const [size, viewport] of sizes) {
        await page.setViewportSize(viewport);
        await page.goto(`${portalUrl}${hash}`);
        await page.locator("main").waitFor();
        await page.waitForLoadState("networkidle");
        await page.waitForFunction(() => document.querySelectorAll(".mantine-Loader-root").length === 0);
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical"))
          problems.push(
            `${name} (${size}): ${v.id}: ${v.help} [${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(" | ")}]`,
          );
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > viewport.width) problems.push(`${name} (${size}): the page is ${width} px wide in a ${viewport.width} px window`);
        await page.screenshot({ path: path.join(folder, `${name}-${size}.png`), fullPage: true });
      }
    }
    await page.setViewportSize(sizes[0][1]);
    expect(problems).toEqual([]);
  });
});
