/**
 * One record in a drawer: what it says, every version (who, when, why, its hash), the integrity
 * check (the hash chain recomputed by the API and each version's anchor on chain), and, for its
 * author, the amend form. Each read goes through the API's access decision and is logged.
 */
import { Alert, Badge, Button, Code, Drawer, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useCallback, useEffect, useState } from "react";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import type { PurposeOfUse, RecordDetailQuery, VerifyRecordQuery } from "./gql/graphql";
import { ClaimFromEncounter } from "./Claims";
import { RecordForm } from "./RecordForm";
import { fromResource } from "./record-forms";

const RECORD_DETAIL = graphql(`
  query RecordDetail($id: ID!, $purpose: PurposeOfUse) {
    record(id: $id, purpose: $purpose) {
      id
      fhirId
      resourceType
      display
      code
      codeSystem
      clinicalStatus
      effectiveAt
      valueQuantity
      valueUnit
      version
      lifecycle
      author
      resource
    }
    recordHistory(id: $id, purpose: $purpose) {
      version
      lifecycle
      author
      reason
      createdAt
      contentHash
    }
  }
`);

const VERIFY_RECORD = graphql(`
  query VerifyRecord($id: ID!) {
    verifyRecordIntegrity(id: $id) {
      ok
      firstBadVersion
      versions {
        version
        ok
        problem
        anchorTx
      }
    }
  }
`);

const short = (hex: string) => `${hex.slice(0, 10)}…`;

type Quantity = { value?: number; unit?: string };
/** An observation's first reference range, as "low–high unit" or its text. */
function referenceRange(resource: Record<string, unknown> | null | undefined): string | null {
  const range = (resource?.referenceRange as { low?: Quantity; high?: Quantity; text?: string }[] | undefined)?.[0];
  if (!range) return null;
  if (range.text) return range.text;
  const unit = range.low?.unit ?? range.high?.unit ?? "";
  return `${range.low?.value ?? "…"}–${range.high?.value ?? "…"} ${unit}`.trim();
}
/** An observation's interpretation (high, low, normal, ...), as its text or first coding's display or code. */
function interpretation(resource: Record<string, unknown> | null | undefined): string | null {
  const first = (resource?.interpretation as { text?: string; coding?: { display?: string; code?: string }[] }[] | undefined)?.[0];
  return first?.text ?? first?.coding?.[0]?.display ?? first?.coding?.[0]?.code ?? null;
}
const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString("en-CA") : "—");

