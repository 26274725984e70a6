/**
 * The researcher's screen: their studies with the cohort panel and releases (prepare, then
 * download once the board approved), and the proposal form. Fields are checked before sending;
 * the API's refusal is shown under the form otherwise.
 */
import { Badge, Button, Checkbox, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert, FormProblems } from "./ErrorAlert";
import type { Api } from "./api";
import { CohortPanel } from "./CohortPanel";
import { download } from "./download";
import { graphql } from "./gql";
import type { ReleaseField, ReleaseFormat, Sex } from "./gql/graphql";
import type { Session } from "./session";
import { StudyTerms } from "./StudiesPage";
import { fetchReleases, fetchStudies, type Release, type Study } from "./studies";

const PROPOSE_STUDY = graphql(`
  mutation ProposeStudy($input: StudyProposalInput!) {
    proposeStudy(input: $input) {
      studyId
    }
  }
`);

const PREPARE_RELEASE = graphql(`
  mutation PrepareRelease($studyId: String!) {
    prepareRelease(studyId: $studyId) {
      releaseId
    }
  }
`);

const DOWNLOAD_RELEASE = graphql(`
  query DownloadRelease($releaseId: String!, $format: ReleaseFormat!) {
    release(releaseId: $releaseId, format: $format) {
      content
    }
  }
`);

const FIELDS: ReleaseField[] = ["ageBand", "sex", "region", "conditions"];
const SEXES: Sex[] = ["female", "male", "other", "unknown"];
const list = (text: string): string[] =>
  text
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

interface Proposal {
  title: string;
  purpose: string;
  protocol: string;
  dataUse: string;
  fields: string[];
  minAge: number | string;
  maxAge: number | string;
  sexes: string[];
  zip3: string;
  anyOf: string;
  noneOf: string;
  k: number | string;
  dpBudget: number | string;
}

const EMPTY: Proposal = {
  title: "",
  purpose: "",
  protocol: "",
  dataUse: "HMB, IRB, PUB",
  fields: [...FIELDS],
  minAge: 18,
  maxAge: 100,
  sexes: [...SEXES],
  zip3: "",
  anyOf: "",
  noneOf: "",
  k: 11,
  dpBudget: "",
};

/** What the API would refuse, said next to the field before anything is sent. */
function check(p: Proposal): Partial<Record<keyof Proposal, string>> {
  const errors: Partial<Record<keyof Proposal, string>> = {};
  if (!p.title.trim()) errors.title = "Give the study a title.";
  if (!p.purpose.trim()) errors.purpose = "Say what the study is for.";
  if (!p.protocol.trim()) errors.protocol = "Paste the protocol: its hash goes on chain.";
  if (p.fields.length === 0) errors.fields = "Choose at least one field to release.";
  if (p.sexes.length === 0) errors.sexes = "Choose at least one sex.";
  if (!(Number(p.minAge) >= 0 && Number(p.maxAge) >= Number(p.minAge))) errors.maxAge = "The age range is empty.";
  if (!(Number(p.k) >= 2)) errors.k = "k is at least 2.";
  if (!list(p.zip3).every((z) => /^\d{3}$/.test(z))) errors.zip3 = "Three-digit ZIP prefixes, comma-separated.";
  for (const key of ["anyOf", "noneOf"] as const)
    if (!list(p[key]).every((c) => /^\d{6,18}$/.test(c))) errors[key] = "SNOMED CT codes (digits), comma-separated.";
  if (p.dpBudget !== "" && !(Number(p.dpBudget) > 0)) errors.dpBudget = "A positive ε, or empty for none.";
  return errors;
}

