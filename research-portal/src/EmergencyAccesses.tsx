/**
 * The patient's view of break-glass: which doctor opened their emergency profile, when, for how
 * long and with what reason, and the transaction that recorded it on chain.
 */
import { Badge, Paper, Table, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import type { MyEmergencyAccessesQuery } from "./gql/graphql";

const MY_EMERGENCY_ACCESSES = graphql(`
  query MyEmergencyAccesses {
    emergencyAccesses {
      id
      doctor
      reason
      at
      expiresAt
      active
      txHash
      chainStatus
    }
  }
`);

const short = (hex: string) => `${hex.slice(0, 6)}…${hex.slice(-4)}`;
const when = (iso: string) => new Date(iso).toLocaleString("en-CA", { dateStyle: "short", timeStyle: "short" });

export function EmergencyAccesses({ api }: { api: Api }) {
  const [rows, setRows] = useState<MyEmergencyAccessesQuery["emergencyAccesses"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .run(MY_EMERGENCY_ACCESSES, {})
      .then((d) => setRows(d.emergencyAccesses))
      .catch((e: Error) => setError(e.message));
  }, [api]);

  if (!error && (!rows || rows.length === 0)) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="emergency-title">
      <Title order={2} id="emergency-title">
        Emergency access (break-glass)
      </Title>
      <Text size="sm">
        A doctor may open your emergency profile (allergies, conditions, medications, immunizations) without your consent, for a limited
        time, with a reason. Each time is recorded on chain; their reads are in the access log below.
      </Text>
      <ErrorAlert message={error} />
      {rows && rows.length > 0 && (
        <ScrollRegion label="Emergency accesses">
          <Table aria-label="Emergency accesses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Doctor</Table.Th>
                <Table.Th>Reason they gave</Table.Th>
                <Table.Th>Until</Table.Th>
                <Table.Th>On chain</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>{when(g.at)}</Table.Td>
                  <Table.Td>
                    <code>{short(g.doctor)}</code>
                  </Table.Td>
                  <Table.Td>{g.reason}</Table.Td>
                  <Table.Td>
                    {when(g.expiresAt)} {g.active && <Badge color="red">open now</Badge>}
                  </Table.Td>
                  <Table.Td>{g.txHash ? <code>{short(g.txHash)}</code> : g.chainStatus.toLowerCase()}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Paper>
  );
}
