import { Alert, Loader, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";

import type { Api } from "./api";
import { fetchStudies, type Study } from "./studies";

export function StudyTerms({ study }: { study: Study }) {
  return (
    <dl className="terms">
      <dt>Status</dt>
      <dd>
        <span className={`status ${study.status.toLowerCase()}`}>{study.status.toLowerCase()}</span> (version {study.version};{" "}
        {study.approvals} of {study.quorum} approvals needed{study.rejections ? `, ${study.rejections} rejection(s)` : ""})
        {!study.onChainMatches && <strong className="warn"> — the chain's hashes differ from these terms</strong>}
      </dd>
      <dt>Purpose</dt>
      <dd>{study.purpose}</dd>
      <dt>Who may join</dt>
      <dd>{study.summary}</dd>
      <dt>Data use</dt>
      <dd>{study.dataUse.map((d) => `${d.code} (${d.meaning})`).join("; ")}</dd>
      <dt>Fields released</dt>
      <dd>{study.requestedFields.join(", ")}</dd>
      <dt>Minimum cohort size k</dt>
      <dd>
        {study.minCohortSize}
        {study.dpBudget !== null ? `; privacy budget ε = ${study.dpBudget}` : "; no differential-privacy budget"}
      </dd>
      <dt>Researcher</dt>
      <dd>
        <code>{study.researcher}</code>
      </dd>
    </dl>
  );
}

export function StudiesPage({ api }: { api: Api }) {
  const [studies, setStudies] = useState<Study[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchStudies(api).then(setStudies, (e: Error) => setError(e.message));
  }, [api]);
  if (error)
    return (
      <Alert color="red" role="alert" title="The studies did not load">
        {error}
      </Alert>
    );
  if (!studies) return <Loader size="sm" role="status" aria-label="Loading studies" />;
  return (
    <Stack gap="md">
      <Title order={2}>Studies</Title>
      <Text>
        Every study registered on chain, with its terms. Patients can join approved studies anonymously with an eligibility proof.
      </Text>
      {studies.length === 0 && <Text>No studies yet.</Text>}
      {studies.map((s) => (
        <article key={s.studyId} className="study">
          <h3>
            {s.title} <small>#{s.studyId}</small>
          </h3>
          <StudyTerms study={s} />
        </article>
      ))}
    </Stack>
  );
}
