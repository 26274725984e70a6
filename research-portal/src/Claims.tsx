/**
 * Insurance claims in the portal: the doctor's "submit a claim for this encounter" (in the
 * record detail), the insurer's screen (review queue, policies, every claim) and the patient's
 * claims with their explanation of benefit and the records each claim disclosed.
 */
import { Alert, Badge, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { ErrorAlert } from "./ErrorAlert";
import { ScrollRegion } from "./ScrollRegion";
import type { Api } from "./api";
import { download } from "./download";
import { graphql } from "./gql";
import type { ClaimFieldsFragment, ClaimStatus, PoliciesQuery } from "./gql/graphql";

/** The fields every claim view shows (a fragment the queries below spread). */
export const CLAIM_FIELDS = graphql(`
  fragment ClaimFields on Claim {
    id
    patientId
    policyId
    use
    status
    reason
    reasonText
    billed
    planPays
    patientShare
    currency
    createdAt
    txHash
    chainStatus
    decisionNote
    decisionStatus
    items {
      code
      display
      serviceDate
      amount
    }
    evidence {
      recordId
      resourceType
      version
      where
      intact
    }
    explanationOfBenefit
  }
`);

const CLAIMS = graphql(`
  query Claims($filter: ClaimFilterInput, $first: Int!, $after: String) {
    claims(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          ...ClaimFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const COVERAGE_AND_CLAIM_RECORDS = graphql(`
  query ClaimInputs($patientId: ID!) {
    coverage(patientId: $patientId) {
      id
      policyId
      start
      end
    }
    records(patientId: $patientId, purpose: TREAT, first: 500, filter: { resourceTypes: ["Claim"] }) {
      edges {
        node {
          id
          resource
        }
      }
    }
  }
`);

const SUBMIT_CLAIM = graphql(`
  mutation SubmitClaim($input: SubmitClaimInput!) {
    submitClaim(input: $input) {
      ...ClaimFields
    }
  }
`);

const REVIEW_CLAIM = graphql(`
  mutation ReviewClaim($input: ReviewClaimInput!) {
    reviewClaim(input: $input) {
      ...ClaimFields
    }
  }
`);

const POLICIES = graphql(`
  query Policies {
    policies {
      id
      version
      name
      chainStatus
      txHash
      rules {
        code
        display
        covered
        priorAuthRequired
        requiredRecordTypes
        periodDays
        maxPerClaim
        maxPerPeriod
        copay
        coinsurancePercent
      }
    }
  }
`);

const PUBLISH_POLICY = graphql(`
  mutation PublishPolicy($input: PolicyInput!) {
    publishPolicy(input: $input) {
      id
      version
      chainStatus
    }
  }
`);

const ASK_FOR_RECORDS = graphql(`
  mutation AskForClaimRecords($input: AccessRequestInput!) {
    requestAccess(input: $input) {
      id
    }
  }
`);

const RECORD_FOR_PAYMENT = graphql(`
  query RecordForPayment($id: ID!) {
    record(id: $id, purpose: HPAYMT) {
      id
      resourceType
      display
      effectiveAt
    }
  }
`);

const COVERAGE_REQUESTS = graphql(`
  query CoverageRequests {
    coverageRequests {
      id
      patientId
      policyId
      start
      end
      createdAt
    }
  }
`);

const ACCEPT_COVERAGE = graphql(`
  mutation AcceptCoverage($id: ID!) {
    acceptCoverage(id: $id) {
      id
      state
      chainStatus
    }
  }
`);

const MY_COVERAGE = graphql(`
  query MyCoverage($patientId: ID!) {
    coverage(patientId: $patientId) {
      id
      policyId
      start
      end
      state
      chainStatus
    }
  }
`);

const REGISTER_COVERAGE = graphql(`
  mutation RegisterCoverage($patientId: ID!, $coverage: JSONObject!) {
    registerCoverage(patientId: $patientId, coverage: $coverage) {
      id
      state
    }
  }
`);

const CLAIMS_PATIENT = graphql(`
  query ClaimsPatient {
    me {
      patientId
    }
  }
`);

type Claim = ClaimFieldsFragment;
type Json = Record<string, unknown>;

export const money = (cents: number, currency = "USD") =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);

const STATUS_COLOR: Record<ClaimStatus, string> = { APPROVED: "teal", REJECTED: "red", REVIEW: "indigo", SUBMITTED: "gray" };

export function ClaimStatusBadge({ claim }: { claim: Pick<Claim, "status" | "reason"> }) {
  return (
    <Badge color={STATUS_COLOR[claim.status]}>
      {claim.status === "REJECTED" || claim.status === "REVIEW"
        ? `${claim.status.toLowerCase()}: ${claim.reason}`
        : claim.status.toLowerCase()}
    </Badge>
  );
}

/** What the claim says it cost and who pays what; the patient's share is only known once it is decided. */
function Amounts({ claim }: { claim: Claim }) {
  return (
    <dl className="facts">
      <dt>Billed</dt>
      <dd>{money(claim.billed, claim.currency)}</dd>
      {claim.status === "APPROVED" && (
        <>
          <dt>Plan pays</dt>
          <dd>{money(claim.planPays, claim.currency)}</dd>
          <dt>Patient owes</dt>
          <dd>{money(claim.patientShare, claim.currency)}</dd>
        </>
      )}
    </dl>
  );
}

type Bill = { item?: { encounter?: { reference?: string }[]; net?: { value?: number }; unitPrice?: { value?: number } }[] };

/**
 * The Claim resource in the chart that bills this encounter (Synthea bills every encounter, and
 * its medications separately, without prices): the one with the most priced items.
 */
function claimForEncounter(records: { resource?: Json | null }[], encounterFhirId: string): Json | null {
  const refs = new Set([`urn:uuid:${encounterFhirId}`, `Encounter/${encounterFhirId}`]);
  const priced = (bill: Bill) =>
    (bill.item ?? []).filter((item) => item.net?.value !== undefined || item.unitPrice?.value !== undefined).length;
  const bills = records
    .map((r) => r.resource)
    .filter((resource): resource is Json => !!resource)
    .filter((resource) => ((resource as Bill).item ?? []).some((item) => item.encounter?.some((e) => refs.has(e.reference ?? ""))))
    .filter((resource) => priced(resource as Bill) > 0)
    .sort((a, b) => priced(b as Bill) - priced(a as Bill));
  return bills[0] ?? null;
}

/** The doctor's action in an Encounter's detail: the chart's claim for it, a coverage, and the chain's answer. */
export function ClaimFromEncounter({ api, patientId, encounterFhirId }: { api: Api; patientId: string; encounterFhirId: string }) {
  const [coverages, setCoverages] = useState<{ id: string; policyId: string; start: string; end: string }[] | null>(null);
  const [draft, setDraft] = useState<Json | null>(null);
  const [coverageId, setCoverageId] = useState<string>("");
  const [result, setResult] = useState<Claim | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.run(COVERAGE_AND_CLAIM_RECORDS, { patientId }).then(
      (r) => {
        setCoverages(r.coverage);
        setCoverageId(r.coverage[0]?.id ?? "");
        setDraft(
          claimForEncounter(
            r.records.edges.map((e) => ({ resource: e.node.resource as Json | null })),
            encounterFhirId,
          ),
        );
      },
      (e: Error) => setError(e.message),
    );
  }, [api, patientId, encounterFhirId]);
  const submit = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      setResult((await api.run(SUBMIT_CLAIM, { input: { patientId, coverageId, claim: draft } })).submitClaim);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const priced = ((draft?.item as { net?: { value: number }; productOrService?: { text?: string } }[] | undefined) ?? []).filter(
    (i) => i.net,
  );
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="claim-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="claim-title">
          Claim for this encounter
        </Title>
        {coverages === null && !error && <Text c="dimmed">Looking for the patient's coverage and the encounter's bill…</Text>}
        {coverages?.length === 0 && <Text>The patient has no registered coverage: their insurer or they register one first.</Text>}
        {coverages && coverages.length > 0 && !draft && <Text>The chart holds no priced bill for this encounter.</Text>}
        {coverages && coverages.length > 0 && draft && !result && (
          <>
            <Text size="sm">
              The chart's bill for this encounter: {priced.map((i) => i.productOrService?.text ?? "item").join(", ")} —{" "}
              {money(Math.round(priced.reduce((sum, i) => sum + (i.net?.value ?? 0), 0) * 100))}. The claim cites the records it names; the
              chain checks each one against its anchored hash.
            </Text>
            <NativeSelect
              label="Coverage"
              value={coverageId}
              onChange={(e) => setCoverageId(e.currentTarget.value)}
              data={coverages.map((c) => ({ value: c.id, label: `${c.policyId} (${c.start} to ${c.end})` }))}
            />
            <Group>
              <Button onClick={() => void submit()} loading={busy}>
                Submit claim
              </Button>
            </Group>
          </>
        )}
        {result && (
          <Alert color={STATUS_COLOR[result.status]} role="status" title="The chain adjudicated the claim">
            <Stack gap={4}>
              <ClaimStatusBadge claim={result} />
              <Text size="sm">{result.reasonText}</Text>
              <Amounts claim={result} />
            </Stack>
          </Alert>
        )}
        <ErrorAlert message={error} title="The claim was not submitted" />
      </Stack>
    </Paper>
  );
}

function ClaimsTable({ claims, label, actions }: { claims: Claim[]; label: string; actions?: (claim: Claim) => React.ReactNode }) {
  return (
    <ScrollRegion label={label}>
      <Table aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Submitted</Table.Th>
            <Table.Th>Items</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Billed</Table.Th>
            <Table.Th>Plan pays</Table.Th>
            <Table.Th>Patient owes</Table.Th>
            <Table.Th>Records disclosed</Table.Th>
            {actions && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claims.map((claim) => (
            <Table.Tr key={claim.id}>
              <Table.Td>{new Date(claim.createdAt).toLocaleDateString("en-CA")}</Table.Td>
              <Table.Td>
                {claim.items.map((i) => `${i.display ?? i.code} (${i.serviceDate})`).join("; ")}
                {claim.use === "PREAUTHORIZATION" && " — prior authorisation"}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <ClaimStatusBadge claim={claim} />
              </Table.Td>
              <Table.Td>{money(claim.billed, claim.currency)}</Table.Td>
              <Table.Td>{claim.status === "APPROVED" ? money(claim.planPays, claim.currency) : "—"}</Table.Td>
              <Table.Td>{claim.status === "APPROVED" ? money(claim.patientShare, claim.currency) : "—"}</Table.Td>
              <Table.Td>
                {claim.evidence.map((e) => `${e.resourceType} v${e.version}${e.intact ? "" : " (altered)"}`).join(", ") || "none"}
              </Table.Td>
              {actions && <Table.Td>{actions(claim)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

function useClaims(api: Api, status: ClaimStatus | null) {
  const [claims, setClaims] = useState<Claim[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    (after: string | null) => {
      api.run(CLAIMS, { filter: status ? { status } : null, first: 25, after }).then(
        (r) => {
          const page = r.claims.edges.map((e) => e.node as Claim);
          setClaims((list) => (after ? [...(list ?? []), ...page] : page));
          setTotal(r.claims.totalCount);
          setNext(r.claims.pageInfo.hasNextPage ? r.claims.pageInfo.endCursor : null);
        },
        (e: Error) => setError(e.message),
      );
    },
    [api, status],
  );
  useEffect(() => load(null), [load]);
  return { claims, total, next, error, load };
}

/** The patient's coverages, and registering one (the insurer accepts it before claims may use it). */
function MyCoverage({ api, patientId }: { api: Api; patientId: string }) {
  const [coverages, setCoverages] = useState<{ id: string; policyId: string; start: string; end: string; state: string }[] | null>(null);
  const [plan, setPlan] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.run(MY_COVERAGE, { patientId }).then(
      (r) => setCoverages(r.coverage),
      (e: Error) => setError(e.message),
    );
  }, [api, patientId]);
  useEffect(load, [load]);
  const register = async () => {
    setError(null);
    try {
      await api.run(REGISTER_COVERAGE, {
        patientId,
        coverage: {
          resourceType: "Coverage",
          status: "active",
          beneficiary: { reference: `Patient/${patientId}` },
          // FHIR requires a payor: the insurer of the plan, which accepts (or not) the registration.
          payor: [{ display: `The insurer of plan ${plan}` }],
          period: { start, end },
          class: [{ type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/coverage-class", code: "plan" }] }, value: plan }],
        },
      });
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        My coverage
      </Title>
      {coverages?.length === 0 && <Text size="sm">No coverage is registered for you.</Text>}
      {coverages?.map((c) => (
        <Text size="sm" key={c.id}>
          Plan {c.policyId}, {c.start} to {c.end}: {c.state === "ACTIVE" ? "in force" : "waiting for the insurer to accept it"}
        </Text>
      ))}
      <Group align="end">
        <Textarea label="Plan (policy id)" value={plan} onChange={(e) => setPlan(e.currentTarget.value)} autosize minRows={1} w={180} />
        <Textarea label="From (YYYY-MM-DD)" value={start} onChange={(e) => setStart(e.currentTarget.value)} autosize minRows={1} w={160} />
        <Textarea label="Until (YYYY-MM-DD)" value={end} onChange={(e) => setEnd(e.currentTarget.value)} autosize minRows={1} w={160} />
        <Button variant="light" onClick={() => void register()} disabled={!plan || !start || !end}>
          Register coverage
        </Button>
      </Group>
      <ErrorAlert message={error} title="The coverage was not registered" />
    </Stack>
  );
}

/** The patient's claims: what was billed, what the plan paid, what they owe, and which records each claim disclosed. */
export function PatientClaimsPage({ api }: { api: Api }) {
  const { claims, total, next, error, load } = useClaims(api, null);
  const [patientId, setPatientId] = useState<string | null>(null);
  useEffect(() => {
    api.run(CLAIMS_PATIENT, {}).then(
      (r) => setPatientId(r.me.patientId ?? null),
      () => setPatientId(null),
    );
  }, [api]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="my-claims-title">
      <Stack gap="sm">
        <Title order={2} id="my-claims-title">
          My claims
        </Title>
        <Text>
          Claims your doctors sent to your insurer. Each cites some of your records: the chain receives only their hashes; your insurer
          reads their content only if you grant it consent for payment.
        </Text>
        <ErrorAlert message={error} />
        {claims?.length === 0 && <Text>No claim has been submitted for you.</Text>}
        {claims && claims.length > 0 && (
          <>
            <Text size="sm">{total} claim(s)</Text>
            <ClaimsTable
              claims={claims}
              label="My claims"
              actions={(claim) => (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() =>
                    download(
                      `claim-${claim.id.slice(2, 10)}-explanation-of-benefit.json`,
                      JSON.stringify(claim.explanationOfBenefit, null, 2),
                      "application/fhir+json",
                    )
                  }
                >
                  Explanation of benefit
                </Button>
              )}
            />
          </>
        )}
        {next && (
          <Button variant="subtle" onClick={() => load(next)}>
            Older claims
          </Button>
        )}
        {patientId && <MyCoverage api={api} patientId={patientId} />}
      </Stack>
    </Paper>
  );
}

/** Coverages patients registered under the insurer's policies: accepting puts them on chain. */
function CoverageRequests({ api }: { api: Api }) {
  const [requests, setRequests] = useState<{ id: string; patientId: string; policyId: string; start: string; end: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.run(COVERAGE_REQUESTS, {}).then(
      (r) => setRequests(r.coverageRequests),
      (e: Error) => setError(e.message),
    );
  }, [api]);
  useEffect(load, [load]);
  const accept = async (id: string) => {
    setError(null);
    try {
      await api.run(ACCEPT_COVERAGE, { id });
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!requests?.length && !error) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="coverage-requests-title">
      <Stack gap="sm">
        <Title order={2} id="coverage-requests-title">
          Coverages to accept
        </Title>
        <ErrorAlert message={error} />
        {requests?.map((c) => (
          <Group key={c.id}>
            <Text size="sm">
              Patient <code>{c.patientId.slice(0, 8)}</code>, plan {c.policyId}, {c.start} to {c.end}
            </Text>
            <Button size="xs" onClick={() => void accept(c.id)}>
              Accept
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** One claim in review: what it bills and cites, and the insurer's decision with a note. */
function ReviewCard({ api, claim, onDecided }: { api: Api; claim: Claim; onDecided: () => void }) {
  const [planPays, setPlanPays] = useState<number | string>(claim.planPays / 100);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState<"approve" | "reject" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decide = async (approve: boolean) => {
    setBusy(approve ? "approve" : "reject");
    setError(null);
    try {
      await api.run(REVIEW_CLAIM, {
        input: { claimId: claim.id, approve, planPays: approve ? Math.round(Number(planPays) * 100) : null, note: note.trim() || null },
      });
      onDecided();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Claim ${claim.id.slice(0, 10)}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{claim.items.map((i) => i.display ?? i.code).join("; ")}</Text>
          <ClaimStatusBadge claim={claim} />
        </Group>
        <Text size="sm">
          {claim.reasonText}. Billed {money(claim.billed, claim.currency)} under policy {claim.policyId}; cites{" "}
          {claim.evidence.map((e) => `${e.resourceType} v${e.version}`).join(", ") || "no record"}.
        </Text>
        <Group align="end">
          <NumberInput
            label="Plan pays (USD)"
            min={0}
            max={claim.billed / 100}
            decimalScale={2}
            value={planPays}
            onChange={setPlanPays}
            w={180}
          />
          <Textarea
            label="Note (required to reject)"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={1}
            w={320}
          />
        </Group>
        <Group>
          <Button color="teal" loading={busy === "approve"} onClick={() => void decide(true)}>
            Approve
          </Button>
          <Button color="red" variant="light" loading={busy === "reject"} onClick={() => void decide(false)}>
            Reject
          </Button>
        </Group>
        <ErrorAlert message={error} title="The decision was not recorded" />
      </Stack>
    </Paper>
  );
}

/**
 * The insurer's view of a claim's evidence: the cited records' content only under the patient's
 * payment consent (HPAYMT), which the insurer asks for here and the patient grants in their wallet.
 */
function CitedRecords({ api, claim }: { api: Api; claim: Claim }) {
  const [asked, setAsked] = useState(false);
  const [read, setRead] = useState<{ recordId: string; text: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (claim.evidence.length === 0) return null;
  const ask = async () => {
    setError(null);
    try {
      await api.run(ASK_FOR_RECORDS, {
        input: {
          patientId: claim.patientId,
          recordIds: claim.evidence.map((e) => e.recordId),
          resourceTypes: [],
          purpose: "HPAYMT",
          reason: `Payment of claim ${claim.id.slice(0, 10)}`,
        },
      });
      setAsked(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const open = async () => {
    setError(null);
    const shown = await Promise.all(
      claim.evidence.map(async (e) => {
        try {
          const { record } = await api.run(RECORD_FOR_PAYMENT, { id: e.recordId });
          const day = record.effectiveAt ? new Date(record.effectiveAt).toLocaleDateString("en-CA") : "";
          return { recordId: e.recordId, text: `${record.resourceType}: ${record.display ?? "—"} ${day}`.trim() };
        } catch {
          return { recordId: e.recordId, text: `${e.resourceType}: not shared with you (ask the patient)` };
        }
      }),
    );
    setRead(shown);
  };
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button size="compact-xs" variant="light" onClick={() => void open()}>
          Read cited records
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => void ask()} disabled={asked}>
          {asked ? "Asked the patient" : "Ask the patient for them"}
        </Button>
      </Group>
      {read && (
        <ul aria-label={`Cited records of claim ${claim.id.slice(0, 10)}`}>
          {read.map((r) => (
            <li key={r.recordId}>{r.text}</li>
          ))}
        </ul>
      )}
      <ErrorAlert message={error} />
    </Stack>
  );
}

const POLICY_TEMPLATE = JSON.stringify(
  [
    {
      code: "288086009",
      display: "Suture open wound",
      requiredRecordTypes: ["Procedure", "Encounter"],
      maxPerClaim: 1500000,
      copay: 5000,
      coinsurancePercent: 20,
    },
  ],
  null,
  2,
);

/** The insurer's screen: claims waiting for review, every claim on their policies, and their policies. */
export function InsurerPage({ api }: { api: Api }) {
  const queue = useClaims(api, "REVIEW");
  const all = useClaims(api, null);
  const [policies, setPolicies] = useState<PoliciesQuery["policies"] | null>(null);
  const [policyId, setPolicyId] = useState("");
  const [policyName, setPolicyName] = useState("");
  const [rules, setRules] = useState(POLICY_TEMPLATE);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadPolicies = useCallback(() => {
    api.run(POLICIES, {}).then(
      (r) => setPolicies(r.policies),
      (e: Error) => setError(e.message),
    );
  }, [api]);
  useEffect(loadPolicies, [loadPolicies]);
  const publish = async () => {
    setError(null);
    setPublished(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(rules);
    } catch {
      setError("The rules are not valid JSON: nothing was published.");
      return;
    }
    setPublishing(true);
    try {
      const p = (await api.run(PUBLISH_POLICY, { input: { policyId, name: policyName, rules: parsed as never } })).publishPolicy;
      setPublished(`Policy ${p.id} version ${p.version} is ${p.chainStatus.toLowerCase()}.`);
      loadPolicies();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPublishing(false);
    }
  };
  const decided = () => {
    queue.load(null);
    all.load(null);
  };
  return (
    <Stack>
      <CoverageRequests api={api} />
      <Paper withBorder p="md" component="section" aria-labelledby="review-title">
        <Stack gap="sm">
          <Title order={2} id="review-title">
            Claims to review
          </Title>
          <Text>Claims the policy's rules did not decide (a code the policy does not list). Your decision is recorded on chain.</Text>
          <ErrorAlert message={queue.error} />
          {queue.claims?.length === 0 && <Text>No claim waits for review.</Text>}
          {queue.claims?.map((claim) => (
            <ReviewCard key={claim.id} api={api} claim={claim} onDecided={decided} />
          ))}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="all-claims-title">
        <Stack gap="sm">
          <Title order={2} id="all-claims-title">
            All claims on your policies
          </Title>
          <ErrorAlert message={all.error} />
          {all.claims?.length === 0 && <Text>No claim yet.</Text>}
          {all.claims && all.claims.length > 0 && (
            <ClaimsTable claims={all.claims} label="All claims" actions={(claim) => <CitedRecords api={api} claim={claim} />} />
          )}
          {all.next && (
            <Button variant="subtle" onClick={() => all.load(all.next)}>
              Older claims
            </Button>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="policies-title">
        <Stack gap="sm">
          <Title order={2} id="policies-title">
            Your policies
          </Title>
          {policies?.length === 0 && <Text>You have published no policy yet.</Text>}
          {policies?.map((policy) => (
            <Stack key={policy.id} gap={4}>
              <Text fw={600}>
                {policy.name} ({policy.id}, version {policy.version}, {policy.chainStatus.toLowerCase()})
              </Text>
              <ScrollRegion label={`Rules of ${policy.id}`}>
                <Table aria-label={`Rules of ${policy.id}`} striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Code</Table.Th>
                      <Table.Th>Covered</Table.Th>
                      <Table.Th>Prior authorisation</Table.Th>
                      <Table.Th>Records required</Table.Th>
                      <Table.Th>Limit per claim</Table.Th>
                      <Table.Th>Patient share</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {policy.rules.map((rule) => (
                      <Table.Tr key={rule.code}>
                        <Table.Td>
                          {rule.code} {rule.display ? `(${rule.display})` : ""}
                        </Table.Td>
                        <Table.Td>{rule.covered ? "yes" : "no"}</Table.Td>
                        <Table.Td>{rule.priorAuthRequired ? "required" : "—"}</Table.Td>
                        <Table.Td>{rule.requiredRecordTypes.join(", ") || "—"}</Table.Td>
                        <Table.Td>{rule.maxPerClaim ? money(rule.maxPerClaim) : "no limit"}</Table.Td>
                        <Table.Td>
                          {money(rule.copay)} + {rule.coinsurancePercent} %
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            </Stack>
          ))}
          <Title order={3} size="h5">
            Publish a policy (or a new version of one)
          </Title>
          <Group align="end">
            <NativeSelect
              label="Policy"
              value={policyId}
              onChange={(e) => {
                const chosen = policies?.find((p) => p.id === e.currentTarget.value);
                setPolicyId(e.currentTarget.value);
                if (chosen) {
                  setPolicyName(chosen.name);
                  setRules(JSON.stringify(chosen.rules, null, 2));
                }
              }}
              data={[{ value: "", label: "A new policy" }, ...(policies ?? []).map((p) => ({ value: p.id, label: p.id }))]}
            />
          </Group>
          <Group grow>
            <Textarea label="Policy id" value={policyId} onChange={(e) => setPolicyId(e.currentTarget.value)} autosize minRows={1} />
            <Textarea label="Name" value={policyName} onChange={(e) => setPolicyName(e.currentTarget.value)} autosize minRows={1} />
          </Group>
          <Textarea
            label="Rules (JSON: code, covered, priorAuthRequired, requiredRecordTypes, periodDays, maxPerClaim, maxPerPeriod, copay in cents; coinsurancePercent)"
            value={rules}
            onChange={(e) => setRules(e.currentTarget.value)}
            autosize
            minRows={6}
            styles={{ input: { fontFamily: "monospace" } }}
          />
          <Group>
            <Button onClick={() => void publish()} loading={publishing}>
              Publish on chain
            </Button>
          </Group>
          {published && (
            <Alert color="teal" role="status">
              {published}
            </Alert>
          )}
          <ErrorAlert message={error} title="The policy was not published" />
        </Stack>
      </Paper>
    </Stack>
  );
}
