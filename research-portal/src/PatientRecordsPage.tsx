/**
 * The patient's own screen: their records, the requests waiting for an answer (granted with a
 * consent signed in the wallet, or declined), their consents (revocable, signed too), and who
 * accessed what and why: the access log, each entry ticked once its inclusion proof checks
 * against the root the chain holds for its batch.
 */
import { Alert, Badge, Button, Checkbox, Group, Loader, Paper, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { checkProofs, type ProofState } from "./anchors";
import { EmergencyAccesses } from "./EmergencyAccesses";
import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api, PortalConfig } from "./api";
import { graphql } from "./gql";
import type { MyAccessLogQuery, MyConsentsQuery } from "./gql/graphql";
import { RecordTimeline } from "./RecordTimeline";
import { signTyped, type Session } from "./session";
import type { TypedDataPayload } from "./wallet";

const ME = graphql(`
  query MyPatientId {
    me {
      patientId
    }
  }
`);

const MY_CONSENTS = graphql(`
  query MyConsents($patientId: ID!) {
    consents(patientId: $patientId) {
      id
      grantee
      resourceTypes
      recordIds
      purpose
      expiresAt
      state
      chainStatus
    }
    accessRequests {
      id
      requester
      resourceTypes
      recordIds
      purpose
      reason
      status
      createdAt
    }
  }
`);

const PREPARE_CONSENT = graphql(`
  mutation PrepareConsent($input: ConsentInput!) {
    prepareConsent(input: $input) {
      typedData
      nonce
    }
  }
`);

const GRANT_CONSENT = graphql(`
  mutation GrantConsent($input: ConsentInput!, $nonce: String!, $signature: String!) {
    grantConsent(input: $input, nonce: $nonce, signature: $signature) {
      id
      state
    }
  }
`);

const DECLINE = graphql(`
  mutation DeclineAccessRequest($id: ID!) {
    declineAccessRequest(id: $id) {
      id
      status
    }
  }
`);

const PREPARE_REVOCATION = graphql(`
  mutation PrepareRevocation($consentId: ID!) {
    prepareRevocation(consentId: $consentId) {
      typedData
      deadline
    }
  }
`);

const REVOKE = graphql(`
  mutation RevokeConsent($consentId: ID!, $deadline: SafeInt!, $signature: String!) {
    revokeConsent(consentId: $consentId, deadline: $deadline, signature: $signature) {
      id
      state
    }
  }
`);

const MY_ACCESS_LOG = graphql(`
  query MyAccessLog($first: Int!) {
    accessLog(first: $first) {
      edges {
        node {
          seq
          at
          actor
          action
          purpose
          decision
          reason
          entryHash
          anchor {
            batchIndex
            root
            proof
            txHash
          }
        }
      }
    }
  }
`);

type Consent = MyConsentsQuery["consents"][number];
type Request = MyConsentsQuery["accessRequests"][number];
type LogEntry = MyAccessLogQuery["accessLog"]["edges"][number]["node"];

const short = (address: string | null | undefined) => (address ? `${address.slice(0, 6)}…${address.slice(-4)}` : "not signed in");
const when = (iso: string) => new Date(iso).toLocaleString("en-CA", { dateStyle: "short", timeStyle: "short" });
const scopeOf = (c: { resourceTypes: string[]; recordIds: string[] }) =>
  [...c.resourceTypes, ...(c.recordIds.length ? [`${c.recordIds.length} record(s)`] : [])].join(", ");

export function PatientRecordsPage({ api, session, chain }: { api: Api; session: Session; chain?: PortalConfig["chain"] }) {
  const [patientId, setPatientId] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0); // bumped after every answer, so the access log reloads

  useEffect(() => {
    api
      .run(ME, {})
      .then(({ me }) => setPatientId(me.patientId ?? null))
      .catch((e: Error) => setError(e.message));
  }, [api]);

  if (error)
    return (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    );
  if (patientId === undefined) return <Loader size="sm" role="status" aria-label="Loading" />;
  if (patientId === null) return <Text>No records belong to this account yet: the hospital links them when it registers you.</Text>;
  const changed = () => setVersion((v) => v + 1);
  return (
    <Stack gap="lg">
      <Consents api={api} session={session} patientId={patientId} onChange={changed} />
      <RecordTimeline api={api} patientId={patientId} title="My records" me={session.address} />
      <EmergencyAccesses api={api} />
      <AccessLog key={`log-${version}`} api={api} chain={chain} />
    </Stack>
  );
}

