import { useCallback, useEffect, useState } from "react";

import type { CredentialJson } from "../../api/src/zk/eligibility-encoding";
import type { Api } from "./api";
import { commitmentOf, poseidon, proveEligibility, proveOwnership, PSEUDONYM_MESSAGE, secretFromSignature, type Proof } from "./prover";
import type { Session } from "./session";
import { fetchStudies, type Study } from "./studies";

/**
 * What this browser remembers for a patient: the secret only (never sent anywhere). Where the
 * patient stands in each study is read back: the pseudonym Poseidon(secret, studyId) is
 * computed here and its state asked of the chain through the API; sharing, of the API.
 */
interface Local {
  secret: string | null;
}

interface Standing {
  nullifier: string;
  enrolled: boolean;
  withdrawn: boolean;
}

const storageKey = (address: string) => `medledger:patient:${address}`;
const loadLocal = (address: string): Local => JSON.parse(localStorage.getItem(storageKey(address)) ?? '{"secret":null}') as Local;
const saveLocal = (address: string, local: Local) => localStorage.setItem(storageKey(address), JSON.stringify(local));

const OWNERSHIP = (operation: string) =>
  `mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { ${operation}(studyId: $s, proof: $p, publicSignals: $sig) { nullifier } }`;

export function PatientPage({ api, session }: { api: Api; session: Session }) {
  const [local, setLocal] = useState<Local>(() => loadLocal(session.address));
  const [credentials, setCredentials] = useState<CredentialJson[]>([]);
  const [studies, setStudies] = useState<Study[]>([]);
  const [standing, setStanding] = useState<Record<string, Standing>>({});
  const [shared, setShared] = useState<string[]>([]);
  const [progress, setProgress] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const update = (next: Local) => {
    saveLocal(session.address, next);
    setLocal(next);
  };
  const reload = useCallback(async () => {
    try {
      const [{ myCredentials }, all, { mySharedStudies }] = await Promise.all([
        api.request<{ myCredentials: CredentialJson[] }>("{ myCredentials }"),
        fetchStudies(api),
        api.request<{ mySharedStudies: string[] }>("{ mySharedStudies }"),
      ]);
      const states: Record<string, Standing> = {};
      if (local.secret) {
        for (const study of all) {
          const nullifier = poseidon([BigInt(local.secret), BigInt(study.studyId)]).toString();
          const { enrollmentStatus } = await api.request<{ enrollmentStatus: { enrolled: boolean; withdrawn: boolean } }>(
            "query($s: String!, $n: String!) { enrollmentStatus(studyId: $s, nullifier: $n) { enrolled withdrawn } }",
            { s: study.studyId, n: nullifier },
            true,
          );
          states[study.studyId] = { nullifier, ...enrollmentStatus };
        }
      }
      setCredentials(myCredentials);
      setShared(mySharedStudies);
      setStanding(states);
      // Open studies, and any study this patient is or was in (withdrawing works in every state).
      setStudies(all.filter((s) => s.status === "APPROVED" || states[s.studyId]?.enrolled || states[s.studyId]?.withdrawn));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, local.secret]);
  useEffect(() => void reload(), [reload]);

  /** The secret from the wallet's signature over a fixed message: the same in every browser with this wallet. */
  const deriveSecret = async (): Promise<bigint> => {
    const secret = secretFromSignature(await session.signer.signMessage(PSEUDONYM_MESSAGE));
    update({ secret: secret.toString() });
    return secret;
  };
  const recoverSecret = async () => {
    setError(null);
    try {
      await deriveSecret();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const askForCredential = async () => {
    setError(null);
    try {
      const secret = local.secret ? BigInt(local.secret) : await deriveSecret();
      await api.request("mutation($c: String!) { requestCredential(commitment: $c) }", { c: commitmentOf(secret).toString() });
      setProgress((p) => ({ ...p, credential: "Asked: the hospital will issue your credential from your records." }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const run = async (studyId: string, work: (step: (s: string) => void) => Promise<unknown>) => {
    setError(null);
    const step = (s: string) => setProgress((p) => ({ ...p, [studyId]: `${s}…` }));
    try {
      await work(step);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress((p) => ({ ...p, [studyId]: "" }));
    }
  };
  const send = (operation: string, studyId: string, proof: Proof, anonymous: boolean) =>
    api.request<Record<string, { nullifier: string }>>(
      OWNERSHIP(operation),
      { s: studyId, p: proof.proof, sig: proof.publicSignals },
      anonymous,
    );

  const join = (study: Study) =>
    run(study.studyId, async (step) => {
      const proof = await proveEligibility(credentials[0], BigInt(local.secret!), study.criteria, study.studyId, step);
      step("enrolling (no sign-in: the API does not learn who you are)");
      return send("enroll", study.studyId, proof, true);
    });
  const share = (study: Study) =>
    run(study.studyId, async (step) =>
      send(
        "shareWithStudy",
        study.studyId,
        await proveOwnership(BigInt(local.secret!), study.studyId, { share: session.address }, step),
        false,
      ),
    );
  const withdraw = (study: Study) =>
    run(study.studyId, async (step) =>
      send("withdraw", study.studyId, await proveOwnership(BigInt(local.secret!), study.studyId, "withdraw", step), true),
    );

  const saveSecret = () => {
    const url = URL.createObjectURL(new Blob([`${local.secret}\n`], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `medledger-secret-${session.address}.txt`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const restoreSecret = async (file: File | undefined) => {
    const text = (await file?.text())?.trim() ?? "";
    if (!/^\d{1,78}$/.test(text)) {
      setError("That file does not hold a MedLedger secret (a decimal number).");
      return;
    }
    update({ secret: text });
  };

  const credential = credentials[0];
  const day = (n: number) => new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  return (
    <section>
      <h2>My participation</h2>
      <p>
        You join studies by proving, in this browser, that you meet their criteria. Your age, sex, region and diagnoses never leave this
        browser; studies see only a pseudonym that differs from study to study. Your secret comes from your wallet and is kept in this
        browser: with the same wallet you get it back anywhere; without it you cannot share or withdraw later.
      </p>
      {error && <p role="alert">{error}</p>}
      <h3>Your secret</h3>
      {local.secret ? (
        <p>
          Kept in this browser. <button onClick={saveSecret}>Save a copy of my secret</button> (the file also works with{" "}
          <code>npm run prove -- --secret</code>). Keep it private: it is what proves a pseudonym is yours.
        </p>
      ) : (
        <p>
          None in this browser yet. It is derived from your wallet (a signature over a fixed MedLedger message), so every browser with the
          same wallet gets the same secret: <button onClick={() => void recoverSecret()}>Recover my secret from my wallet</button>
        </p>
      )}
      <label>
        Restore my secret from a file{" "}
        <input type="file" accept=".txt,text/plain" onChange={(e) => void restoreSecret(e.target.files?.[0])} />
      </label>
      <h3>Credential</h3>
      {credential ? (
        <p data-testid="credential">
          Credential from your hospital, valid {day(credential.issuedDays)} to {day(credential.expiresDays)}, with{" "}
          {credential.conditions.length} coded condition(s).
        </p>
      ) : (
        <p>
          No credential yet. <button onClick={askForCredential}>Ask for a credential</button> {progress.credential}{" "}
          <button onClick={() => void reload()}>Check again</button>
        </p>
      )}
      <h3>Studies</h3>
      {studies.length === 0 && <p>No study is open for enrollment.</p>}
      {studies.map((s) => {
        const state = standing[s.studyId];
        const mine = state && (state.enrolled || state.withdrawn) ? { ...state, shared: shared.includes(s.studyId) } : undefined;
        return (
          <article key={s.studyId} className="study" aria-label={`Study ${s.title}`}>
            <h4>{s.title}</h4>
            <p>{s.purpose}</p>
            <p>Who may join: {s.summary}</p>
            {!mine && (
              <button onClick={() => join(s)} disabled={!credential || !local.secret || !!progress[s.studyId]}>
                Prove eligibility and join
              </button>
            )}
            {mine && !mine.withdrawn && (
              <p>
                Enrolled as <code>{mine.nullifier.slice(0, 12)}…</code>.{" "}
                {mine.shared ? (
                  "You share your de-identified data with this study."
                ) : (
                  <button onClick={() => share(s)} disabled={!!progress[s.studyId]}>
                    Share my de-identified data
                  </button>
                )}{" "}
                <button onClick={() => withdraw(s)} disabled={!!progress[s.studyId]}>
                  Withdraw
                </button>
              </p>
            )}
            {mine?.withdrawn && <p>You withdrew from this study.</p>}
            {progress[s.studyId] && <p className="note">{progress[s.studyId]}</p>}
          </article>
        );
      })}
    </section>
  );
}
