/**
 * A patient's records as a timeline, newest first, a page at a time, filtered by type: the
 * doctor's chart (read for a purpose of use) and the patient's own records (no purpose: theirs).
 * Only the page is fetched and decrypted; every page read is in the patient's access log.
 */
import { Button, Group, Loader, Paper, Select, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useId, useState } from "react";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { RecordDetail } from "./RecordDetail";
import { RecordForm } from "./RecordForm";
import { graphql } from "./gql";
import type { PatientChartQuery, PurposeOfUse } from "./gql/graphql";

const PATIENT_CHART = graphql(`
  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {
    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          resourceType
          display
          code
          clinicalStatus
          effectiveAt
          valueQuantity
          valueUnit
          version
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type ChartRecord = PatientChartQuery["records"]["edges"][number]["node"];

const TYPES = ["Condition", "Observation", "MedicationRequest", "AllergyIntolerance", "Immunization", "Procedure", "Encounter"];
const PAGE = 25;
const day = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString("en-CA") : "—");

export function RecordTimeline({
  api,
  patientId,
  title,
  purpose: initialPurpose,
  me,
}: {
  api: Api;
  patientId: string;
  title: string;
  /** The signed-in account: details show its own records' amend form; a doctor may add records. */
  me: string;
  /** A doctor's purpose of use (they may switch between treatment and emergency treatment); none for the patient. */
  purpose?: PurposeOfUse;
}) {
  const headingId = useId();
  const [purpose, setPurpose] = useState<PurposeOfUse | null>(initialPurpose ?? null);
  const [type, setType] = useState<string | null>(null);
  const [records, setRecords] = useState<ChartRecord[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      setError(null);
      try {
        const { records: page } = await api.run(PATIENT_CHART, { patientId, purpose, types: type ? [type] : null, first: PAGE, after });
        const nodes = page.edges.map((e) => e.node);
        setRecords((previous) => (after ? [...(previous ?? []), ...nodes] : nodes));
        setTotal(page.totalCount);
        setNext(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [api, patientId, purpose, type],
  );
  useEffect(() => {
    setRecords(null);
    void load(null);
  }, [load]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={2} id={headingId}>
        {title}
      </Title>
      <Group align="end" my="sm">
        {initialPurpose && (
          <Select
            label="Purpose of use"
            value={purpose}
            onChange={(v) => v && setPurpose(v as PurposeOfUse)}
            data={[
              { value: "TREAT", label: "Treatment" },
              { value: "ETREAT", label: "Emergency treatment (break-glass)" },
            ]}
            allowDeselect={false}
          />
        )}
        <Select label="Record type" placeholder="All types" value={type} onChange={setType} data={TYPES} clearable />
        {initialPurpose && purpose === "TREAT" && (
          <Button variant={adding ? "default" : "filled"} onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {adding ? "Close the new record form" : "Add a record"}
          </Button>
        )}
      </Group>
      {adding && <RecordForm api={api} target={{ kind: "create", patientId }} onSaved={() => void load(null)} />}
      <ErrorAlert message={error} title="The records did not load" />
      {!records && !error && <Loader size="sm" role="status" aria-label="Loading the records" />}
      {records && (
        <>
          <Text size="sm" aria-live="polite">
            {total === 0
              ? initialPurpose
                ? "No record you may see for this purpose."
                : "No record."
              : `${records.length} of ${total} record(s)${initialPurpose ? " you may see for this purpose" : ""}, newest first.`}
          </Text>
          {records.length > 0 && (
            <ScrollRegion label={title}>
              <Table aria-label={title}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th>Value</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {records.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{day(r.effectiveAt)}</Table.Td>
                      <Table.Td>{r.resourceType}</Table.Td>
                      <Table.Td>{r.display ?? r.code ?? "—"}</Table.Td>
                      <Table.Td>{r.valueQuantity != null ? `${r.valueQuantity} ${r.valueUnit ?? ""}`.trim() : ""}</Table.Td>
                      <Table.Td>{r.clinicalStatus ?? ""}</Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() => setOpened(r.id)}
                          aria-label={`Details of ${r.display ?? r.code ?? r.resourceType}, ${day(r.effectiveAt)}`}
                        >
                          Details
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
          {next && (
            <Button variant="subtle" onClick={() => void load(next)}>
              Older records
            </Button>
          )}
        </>
      )}
      {opened && (
        <RecordDetail
          api={api}
          recordId={opened}
          purpose={purpose}
          me={me}
          claimFor={initialPurpose ? patientId : null}
          onClose={() => setOpened(null)}
          onChanged={() => void load(null)}
        />
      )}
    </Paper>
  );
}