function Consents({ api, session, patientId, onChange }: { api: Api; session: Session; patientId: string; onChange: () => void }) {
  const [data, setData] = useState<MyConsentsQuery | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [days, setDays] = useState<string>("30");
  /** The record types the patient keeps ticked per request (all of them unless narrowed). */
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const typesOf = (r: Request) => chosen[r.id] ?? r.resourceTypes;

  const load = useCallback(
    () =>
      api
        .run(MY_CONSENTS, { patientId })
        .then(setData)
        .catch((e: Error) => setMessage({ ok: false, text: e.message })),
    [api, patientId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (id: string, work: () => Promise<string>) => {
    setBusy(id);
    setMessage(null);
    try {
      const text = await work();
      await load();
      setConfirming(null);
      setMessage({ ok: true, text });
      onChange();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };

  const grant = (request: Request) =>
    act(request.id, async () => {
      // One input for both steps: its expiry is part of what the wallet signs.
      const input = {
        grantee: request.requester,
        resourceTypes: typesOf(request),
        recordIds: request.recordIds,
        purpose: request.purpose,
        expiresAt: new Date(Date.now() + Number(days) * 86_400_000).toISOString(),
        requestId: request.id,
      };
      const { prepareConsent } = await api.run(PREPARE_CONSENT, { input });
      const signature = await signTyped(session, prepareConsent.typedData as unknown as TypedDataPayload);
      await api.run(GRANT_CONSENT, { input, nonce: prepareConsent.nonce, signature });
      return `Consent granted to ${short(request.requester)} for ${days} days.`;
    });

  const decline = (request: Request) =>
    act(request.id, async () => {
      await api.run(DECLINE, { id: request.id });
      return `Request from ${short(request.requester)} declined.`;
    });

  const revoke = (consent: Consent) =>
    act(consent.id, async () => {
      const { prepareRevocation } = await api.run(PREPARE_REVOCATION, { consentId: consent.id });
      const signature = await signTyped(session, prepareRevocation.typedData as unknown as TypedDataPayload);
      await api.run(REVOKE, { consentId: consent.id, deadline: prepareRevocation.deadline, signature });
      return `Consent revoked: ${short(consent.grantee)} no longer sees these records.`;
    });

  const pending = data?.accessRequests.filter((r) => r.status === "PENDING") ?? [];
  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="requests-title">
        <Title order={2} id="requests-title">
          Requests for your records
        </Title>
        {!data && !message && <Loader size="sm" role="status" aria-label="Loading requests" />}
        {data && pending.length === 0 && <Text>No request waits for your answer.</Text>}
        {pending.length > 0 && (
          <>
            <Text size="sm">
              Untick the record types you do not want to share before granting; the consent covers only what stays ticked, for the purpose
              asked, until it expires or you revoke it.
            </Text>
            <Select
              label="A consent you grant lasts"
              value={days}
              onChange={(v) => v && setDays(v)}
              allowDeselect={false}
              w={220}
              data={[
                { value: "7", label: "7 days" },
                { value: "30", label: "30 days" },
                { value: "90", label: "90 days" },
                { value: "365", label: "a year" },
              ]}
            />
            <ScrollRegion label="Requests for your records">
              <Table aria-label="Requests for your records">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>From</Table.Th>
                    <Table.Th>Records</Table.Th>
                    <Table.Th>Purpose</Table.Th>
                    <Table.Th>Why</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {pending.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <code>{short(r.requester)}</code>
                      </Table.Td>
                      <Table.Td>
                        {r.resourceTypes.length > 1 ? (
                          <div role="group" aria-label={`Record types to share with ${short(r.requester)}`}>
                            <Checkbox.Group value={typesOf(r)} onChange={(types) => setChosen((c) => ({ ...c, [r.id]: types }))}>
                              <Group gap="xs">
                                {r.resourceTypes.map((t) => (
                                  <Checkbox key={t} value={t} label={t} size="xs" />
                                ))}
                              </Group>
                            </Checkbox.Group>
                          </div>
                        ) : (
                          scopeOf(r)
                        )}
                        {r.recordIds.length > 0 && r.resourceTypes.length > 1 && <Text size="xs">and {r.recordIds.length} record(s)</Text>}
                      </Table.Td>
                      <Table.Td>{r.purpose}</Table.Td>
                      <Table.Td>{r.reason}</Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            loading={busy === r.id}
                            disabled={typesOf(r).length === 0 && r.recordIds.length === 0}
                            onClick={() => void grant(r)}
                            aria-label={`Grant ${short(r.requester)} access`}
                          >
                            Grant
                          </Button>
                          <Button size="xs" variant="default" disabled={busy === r.id} onClick={() => void decline(r)}>
                            Decline
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="consents-title">
        <Title order={2} id="consents-title">
          My consents
        </Title>
        {message && (
          <Alert color={message.ok ? "teal" : "red"} role={message.ok ? "status" : "alert"} my="xs">
            {message.text}
          </Alert>
        )}
        {data && data.consents.length === 0 && <Text>You have granted no consent.</Text>}
        {data && data.consents.length > 0 && (
          <ScrollRegion label="My consents">
            <Table aria-label="My consents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Records</Table.Th>
                  <Table.Th>Purpose</Table.Th>
                  <Table.Th>Until</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.consents.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <code>{short(c.grantee)}</code>
                    </Table.Td>
                    <Table.Td>{scopeOf(c)}</Table.Td>
                    <Table.Td>{c.purpose}</Table.Td>
                    <Table.Td>{when(c.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={c.state === "ACTIVE" ? "teal" : "gray"}>{c.state.toLowerCase()}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {c.state === "ACTIVE" &&
                        (confirming === c.id ? (
                          <Group gap={4} wrap="nowrap" role="group" aria-label={`Confirm revoking the consent to ${short(c.grantee)}`}>
                            <Text size="sm">Revoke? Access ends at once.</Text>
                            <Button size="xs" color="red" loading={busy === c.id} onClick={() => void revoke(c)}>
                              Yes, revoke
                            </Button>
                            <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                              Keep it
                            </Button>
                          </Group>
                        ) : (
                          <Button
                            size="xs"
                            variant="outline"
                            color="red"
                            onClick={() => setConfirming(c.id)}
                            aria-label={`Revoke the consent to ${short(c.grantee)}`}
                          >
                            Revoke
                          </Button>
                        ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </Paper>
    </>
  );
}

const PROOF_LABEL: Record<ProofState, string> = {
  waiting: "waiting for the next anchoring",
  "on chain": "✓ proof checks against the root on chain",
  "proof only": "✓ proof checks against its root (no chain endpoint configured to check the root)",
  fails: "✗ proof does not check: report it",
};

function AccessLog({ api, chain }: { api: Api; chain?: PortalConfig["chain"] }) {
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [proofs, setProofs] = useState<Map<number, ProofState>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { accessLog } = await api.run(MY_ACCESS_LOG, { first: 100 });
      const nodes = accessLog.edges.map((e) => e.node);
      setEntries(nodes);
      setProofs(await checkProofs(nodes, chain));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, chain]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="log-title">
      <Group justify="space-between">
        <Title order={2} id="log-title">
          Who accessed what, and why
        </Title>
        <Button variant="subtle" size="xs" onClick={() => void load()}>
          Refresh
        </Button>
      </Group>
      <Text size="sm">
        Every attempt on your records, allowed or refused, newest first. Entries are anchored on chain in batches; a tick means this browser
        checked the entry's inclusion proof against the root the chain holds.
      </Text>
      <ErrorAlert message={error} />
      {!entries && !error && <Loader size="sm" role="status" aria-label="Loading the access log" />}
      {entries && (
        <ScrollRegion label="Access log">
          <Table aria-label="Access log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Purpose</Table.Th>
                <Table.Th>Decision</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Proof</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.seq} data-seq={e.seq}>
                  <Table.Td>{when(e.at)}</Table.Td>
                  <Table.Td>
                    <code>{short(e.actor)}</code>
                  </Table.Td>
                  <Table.Td>{e.action}</Table.Td>
                  <Table.Td>{e.purpose ?? ""}</Table.Td>
                  <Table.Td>
                    <Badge color={e.decision === "ALLOW" ? "teal" : "red"}>{e.decision.toLowerCase()}</Badge>
                  </Table.Td>
                  <Table.Td>{e.reason}</Table.Td>
                  <Table.Td>{PROOF_LABEL[proofs.get(e.seq) ?? "waiting"]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Paper>
  );
}