export function RecordDetail({
  api,
  recordId,
  purpose,
  me,
  claimFor = null,
  onClose,
  onChanged,
}: {
  api: Api;
  recordId: string;
  purpose: PurposeOfUse | null;
  /** The signed-in account: the amend form shows when it wrote the record. */
  me: string;
  /** A doctor viewing this patient's chart: an encounter offers "claim for this encounter". */
  claimFor?: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const phone = useMediaQuery("(max-width: 48em)");
  const [data, setData] = useState<RecordDetailQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<VerifyRecordQuery["verifyRecordIntegrity"] | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await api.run(RECORD_DETAIL, { id: recordId, purpose }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, recordId, purpose]);
  useEffect(() => {
    void load();
  }, [load]);

  const check = async () => {
    setChecking(true);
    setCheckError(null);
    try {
      setReport((await api.run(VERIFY_RECORD, { id: recordId })).verifyRecordIntegrity);
    } catch (e) {
      setCheckError((e as Error).message);
    } finally {
      setChecking(false);
    }
  };

  const record = data?.record;
  const fields = record?.resource ? fromResource(record.resource) : null;
  const mine = record && record.author.toLowerCase() === me.toLowerCase() && record.lifecycle === "ACTIVE";
  const title = record ? `${record.resourceType}: ${record.display ?? record.code ?? record.id}` : "Record";

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={phone ? "100%" : "xl"}
      title={title}
      closeButtonProps={{ "aria-label": "Close the record" }}
    >
      <ErrorAlert message={error} title="The record did not load" />
      {!data && !error && <Loader size="sm" role="status" aria-label="Loading the record" />}
      {record && data && (
        <Stack gap="md">
          <dl className="facts">
            <dt>Date</dt>
            <dd>{when(record.effectiveAt)}</dd>
            {record.valueQuantity != null && (
              <>
                <dt>Value</dt>
                <dd>
                  {record.valueQuantity} {record.valueUnit ?? ""}
                </dd>
              </>
            )}
            {referenceRange(record.resource) && (
              <>
                <dt>Reference range</dt>
                <dd>{referenceRange(record.resource)}</dd>
              </>
            )}
            {interpretation(record.resource) && (
              <>
                <dt>Interpretation</dt>
                <dd>{interpretation(record.resource)}</dd>
              </>
            )}
            {record.clinicalStatus && (
              <>
                <dt>Status</dt>
                <dd>{record.clinicalStatus}</dd>
              </>
            )}
            <dt>Code</dt>
            <dd>
              {record.code ?? "—"}{" "}
              {record.codeSystem && (
                <Text span size="sm">
                  ({record.codeSystem})
                </Text>
              )}
            </dd>
            <dt>Author</dt>
            <dd>
              <code>{record.author}</code>
              {mine && " (you)"}
            </dd>
            <dt>Version</dt>
            <dd>
              {record.version} {record.lifecycle === "RETRACTED" && <Badge color="gray">retracted</Badge>}
            </dd>
          </dl>

          <section aria-label="Version history">
            <Text fw={700}>Version history</Text>
            <ScrollRegion label="Version history">
              <Table aria-label="Version history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Version</Table.Th>
                    <Table.Th>Saved</Table.Th>
                    <Table.Th>By</Table.Th>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>Content hash</Table.Th>
                    {report && <Table.Th>Integrity</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.recordHistory.map((v) => {
                    const checked = report?.versions.find((c) => c.version === v.version);
                    return (
                      <Table.Tr key={v.version}>
                        <Table.Td>
                          {v.version}
                          {v.lifecycle === "RETRACTED" && " (retraction)"}
                        </Table.Td>
                        <Table.Td>{when(v.createdAt)}</Table.Td>
                        <Table.Td>
                          <code>{short(v.author)}</code>
                        </Table.Td>
                        <Table.Td>{v.reason ?? (v.version === 1 ? "created" : "—")}</Table.Td>
                        <Table.Td>
                          <code>{short(v.contentHash)}</code>
                        </Table.Td>
                        {report && (
                          <Table.Td>
                            {checked?.ok ? (
                              <Badge color="teal">
                                {checked.anchorTx ? `intact, anchored in ${short(checked.anchorTx)}` : "intact, not anchored yet"}
                              </Badge>
                            ) : (
                              <Badge color="red">{checked?.problem ?? "not checked"}</Badge>
                            )}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </section>

          <Group>
            <Button variant="light" onClick={() => void check()} loading={checking}>
              Check this record's integrity
            </Button>
          </Group>
          {report && (
            <Alert color={report.ok ? "teal" : "red"} role="status" title={report.ok ? "Integrity verified" : "Integrity check failed"}>
              {report.ok
                ? `All ${report.versions.length} version(s) match their hash chain${
                    report.versions.every((v) => v.anchorTx)
                      ? " and their on-chain anchors"
                      : "; versions not anchored yet rest on the database alone"
                  }.`
                : `Version ${report.firstBadVersion} does not match: ${report.versions.find((v) => !v.ok)?.problem ?? ""}`}
            </Alert>
          )}
          <ErrorAlert message={checkError} />

          {mine && fields && (
            <RecordForm
              key={record.version}
              api={api}
              target={{ kind: "amend", recordId: record.id, base: record.resource ?? {}, fields }}
              onSaved={() => {
                setReport(null);
                void load();
                onChanged();
              }}
            />
          )}

          {claimFor && record.resourceType === "Encounter" && record.lifecycle === "ACTIVE" && (
            <ClaimFromEncounter api={api} patientId={claimFor} encounterFhirId={record.fhirId} />
          )}

          {record.resource && (
            <details>
              <summary>The FHIR resource</summary>
              <Code block>{JSON.stringify(record.resource, null, 2)}</Code>
            </details>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
