import { useCallback, useEffect, useState } from "react";

import type { CredentialJson } from "../../api/src/zk/eligibility-encoding";
import type { Api } from "./api";
import { commitmentOf, newSecret, proveEligibility, proveOwnership, type Proof } from "./prover";
import type { Session } from "./session";
import { fetchStudies, type Study } from "./studies";

/** What this browser remembers for a patient: the secret and their participation. Never sent anywhere. */
interface Local {
  secret: string | null;
  studies: Record<string, { nullifier: string; shared: boolean; withdrawn: boolean }>;
}

const storageKey = (address: string) => `medledger:patient:${address}`;
const loadLocal = (address: string): Local =>
  JSON.parse(localStorage.getItem(storageKey(address)) ?? '{"secret":null,"studies":{}}') as Local;
const saveLocal = (address: string, local: Local) => localStorage.setItem(storageKey(address), JSON.stringify(local));

const OWNERSHIP = (operation: string) =>
  `mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { ${operation}(studyId: $s, proof: $p, publicSignals: $sig) { nullifier } }`;

export function PatientPage({ api, session }: { api: Api; session: Session }) {
  const [local, setLocal] = useState<Local>(() => loadLocal(session.address));
  const [credentials, setCredentials] = useState<CredentialJson[]>([]);
  const [studies, setStudies] = useState<Study[]>([]);
  const [progress, setProgress] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const update = (next: Local) => {
    saveLocal(session.address, next);
    setLocal(next);
  };
  const reload = useCallback(() => {
    api.request<{ myCredentials: CredentialJson[] }>("{ myCredentials }").then(
      (r) => setCredentials(r.myCredentials),
      (e: Error) => setError(e.message),
    );
    fetchStudies(api, { status: ["APPROVED"] }).then(setStudies, (e: Error) => setError(e.message));
  }, [api]);
  useEffect(reload, [reload]);

  const askForCredential = async () => {
    setError(null);
    try {
      const secret = local.secret ? BigInt(local.secret) : newSecret();
      update({ ...local, secret: secret.toString() });
      await api.request("mutation($c: String!) { requestCredential(commitment: $c) }", { c: commitmentOf(secret).toString() });
      setProgress((p) => ({ ...p, credential: "Asked: the hospital will issue your credential from your records." }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const run = async (studyId: string, work: (step: (s: string) => void) => Promise<void>) => {
    setError(null);
    const step = (s: string) => setProgress((p) => ({ ...p, [studyId]: `${s}…` }));
    try {
      await work(step);
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
      const { enroll } = await send("enroll", study.studyId, proof, true);
      update({
        ...local,
        studies: { ...local.studies, [study.studyId]: { nullifier: enroll.nullifier, shared: false, withdrawn: false } },
      });
    });
  const share = (study: Study) =>
    run(study.studyId, async (step) => {
      const proof = await proveOwnership(BigInt(local.secret!), study.studyId, "share", step);
      await send("shareWithStudy", study.studyId, proof, false);
      update({ ...local, studies: { ...local.studies, [study.studyId]: { ...local.studies[study.studyId], shared: true } } });
    });
  const withdraw = (study: Study) =>
    run(study.studyId, async (step) => {
      const proof = await proveOwnership(BigInt(local.secret!), study.studyId, "withdraw", step);
      await send("withdraw", study.studyId, proof, true);
      update({ ...local, studies: { ...local.studies, [study.studyId]: { ...local.studies[study.studyId], withdrawn: true } } });
    });

  const credential = credentials[0];
  const day = (n: number) => new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  return (
    <section>
      <h2>My participation</h2>
      <p>
        You join studies by proving, in this browser, that you meet their criteria. Your age, sex, region and diagnoses never leave this
        browser; studies see only a pseudonym that differs from study to study. Your secret is kept in this browser only: without it you
        cannot share or withdraw later.
      </p>
      {error && <p role="alert">{error}</p>}
      <h3>Credential</h3>
      {credential ? (
        <p data-testid="credential">
          Credential from your hospital, valid {day(credential.issuedDays)} to {day(credential.expiresDays)}, with{" "}
          {credential.conditions.length} coded condition(s).
        </p>
      ) : (
        <p>
          No credential yet. <button onClick={askForCredential}>Ask for a credential</button> {progress.credential}{" "}
          <button onClick={reload}>Check again</button>
        </p>
      )}
      <h3>Studies you can join</h3>
      {studies.length === 0 && <p>No study is open for enrollment.</p>}
      {studies.map((s) => {
        const mine = local.studies[s.studyId];
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