function ProposeStudy({ api, onProposed }: { api: Api; onProposed: () => void }) {
  const [p, setP] = useState<Proposal>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Proposal, string>>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Proposal>) => setP((x) => ({ ...x, ...patch }));
  const submit = async () => {
    setRefusal(null);
    const found = check(p);
    setErrors(found);
    if (Object.keys(found).length) return;
    const codes = (text: string) => list(text).map((code) => ({ system: "http://snomed.info/sct", code }));
    setBusy(true);
    try {
      await api.run(PROPOSE_STUDY, {
        input: {
          title: p.title.trim(),
          purpose: p.purpose.trim(),
          protocol: p.protocol,
          dataUse: list(p.dataUse),
          requestedFields: FIELDS.filter((f) => p.fields.includes(f)),
          minCohortSize: Number(p.k),
          dpBudget: p.dpBudget === "" ? null : Number(p.dpBudget),
          criteria: {
            minAge: Number(p.minAge),
            maxAge: Number(p.maxAge),
            referenceDate: new Date().toISOString().slice(0, 10),
            sexes: SEXES.filter((s) => p.sexes.includes(s)),
            zip3: list(p.zip3),
            anyOf: codes(p.anyOf),
            noneOf: codes(p.noneOf),
          },
        },
      });
      setP(EMPTY);
      onProposed();
    } catch (e) {
      setRefusal((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="form" aria-label="Propose a study" noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="xs">
        <Title order={3}>Propose a study</Title>
        <TextInput
          label="Title"
          value={p.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={errors.title}
          maxLength={200}
          required
        />
        <Textarea
          label="Purpose"
          value={p.purpose}
          onChange={(e) => set({ purpose: e.currentTarget.value })}
          error={errors.purpose}
          autosize
          minRows={2}
          required
        />
        <Textarea
          label="Protocol"
          description="The protocol document; its sha256 goes on chain."
          value={p.protocol}
          onChange={(e) => set({ protocol: e.currentTarget.value })}
          error={errors.protocol}
          autosize
          minRows={4}
          required
        />
        <TextInput label="Data use (GA4GH DUO codes)" value={p.dataUse} onChange={(e) => set({ dataUse: e.currentTarget.value })} />
        <Checkbox.Group label="Fields to release" value={p.fields} onChange={(fields) => set({ fields })} error={errors.fields}>
          <Group mt={4}>
            {FIELDS.map((f) => (
              <Checkbox key={f} value={f} label={f} />
            ))}
          </Group>
        </Checkbox.Group>
        <Text fw={600}>Who may join</Text>
        <Group grow align="start">
          <NumberInput label="Age from" value={p.minAge} onChange={(v) => set({ minAge: v })} min={0} max={130} />
          <NumberInput label="Age to" value={p.maxAge} onChange={(v) => set({ maxAge: v })} min={0} max={130} error={errors.maxAge} />
        </Group>
        <Checkbox.Group label="Sexes" value={p.sexes} onChange={(sexes) => set({ sexes })} error={errors.sexes}>
          <Group mt={4}>
            {SEXES.map((s) => (
              <Checkbox key={s} value={s} label={s} />
            ))}
          </Group>
        </Checkbox.Group>
        <TextInput
          label="ZIP3 regions (empty: any)"
          placeholder="021, 024"
          value={p.zip3}
          onChange={(e) => set({ zip3: e.currentTarget.value })}
          error={errors.zip3}
        />
        <TextInput
          label="Any of these SNOMED CT conditions"
          placeholder="38341003"
          value={p.anyOf}
          onChange={(e) => set({ anyOf: e.currentTarget.value })}
          error={errors.anyOf}
        />
        <TextInput label="None of these" value={p.noneOf} onChange={(e) => set({ noneOf: e.currentTarget.value })} error={errors.noneOf} />
        <Group grow align="start">
          <NumberInput label="Minimum cohort size k" value={p.k} onChange={(v) => set({ k: v })} min={2} max={1000} error={errors.k} />
          <NumberInput
            label="Privacy budget ε (empty: none)"
            value={p.dpBudget}
            onChange={(v) => set({ dpBudget: v })}
            min={0}
            step={0.1}
            decimalScale={3}
            error={errors.dpBudget}
          />
        </Group>
        <Group>
          <Button type="submit" loading={busy}>
            Propose study
          </Button>
        </Group>
        <FormProblems
          invalid={Object.keys(errors).length > 0}
          unsent="nothing was sent"
          refusal={refusal}
          refusalTitle="The API refused the proposal"
        />
      </Stack>
    </Paper>
  );
}

/** Each format its own file name: the de-identified rows as CSV or JSON, and the FHIR Bundle. */
const DOWNLOAD_SUFFIX: Record<ReleaseFormat, string> = { CSV: ".csv", JSON: ".json", FHIR: ".fhir-bundle.json" };
const DOWNLOAD_TYPE: Record<ReleaseFormat, string> = { CSV: "text/csv", JSON: "application/json", FHIR: "application/fhir+json" };

function Releases({ api, study }: { api: Api; study: Study }) {
  const [releases, setReleases] = useState<Release[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => {
    fetchReleases(api, study.studyId).then(setReleases, (e: Error) => setError(e.message));
  }, [api, study.studyId]);
  useEffect(reload, [reload]);
  const prepare = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.run(PREPARE_RELEASE, { studyId: study.studyId });
      reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const fetchRelease = async (release: Release, format: ReleaseFormat) => {
    setError(null);
    try {
      const { release: data } = await api.run(DOWNLOAD_RELEASE, { releaseId: release.releaseId, format });
      download(`study-${study.studyId}-release-${release.releaseId}${DOWNLOAD_SUFFIX[format]}`, data.content, DOWNLOAD_TYPE[format]);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack gap="xs" mt="sm">
      <Title order={4}>Releases</Title>
      {study.status === "APPROVED" && (
        <Group>
          <Button variant="light" onClick={() => void prepare()} loading={busy}>
            Prepare a release
          </Button>
        </Group>
      )}
      <ErrorAlert message={error} />
      {releases.length > 0 && (
        <ScrollRegion label={`Releases of ${study.title}`}>
          <Table aria-label="Releases" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Release</Table.Th>
                <Table.Th>Status on chain</Table.Th>
                <Table.Th>Rows</Table.Th>
                <Table.Th>Achieved k</Table.Th>
                <Table.Th>Rows left out</Table.Th>
                <Table.Th>Download</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {releases.map((r) => (
                <Table.Tr key={r.releaseId}>
                  <Table.Td>#{r.releaseId}</Table.Td>
                  <Table.Td>
                    <Badge color={r.status === "APPROVED" ? "teal" : r.status === "REJECTED" ? "red" : "gray"}>
                      {r.status.toLowerCase()}
                    </Badge>{" "}
                    ({r.approvals}/{r.quorum})
                  </Table.Td>
                  <Table.Td>{r.rowCount}</Table.Td>
                  <Table.Td>{r.achievedK}</Table.Td>
                  <Table.Td>{r.suppressedRows}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {(["CSV", "JSON", "FHIR"] as const).map((format) => (
                        <Button
                          key={format}
                          size="compact-sm"
                          variant="default"
                          onClick={() => void fetchRelease(r, format)}
                          disabled={!r.downloadable}
                          aria-label={`Download release ${r.releaseId} as ${format}`}
                        >
                          {format}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Stack>
  );
}

export function ResearcherPage({ api, session }: { api: Api; session: Session }) {
  const [studies, setStudies] = useState<Study[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetchStudies(api, { researcher: session.address }).then(setStudies, (e: Error) => setError(e.message));
  }, [api, session.address]);
  useEffect(reload, [reload]);
  return (
    <Stack gap="md">
      <Title order={2}>My research</Title>
      <ErrorAlert message={error} />
      {studies?.length === 0 && <Text>You have no studies yet.</Text>}
      {studies?.map((s) => (
        <article key={s.studyId} className="study" aria-label={`Study ${s.title}`}>
          <h3>
            {s.title} <small>#{s.studyId}</small>
          </h3>
          <StudyTerms study={s} />
          {s.status !== "CLOSED" && <CohortPanel api={api} study={s} />}
          <Releases api={api} study={s} />
        </article>
      ))}
      <ProposeStudy api={api} onProposed={reload} />
    </Stack>
  );
}
