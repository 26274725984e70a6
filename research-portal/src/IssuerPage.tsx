/** The hospital's issuer: patients waiting for a credential; issuing derives it from their records. */
import { Alert, Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import type { CredentialRequestsQuery } from "./gql/graphql";

const CREDENTIAL_REQUESTS = graphql(`
  query CredentialRequests {
    credentialRequests {
      patientId
      requestedAt
    }
  }
`);

const ISSUE_CREDENTIAL = graphql(`
  mutation IssueCredential($patientId: ID!) {
    issueCredential(patientId: $patientId)
  }
`);

export function IssuerPage({ api }: { api: Api }) {
  const [requests, setRequests] = useState<CredentialRequestsQuery["credentialRequests"] | null>(null);
  const [issued, setIssued] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    api.run(CREDENTIAL_REQUESTS, {}).then(
      (r) => setRequests(r.credentialRequests),
      (e: Error) => setError(e.message),
    );
  }, [api]);
  useEffect(reload, [reload]);
  const issue = async (patientId: string) => {
    setError(null);
    setBusy(patientId);
    try {
      await api.run(ISSUE_CREDENTIAL, { patientId });
      setIssued((list) => [...list, patientId]);
      reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="issuer-title">
      <Stack gap="sm">
        <Title order={2} id="issuer-title">
          Credential requests
        </Title>
        <Text>
          Issuing signs the patient's attributes as your records state them (birth date, sex, region, active conditions). The patient
          receives the credential; the patient's secret never reaches you.
        </Text>
        <ErrorAlert message={error} />
        {issued.length > 0 && (
          <Alert color="teal" role="status">
            Issued {issued.length} credential(s) in this session.
          </Alert>
        )}
        {requests?.length === 0 && <Text>No patient is waiting for a credential.</Text>}
        {!!requests?.length && (
          <ScrollRegion label="Credential requests">
            <Table aria-label="Credential requests" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Asked at</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.map((r) => (
                  <Table.Tr key={r.patientId}>
                    <Table.Td>
                      <code>{r.patientId}</code>
                    </Table.Td>
                    <Table.Td>{new Date(r.requestedAt).toLocaleString()}</Table.Td>
                    <Table.Td>
                      <Button size="xs" loading={busy === r.patientId} onClick={() => void issue(r.patientId)}>
                        Issue credential
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </Stack>
    </Paper>
  );
}
