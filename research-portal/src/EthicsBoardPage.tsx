/**
 * The ethics board's screen: proposals awaiting votes, and the releases of approved studies.
 * Each shows the votes the chain recorded (who, which way, the transaction) and what is still
 * needed; a member who voted sees their vote instead of the buttons. A release review re-checks
 * every included enrollment and shows the de-identified rows the researcher would receive.
 */
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import type { ReleaseReviewQuery } from "./gql/graphql";
import { signTyped, type Session } from "./session";
import { StudyTerms } from "./StudiesPage";
import { fetchReleases, fetchStudies, type Release, type Study } from "./studies";
import type { TypedDataPayload } from "./wallet";

const STUDY_VOTES = graphql(`
  query StudyVotes($studyId: String!) {
    studyVotes(studyId: $studyId) {
      member
      approve
      txHash
    }
  }
`);

const RELEASE_REVIEW = graphql(`
  query ReleaseReview($releaseId: String!) {
    releaseReview(releaseId: $releaseId) {
      datasetMatches
      nullifierRootMatches
      manifestMatchesChain
      preview
      votes {
        member
        approve
        txHash
      }
      enrollments {
        nullifier
        txHash
        blockNumber
        proofVerifies
        enrolledOnChain
        signalsMatchStudy
      }
    }
  }
`);

type Vote = { member: string; approve: boolean; txHash: string };
type Review = ReleaseReviewQuery["releaseReview"];

const PREPARE_STUDY_VOTE = graphql(`
  mutation PrepareStudyVote($studyId: String!, $approve: Boolean!) {
    prepareStudyVote(studyId: $studyId, approve: $approve) {
      typedData
    }
  }
`);

const CAST_STUDY_VOTE = graphql(`
  mutation CastStudyVote($studyId: String!, $approve: Boolean!, $signature: String!) {
    castStudyVote(studyId: $studyId, approve: $approve, signature: $signature) {
      status
    }
  }
`);

const PREPARE_RELEASE_VOTE = graphql(`
  mutation PrepareReleaseVote($releaseId: String!, $approve: Boolean!) {
    prepareReleaseVote(releaseId: $releaseId, approve: $approve) {
      typedData
    }
  }
`);

const CAST_RELEASE_VOTE = graphql(`
  mutation CastReleaseVote($releaseId: String!, $approve: Boolean!, $signature: String!) {
    castReleaseVote(releaseId: $releaseId, approve: $approve, signature: $signature) {
      status
    }
  }
`);

const SUSPEND_STUDY = graphql(`
  mutation SuspendStudy($studyId: String!) {
    suspendStudy(studyId: $studyId) {
      status
    }
  }
`);

const RESUME_STUDY = graphql(`
  mutation ResumeStudy($studyId: String!) {
    resumeStudy(studyId: $studyId) {
      status
    }
  }
`);

/** prepare → sign with the member's key → cast: the chain counts the member's own signature. */
async function voteOnStudy(api: Api, session: Session, studyId: string, approve: boolean): Promise<void> {
  const { prepareStudyVote } = await api.run(PREPARE_STUDY_VOTE, { studyId, approve });
  const signature = await signTyped(session, prepareStudyVote.typedData as unknown as TypedDataPayload);
  await api.run(CAST_STUDY_VOTE, { studyId, approve, signature });
}

async function voteOnRelease(api: Api, session: Session, releaseId: string, approve: boolean): Promise<void> {
  const { prepareReleaseVote } = await api.run(PREPARE_RELEASE_VOTE, { releaseId, approve });
  const signature = await signTyped(session, prepareReleaseVote.typedData as unknown as TypedDataPayload);
  await api.run(CAST_RELEASE_VOTE, { releaseId, approve, signature });
}

const mark = (ok: boolean) => (ok ? "✓" : "✗");
const short = (hex: string) => `${hex.slice(0, 6)}…${hex.slice(-4)}`;

