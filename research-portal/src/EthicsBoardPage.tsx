import { useCallback, useEffect, useState } from "react";

import type { Api } from "./api";
import { signTyped, type Session } from "./session";
import { StudyTerms } from "./StudiesPage";
import { fetchReleases, fetchStudies, type Release, type Study } from "./studies";
import type { TypedDataPayload } from "./wallet";

/** prepare → sign with the member's key → cast: the chain counts the member's own signature. */
async function vote(api: Api, session: Session, kind: "Study" | "Release", id: string, approve: boolean): Promise<void> {
  const arg = kind === "Study" ? "studyId" : "releaseId";
  const prepared = await api.request<Record<string, { typedData: TypedDataPayload }>>(
    `mutation($id: String!, $a: Boolean!) { prepare${kind}Vote(${arg}: $id, approve: $a) { typedData } }`,
    { id, a: approve },
  );
  const signature = await signTyped(session, prepared[`prepare${kind}Vote`].typedData);
  await api.request(
    `mutation($id: String!, $a: Boolean!, $s: String!) { cast${kind}Vote(${arg}: $id, approve: $a, signature: $s) { status } }`,
    {
      id,
      a: approve,
      s: signature,
    },
  );
}

interface Review {
  datasetMatches: boolean;
  nullifierRootMatches: boolean;
  manifestMatchesChain: boolean;
  enrollments: {
    nullifier: string;
    txHash: string;
    blockNumber: number | null;
    proofVerifies: boolean;
    enrolledOnChain: boolean;
    signalsMatchStudy: boolean;
  }[];
}

const mark = (ok: boolean) => (ok ? "✓" : "✗");

function ReleaseReview({ api, session, release, onVoted }: { api: Api; session: Session; release: Release; onVoted: () => void }) {
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      const { releaseReview } = await api.request<{ releaseReview: Review }>(
        `query($r: String!) { releaseReview(releaseId: $r) { datasetMatches nullifierRootMatches manifestMatchesChain
          enrollments { nullifier txHash blockNumber proofVerifies enrolledOnChain signalsMatchStudy } } }`,
        { r: release.releaseId },
      );
      setReview(releaseReview);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const cast = async (approve: boolean) => {
    setError(null);
    try {
      await vote(api, session, "Release", release.releaseId, approve);
      onVoted();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const allGood =
    !!review &&
    review.datasetMatches &&
    review.nullifierRootMatches &&
    review.manifestMatchesChain &&
    review.enrollments.every((e) => e.proofVerifies && e.enrolledOnChain && e.signalsMatchStudy);
  return (
    <div className="review" aria-label={`Release ${release.releaseId}`}>
      <p>
        Release #{release.releaseId}: {release.status.toLowerCase()} ({release.approvals} of {release.quorum} approvals), {release.rowCount}{" "}
        rows, achieved k {release.achievedK}, {release.suppressedRows} left out, generalisation "{release.manifest.generalisation}", fields{" "}
        {release.manifest.fields.join(", ")}.
      </p>
      <button onClick={load}>Review the enrollments</button>
      {review && (
        <>
          <p>
            Dataset matches manifest {mark(review.datasetMatches)} · pseudonym Merkle root {mark(review.nullifierRootMatches)} · manifest on
            chain {mark(review.manifestMatchesChain)}
          </p>
          <table aria-label="Included enrollments">
            <thead>
              <tr>
                <th>pseudonym</th>
                <th>proof verifies now</th>
                <th>still enrolled</th>
                <th>signals match the study</th>
                <th>enrollment transaction</th>
              </tr>
            </thead>
            <tbody>
              {review.enrollments.map((e) => (
                <tr key={e.nullifier}>
                  <td>
                    <code>{e.nullifier.slice(0, 12)}…</code>
                  </td>
                  <td>{mark(e.proofVerifies)}</td>
                  <td>{mark(e.enrolledOnChain)}</td>
                  <td>{mark(e.signalsMatchStudy)}</td>
                  <td>
                    <code>{e.txHash.slice(0, 14)}…</code> (block {e.blockNumber ?? "?"})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {release.status === "PENDING" && (
            <p>
              <button onClick={() => cast(true)} disabled={!allGood}>
                Approve release
              </button>{" "}
              <button onClick={() => cast(false)}>Reject release</button>
            </p>
          )}
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

function StudyReleases({ api, session, study }: { api: Api; session: Session; study: Study }) {
  const [releases, setReleases] = useState<Release[]>([]);
  const reload = useCallback(() => {
    fetchReleases(api, study.studyId).then(setReleases, () => setReleases([]));
  }, [api, study.studyId]);
  useEffect(reload, [reload]);
  if (!releases.length) return null;
  return (
    <div>
      <h4>Releases</h4>
      {releases.map((r) => (
        <ReleaseReview key={r.releaseId} api={api} session={session} release={r} onVoted={reload} />
      ))}
    </div>
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
    <section>
      <h2>Ethics board</h2>
      {error && <p role="alert">{error}</p>}
      <h3>Studies awaiting your vote</h3>
      {pending.length === 0 && <p>No study is waiting for votes.</p>}
      {pending.map((s) => (
        <article key={s.studyId} className="study" aria-label={`Proposal ${s.title}`}>
          <h3>
            {s.title} <small>#{s.studyId}</small>
          </h3>
          <StudyTerms study={s} />
          <details>
            <summary>Protocol</summary>
            <pre>{s.protocol}</pre>
          </details>
          <button onClick={() => act(() => vote(api, session, "Study", s.studyId, true))} disabled={!s.onChainMatches}>
            Approve study
          </button>{" "}
          <button onClick={() => act(() => vote(api, session, "Study", s.studyId, false))}>Reject study</button>
        </article>
      ))}
      <h3>Other studies and their releases</h3>
      {others.map((s) => (
        <article key={s.studyId} className="study">
          <h3>
            {s.title} <small>#{s.studyId}</small>
          </h3>
          <StudyTerms study={s} />
          {s.status === "APPROVED" && (
            <button
              onClick={() => act(() => api.request("mutation($s: String!) { suspendStudy(studyId: $s) { status } }", { s: s.studyId }))}
            >
              Suspend study
            </button>
          )}
          {s.status === "SUSPENDED" && (
            <button
              onClick={() => act(() => api.request("mutation($s: String!) { resumeStudy(studyId: $s) { status } }", { s: s.studyId }))}
            >
              Resume study
            </button>
          )}
          <StudyReleases api={api} session={session} study={s} />
        </article>
      ))}
    </section>
  );
}
