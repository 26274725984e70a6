/**
 * The doctor's screen: their patients (myPatients), a patient's chart as a timeline (records,
 * newest first, a page at a time), asking a patient for access, and break-glass with its
 * countdown. Every read goes through the API's access decision and lands in the patient's log.
 */
import { Alert, Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import type { MyPatientsQuery, PurposeOfUse } from "./gql/graphql";
import { RecordTimeline } from "./RecordTimeline";

const MY_PATIENTS = graphql(`
  query MyPatients($first: Int!, $after: String) {
    myPatients(first: $first, after: $after) {
      edges {
        node {
          id
          name
          birthDate
          gender
          authored
          consentUntil
          breakGlassUntil
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const REQUEST_ACCESS = graphql(`
  mutation RequestAccess($input: AccessRequestInput!) {
    requestAccess(input: $input) {
      id
      status
    }
  }
`);

const BREAK_GLASS = graphql(`
  mutation BreakGlass($patientId: ID!, $reason: String!) {
    breakGlass(patientId: $patientId, reason: $reason) {
      id
      expiresAt
    }
  }
`);

type CarePatient = MyPatientsQuery["myPatients"]["edges"][number]["node"];
const day = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString("en-CA") : "—");
const shortId = (id: string) => id.slice(0, 8);
const who = (p: CarePatient) => p.name ?? `Patient ${shortId(p.id)}`;

export function DoctorPage({ api, me }: { api: Api; me: string }) {
  const [patients, setPatients] = useState<CarePatient[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<CarePatient | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      try {
        const { myPatients } = await api.run(MY_PATIENTS, { first: 50, after });
        const page = myPatients.edges.map((e) => e.node);
        setPatients((previous) => (after ? [...(previous ?? []), ...page] : page));
        setNext(myPatients.pageInfo.hasNextPage ? myPatients.pageInfo.endCursor : null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [api],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <Stack gap="lg">
      <section aria-labelledby="my-patients">
        <Title order={2} id="my-patients">
          My patients
        </Title>
        <Text size="sm">
          Patients whose records you wrote, who granted you a consent in force, or whose glass you broke. A name shows only when you may
          read the patient's Patient record; that read is in their access log.
        </Text>
        <ErrorAlert message={error} title="The patient list did not load" />
        {!patients && !error && <Loader size="sm" role="status" aria-label="Loading your patients" />}
        {patients && patients.length === 0 && <Text>No patient yet: import one, or ask a patient for access below.</Text>}
        {patients && patients.length > 0 && (
          <ScrollRegion label="My patients">
            <Table striped aria-label="My patients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Born</Table.Th>
                  <Table.Th>Why you may see them</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {patients.map((p) => (
                  <Table.Tr key={p.id} aria-current={open?.id === p.id ? "true" : undefined}>
                    <Table.Td>
                      {who(p)} <code>{shortId(p.id)}</code>
                    </Table.Td>
                    <Table.Td>{p.birthDate ?? "—"}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {p.authored && <Badge>you wrote records</Badge>}
                        {p.consentUntil && <Badge color="teal">consent until {day(p.consentUntil)}</Badge>}
                        {p.breakGlassUntil && (
                          <Badge color="red">break-glass until {new Date(p.breakGlassUntil).toLocaleTimeString()}</Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Button size="xs" onClick={() => setOpen(p)} aria-label={`Open chart of ${who(p)}`}>
                        Open chart
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
            More patients
          </Button>
        )}
      </section>
      {open && (
        <RecordTimeline
          key={open.id}
          api={api}
          patientId={open.id}
          title={`Chart of ${who(open)}`}
          me={me}
          purpose={!open.authored && !open.consentUntil && open.breakGlassUntil ? "ETREAT" : "TREAT"}
        />
      )}
      <RequestAccess api={api} />
      <BreakGlass api={api} onOpened={() => void load(null)} />
    </Stack>
  );
}

function RequestAccess({ api }: { api: Api }) {
  const [patientId, setPatientId] = useState("");
  const [types, setTypes] = useState("Condition, Observation");
  const [reason, setReason] = useState("");
  const [purpose, setPurpose] = useState<PurposeOfUse>("TREAT");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async () => {
    setResult(null);
    try {
      await api.run(REQUEST_ACCESS, {
        input: {
          patientId: patientId.trim(),
          resourceTypes: types
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean),
          purpose,
          reason,
        },
      });
      setResult({ ok: true, text: "Request sent: the patient sees it and may grant a consent." });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <Paper withBorder p="md" component="form" aria-label="Ask a patient for access" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Title order={2}>Ask a patient for access</Title>
      <Stack gap="xs">
        <TextInput label="Patient id" value={patientId} onChange={(e) => setPatientId(e.currentTarget.value)} required />
        <TextInput
          label="Record types (comma-separated FHIR types)"
          value={types}
          onChange={(e) => setTypes(e.currentTarget.value)}
          required
        />
        <Select
          label="Purpose of use"
          value={purpose}
          onChange={(v) => v && setPurpose(v as PurposeOfUse)}
          data={[
            { value: "TREAT", label: "Treatment" },
            { value: "HOPERAT", label: "Healthcare operations" },
            { value: "PUBHLTH", label: "Public health" },
          ]}
          allowDeselect={false}
        />
        <Textarea label="Why you need access" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required minLength={5} />
        <Group>
          <Button type="submit">Send the request</Button>
        </Group>
        {result && (
          <Alert color={result.ok ? "teal" : "red"} role={result.ok ? "status" : "alert"}>
            {result.text}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function BreakGlass({ api, onOpened }: { api: Api; onOpened: () => void }) {
  const [patientId, setPatientId] = useState("");
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState<Date | null>(null);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);

  const submit = async () => {
    setError(null);
    try {
      const { breakGlass } = await api.run(BREAK_GLASS, { patientId: patientId.trim(), reason });
      setUntil(new Date(breakGlass.expiresAt));
      onOpened();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const left = until ? Math.max(0, Math.round((until.getTime() - now) / 1000)) : 0;

  return (
    <Paper withBorder p="md" component="form" aria-label="Break the glass" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Title order={2}>Break the glass</Title>
      <Text size="sm">
        In an emergency, open a patient's emergency profile (allergies, conditions, medications, immunizations) for emergency treatment, for
        a limited time. It is recorded on chain and the patient sees it with your reason.
      </Text>
      <Stack gap="xs">
        <TextInput label="Patient id" value={patientId} onChange={(e) => setPatientId(e.currentTarget.value)} required />
        <Textarea
          label="Reason (shown to the patient, at least 10 characters)"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          minLength={10}
        />
        <Group>
          <Button type="submit" color="red">
            Break the glass
          </Button>
        </Group>
        {until && (
          <Alert color="orange" role="status">
            {left > 0
              ? `Emergency access open for ${Math.floor(left / 60)} min ${left % 60} s more (until ${until.toLocaleTimeString()}).`
              : "Emergency access has ended."}
          </Alert>
        )}
        <ErrorAlert message={error} />
      </Stack>
    </Paper>
  );
}