/** The votes so far, the caller's own first in words, and how many approvals are still needed. */
function Tally({ votes, quorum, me, what }: { votes: Vote[]; quorum: number; me: string; what: string }) {
  const mine = votes.find((v) => v.member.toLowerCase() === me.toLowerCase());
  const approvals = votes.filter((v) => v.approve).length;
  return (
    <Stack gap={4}>
      {mine && (
        <Alert color={mine.approve ? "teal" : "orange"} role="status">
          You {mine.approve ? "approved" : "rejected"} this {what} (transaction <code>{short(mine.txHash)}</code>).
        </Alert>
      )}
      <Text size="sm">
        Votes on chain:{" "}
        {votes.length === 0 ? "none yet" : votes.map((v) => `${short(v.member)} ${v.approve ? "approved" : "rejected"}`).join(", ")}
        {approvals < quorum ? `; ${quorum - approvals} more approval(s) needed.` : "; quorum reached."}
      </Text>
    </Stack>
  );
}

function ReleaseReviewCard({ api, session, release, onVoted }: { api: Api; session: Session; release: Release; onVoted: () => void }) {
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setError(null);
    try {
      setReview((await api.run(RELEASE_REVIEW, { releaseId: release.releaseId })).releaseReview);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const cast = async (approve: boolean) => {
    setError(null);
    setBusy(true);
    try {
      await voteOnRelease(api, session, release.releaseId, approve);
      await load();
      onVoted();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const allGood =
    !!review &&
    review.datasetMatches &&
    review.nullifierRootMatches &&
    review.manifestMatchesChain &&
    review.enrollments.every((e) => e.proofVerifies && e.enrolledOnChain && e.signalsMatchStudy);
  const voted = review?.votes.some((v) => v.member.toLowerCase() === session.address.toLowerCase());
  const fields = release.manifest.fields;
  return (
    <Paper withBorder p="sm" component="section" aria-label={`Release ${release.releaseId}`}>
      <Text>
        Release #{release.releaseId}: <Badge color={release.status === "APPROVED" ? "teal" : "gray"}>{release.status.toLowerCase()}</Badge>{" "}
        ({release.approvals} of {release.quorum} approvals), {release.rowCount} rows, achieved k {release.achievedK},{" "}
        {release.suppressedRows} left out, generalisation "{release.manifest.generalisation}", fields {fields.join(", ")}.
      </Text>
      {!review && (
        <Button mt="xs" variant="light" onClick={() => void load()}>
          Review release {release.releaseId}
        </Button>
      )}
      {review && (
        <Stack gap="xs" mt="xs">
          <Text size="sm">
            Dataset matches manifest {mark(review.datasetMatches)} · pseudonym Merkle root {mark(review.nullifierRootMatches)} · manifest on
            chain {mark(review.manifestMatchesChain)}
          </Text>
          <Tally votes={review.votes} quorum={release.quorum} me={session.address} what="release" />
          <Text fw={700}>
            What the researcher would receive (first {review.preview.length} of {release.rowCount} rows)
          </Text>
          <ScrollRegion label={`Rows of release ${release.releaseId}`}>
            <Table aria-label={`Rows of release ${release.releaseId}`} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Pseudonym</Table.Th>
                  {fields.map((f) => (
                    <Table.Th key={f}>{f}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {review.preview.map((row, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <code>{String(row.participant).slice(0, 10)}…</code>
                    </Table.Td>
                    {fields.map((f) => (
                      <Table.Td key={f}>{cellText(row[f])}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          <Text fw={700}>Included enrollments, verified again now</Text>
          <ScrollRegion label={`Enrollments of release ${release.releaseId}`}>
            <Table aria-label="Included enrollments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Pseudonym</Table.Th>
                  <Table.Th>Proof verifies now</Table.Th>
                  <Table.Th>Still enrolled</Table.Th>
                  <Table.Th>Signals match the study</Table.Th>
                  <Table.Th>Enrollment transaction</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {review.enrollments.map((e) => (
                  <Table.Tr key={e.nullifier}>
                    <Table.Td>
                      <code>{e.nullifier.slice(0, 12)}…</code>
                    </Table.Td>
                    <Table.Td>{mark(e.proofVerifies)}</Table.Td>
                    <Table.Td>{mark(e.enrolledOnChain)}</Table.Td>
                    <Table.Td>{mark(e.signalsMatchStudy)}</Table.Td>
                    <Table.Td>
                      <code>{e.txHash.slice(0, 14)}…</code> (block {e.blockNumber ?? "?"})
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {release.status === "PENDING" && !voted && (
            <Group>
              <Button onClick={() => void cast(true)} disabled={!allGood} loading={busy}>
                Approve release
              </Button>
              <Button variant="outline" color="red" onClick={() => void cast(false)} disabled={busy}>
                Reject release
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <ErrorAlert message={error} mt="xs" />
    </Paper>
  );
}

/** A release cell as text: conditions as their codes and onset years. */
function cellText(value: unknown): string {
  if (Array.isArray(value))
    return value
      .map(
        (c: { display?: string | null; code?: string; onsetYear?: number | null }) =>
          `${c.display ?? c.code}${c.onsetYear ? ` (${c.onsetYear})` : ""}`,
      )
      .join("; ");
  return value == null ? "" : String(value);
}

function StudyReleases({ api, session, study }: { api: Api; session: Session; study: Study }) {
  const [releases, setReleases] = useState<Release[]>([]);
  const reload = useCallback(() => {
    fetchReleases(api, study.studyId).then(setReleases, () => setReleases([]));
  }, [api, study.studyId]);
  useEffect(reload, [reload]);
  if (!releases.length) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>Releases</Title>
      {releases.map((r) => (
        <ReleaseReviewCard key={r.releaseId} api={api} session={session} release={r} onVoted={reload} />
      ))}
    </Stack>
  );
}

function Proposal({ api, session, study, onVoted }: { api: Api; session: Session; study: Study; onVoted: () => void }) {
  const [votes, setVotes] = useState<Vote[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loadVotes = useCallback(() => {
    api.run(STUDY_VOTES, { studyId: study.studyId }).then(
      (d) => setVotes(d.studyVotes),
      (e: Error) => setError(e.message),
    );
  }, [api, study.studyId]);
  useEffect(loadVotes, [loadVotes]);
  const cast = async (approve: boolean) => {
    setError(null);
    setBusy(true);
    try {
      await voteOnStudy(api, session, study.studyId, approve);
      loadVotes();
      onVoted();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const voted = votes?.some((v) => v.member.toLowerCase() === session.address.toLowerCase());
  return (
    <article className="study" aria-label={`Proposal ${study.title}`}>
      <h3>
        {study.title} <small>#{study.studyId}</small>
      </h3>
      <StudyTerms study={study} />
      <details>
        <summary>Protocol</summary>
        <pre>{study.protocol}</pre>
      </details>
      {votes && <Tally votes={votes} quorum={study.quorum} me={session.address} what={`study (version ${study.version})`} />}
      {votes && !voted && (
        <Group mt="xs">
          <Button onClick={() => void cast(true)} disabled={!study.onChainMatches} loading={busy}>
            Approve study
          </Button>
          <Button variant="outline" color="red" onClick={() => void cast(false)} disabled={busy}>
            Reject study
          </Button>
        </Group>
      )}
      <ErrorAlert message={error} mt="xs" />
    </article>
  );
}

export function EthicsBoardPage({ api, session }: { api: Api; session: Session }) {
  const [studies, setStudies] = useState<Study[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetchStudies(api).then(setStudies, (e: Error) => setError(e.message));
  }, [api]);
  useEffect(reload, [reload]);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const pending = studies?.filter((s) => s.status === "PROPOSED") ?? [];
  const others = studies?.filter((s) => s.status !== "PROPOSED") ?? [];
  return (
    <Stack gap="md">
      <Title order={2}>Ethics board</Title>
      <ErrorAlert message={error} />
      <Title order={3}>Studies awaiting votes</Title>
      {pending.length === 0 && <Text>No study is waiting for votes.</Text>}
      {pending.map((s) => (
        <Proposal key={`${s.studyId}-${s.version}`} api={api} session={session} study={s} onVoted={reload} />
      ))}
      <Title order={3}>Other studies and their releases</Title>
      {others.map((s) => (
        <article key={s.studyId} className="study" aria-label={`Study ${s.title}`}>
          <h3>
            {s.title} <small>#{s.studyId}</small>
          </h3>
          <StudyTerms study={s} />
          {s.status === "APPROVED" && (
            <Button variant="outline" onClick={() => act(() => api.run(SUSPEND_STUDY, { studyId: s.studyId }))}>
              Suspend study
            </Button>
          )}
          {s.status === "SUSPENDED" && (
            <Button variant="outline" onClick={() => act(() => api.run(RESUME_STUDY, { studyId: s.studyId }))}>
              Resume study
            </Button>
          )}
          <StudyReleases api={api} session={session} study={s} />
        </article>
      ))}
    </Stack>
  );
}
