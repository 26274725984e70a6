import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { SEX_CODES, type CredentialJson } from "../../api/src/zk/eligibility-encoding";
import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { download } from "./download";
import { graphql } from "./gql";
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

const MY_STANDING = graphql(`
  query MyParticipation {
    myCredentials
    mySharedStudies
  }
`);

const ENROLLMENT_STATUS = graphql(`
  query EnrollmentStatus($studyId: String!, $nullifier: String!) {
    enrollmentStatus(studyId: $studyId, nullifier: $nullifier) {
      enrolled
      withdrawn
    }
  }
`);

const REQUEST_CREDENTIAL = graphql(`
  mutation RequestCredential($commitment: String!) {
    requestCredential(commitment: $commitment)
  }
`);

const ENROLL = graphql(`
  mutation Enroll($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {
    enroll(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {
      nullifier
    }
  }
`);

const SHARE = graphql(`
  mutation ShareWithStudy($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {
    shareWithStudy(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {
      nullifier
    }
  }
`);

const WITHDRAW = graphql(`
  mutation Withdraw($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {
    withdraw(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {
      nullifier
    }
  }
`);

export function PatientPage({ api, session }: { api: Api; session: Session }) {
  const [local, setLocal] = useState<Local>(() => loadLocal(session.address));
  const [credentials, setCredentials] = useState<CredentialJson[]>([]);
  const [studies, setStudies] = useState<Study[]>([]);
  const [standing, setStanding] = useState<Record<string, Standing>>({});
  const [shared, setShared] = useState<string[]>([]);
  const [progress, setProgress] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<Record<string, number | undefined>>({});

  const update = (next: Local) => {
    saveLocal(session.address, next);
    setLocal(next);
  };
  const reload = useCallback(async () => {
    try {
      const [{ myCredentials, mySharedStudies }, all] = await Promise.all([api.run(MY_STANDING, {}), fetchStudies(api)]);
      const states: Record<string, Standing> = {};
      if (local.secret) {
        for (const study of all) {
          const nullifier = poseidon([BigInt(local.secret), BigInt(study.studyId)]).toString();
          const { enrollmentStatus } = await api.run(ENROLLMENT_STATUS, { studyId: study.studyId, nullifier }, true);
          states[study.studyId] = { nullifier, ...enrollmentStatus };
        }
      }
      setCredentials(myCredentials as unknown as CredentialJson[]);
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
      await api.run(REQUEST_CREDENTIAL, { commitment: commitmentOf(secret).toString() });
      setProgress((p) => ({ ...p, credential: "Asked: the hospital will issue your credential from your records." }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const run = async (studyId: string, work: (step: (s: string, fraction?: number) => void) => Promise<unknown>) => {
    setError(null);
    const step = (s: string, fraction?: number) => {
      setProgress((p) => ({ ...p, [studyId]: `${s}…` }));
      setDone((d) => ({ ...d, [studyId]: fraction ?? d[studyId] }));
    };
    try {
      await work(step);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress((p) => ({ ...p, [studyId]: "" }));
      setDone((d) => ({ ...d, [studyId]: undefined }));
    }
  };
  /** A proof as the API takes it; enrolling and withdrawing go without the session (the API must not learn who). */
  const payload = (studyId: string, proof: Proof) => ({
    studyId,
    proof: proof.proof as unknown as Record<string, unknown>,
    publicSignals: proof.publicSignals,
  });

  const join = (study: Study) =>
    run(study.studyId, async (step) => {
      const newest = credentials[credentials.length - 1];
      const proof = await proveEligibility(newest, BigInt(local.secret!), study.criteria, study.studyId, step);
      step("enrolling (no sign-in: the API does not learn who you are)");
      return api.run(ENROLL, payload(study.studyId, proof), true);
    });
  const share = (study: Study) =>
    run(study.studyId, async (step) =>
      api.run(SHARE, payload(study.studyId, await proveOwnership(BigInt(local.secret!), study.studyId, { share: session.address }, step))),
    );
  const withdraw = (study: Study) =>
    run(study.studyId, async (step) =>
      api.run(WITHDRAW, payload(study.studyId, await proveOwnership(BigInt(local.secret!), study.studyId, "withdraw", step)), true),
    );

  const saveSecret = () => download(`medledger-secret-${session.address}.txt`, `${local.secret}\n`, "text/plain");
  const restoreSecret = async (file: File | undefined) => {
    const text = (await file?.text())?.trim() ?? "";
    if (!/^\d{1,78}$/.test(text)) {
      setError("That file does not hold a MedLedger secret (a decimal number).");
      return;
    }
    update({ secret: text });
  };

  const credential = credentials[credentials.length - 1];
  const day = (n: number) => new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const sexName = (code: number) => Object.entries(SEX_CODES).find(([, c]) => c === code)?.[0] ?? "unknown";
  return (
    <Stack gap="md">
      <Title order={2}>My participation</Title>
      <Text>
        You join studies by proving, in this browser, that you meet their criteria. Your age, sex, region and diagnoses never leave this
        browser; studies see only a pseudonym that differs from study to study. Your secret comes from your wallet and is kept in this
        browser: with the same wallet you get it back anywhere; without it you cannot share or withdraw later.
      </Text>
      <ErrorAlert message={error} />
      <Paper withBorder p="md" component="section" aria-labelledby="secret-title">
        <Title order={3} id="secret-title">
          Your secret
        </Title>
        {local.secret ? (
          <Text>
            Kept in this browser.{" "}
            <Button size="compact-sm" variant="light" onClick={saveSecret}>
              Save a copy of my secret
            </Button>{" "}
            (the file also works with <code>npm run prove -- --secret</code>). Keep it private: it is what proves a pseudonym is yours.
          </Text>
        ) : (
          <Alert color="orange" role="status" title="This browser does not hold your secret">
            None in this browser yet. It is derived from your wallet (a signature over a fixed MedLedger message), so every browser with the
            same wallet gets the same secret, and with it your pseudonyms and studies:{" "}
            <Button size="compact-sm" onClick={() => void recoverSecret()}>
              Recover my secret from my wallet
            </Button>
          </Alert>
        )}
        <label className="file-restore">
          Restore my secret from a file{" "}
          <input type="file" accept=".txt,text/plain" onChange={(e) => void restoreSecret(e.target.files?.[0])} />
        </label>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="credential-title">
        <Title order={3} id="credential-title">
          My credentials
        </Title>
        {credentials.length > 0 ? (
          <>
            <Text data-testid="credential">
              Credential from your hospital, valid {day(credential.issuedDays)} to {day(credential.expiresDays)}, with{" "}
              {credential.conditions.length} coded condition(s). Proofs use the newest one.
            </Text>
            <ScrollRegion label="My credentials">
              <Table aria-label="My credentials" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Issued</Table.Th>
                    <Table.Th>Valid until</Table.Th>
                    <Table.Th>Birth date</Table.Th>
                    <Table.Th>Sex</Table.Th>
                    <Table.Th>Region (ZIP3)</Table.Th>
                    <Table.Th>Coded conditions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...credentials].reverse().map((c) => (
                    <Table.Tr key={c.signature.S}>
                      <Table.Td>{day(c.issuedDays)}</Table.Td>
                      <Table.Td>{day(c.expiresDays)}</Table.Td>
                      <Table.Td>{day(c.birthDays)}</Table.Td>
                      <Table.Td>{sexName(c.sex)}</Table.Td>
                      <Table.Td>{String(c.region - 1).padStart(3, "0")}</Table.Td>
                      <Table.Td>{c.conditions.length} (hashed: only a proof can use them)</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
            <Text size="sm">
              These attributes stay in this browser and the hospital's records: a proof shows only that they meet a study's criteria.
            </Text>
          </>
        ) : (
          <Group>
            <Text>No credential yet.</Text>
            <Button size="compact-sm" onClick={() => void askForCredential()}>
              Ask for a credential
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => void reload()}>
              Check again
            </Button>
            {progress.credential && <Text role="status">{progress.credential}</Text>}
          </Group>
        )}
      </Paper>
      <Title order={3}>Studies</Title>
      {studies.length === 0 && <Text>No study is open for enrollment.</Text>}
      {studies.map((s) => {
        const state = standing[s.studyId];
        const mine = state && (state.enrolled || state.withdrawn) ? { ...state, shared: shared.includes(s.studyId) } : undefined;
        const busy = !!progress[s.studyId];
        return (
          <article key={s.studyId} className="study" aria-label={`Study ${s.title}`}>
            <h4>{s.title}</h4>
            <Text>{s.purpose}</Text>
            <Text>Who may join: {s.summary}</Text>
            {!mine && (
              <Group mt="xs">
                <Button onClick={() => join(s)} disabled={!credential || !local.secret || busy}>
                  Prove eligibility and join
                </Button>
                {!local.secret ? (
                  <Text size="sm">First recover your secret (above): without it you might already be enrolled under it.</Text>
                ) : !credential ? (
                  <Text size="sm">First get a credential from your hospital (above).</Text>
                ) : null}
              </Group>
            )}
            {mine && !mine.withdrawn && (
              <Stack gap="xs" mt="xs">
                <Text>
                  Enrolled as <code>{mine.nullifier.slice(0, 12)}…</code>.{" "}
                  {mine.shared && "You share your de-identified data with this study."}
                </Text>
                <Group>
                  {!mine.shared && (
                    <Button variant="light" onClick={() => share(s)} disabled={busy}>
                      Share my de-identified data
                    </Button>
                  )}
                  {confirming === s.studyId ? (
                    <Group gap="xs" role="group" aria-label={`Confirm withdrawing from ${s.title}`}>
                      <Text size="sm">
                        Withdraw? This cannot be undone: this pseudonym can never join this study again, and future releases leave your data
                        out.
                      </Text>
                      <Button
                        color="red"
                        size="compact-sm"
                        onClick={() => {
                          setConfirming(null);
                          withdraw(s);
                        }}
                      >
                        Yes, withdraw
                      </Button>
                      <Button size="compact-sm" variant="default" onClick={() => setConfirming(null)}>
                        Stay enrolled
                      </Button>
                    </Group>
                  ) : (
                    <Button
                      variant="outline"
                      color="red"
                      onClick={() => setConfirming(s.studyId)}
                      disabled={busy}
                      aria-label={`Withdraw from ${s.title}`}
                    >
                      Withdraw
                    </Button>
                  )}
                </Group>
              </Stack>
            )}
            {mine?.withdrawn && <Text>You withdrew from this study.</Text>}
            {busy && (
              <Text size="sm" aria-live="polite" mt="xs">
                {done[s.studyId] !== undefined && (
                  <>
                    <progress value={done[s.studyId]} max={1} aria-label={`Proof for ${s.title}`} /> {Math.round(done[s.studyId]! * 100)}{" "}
                    %:{" "}
                  </>
                )}
                {progress[s.studyId]} (in the background: this page stays usable)
              </Text>
            )}
          </article>
        );
      })}
    </Stack>
  );
}
