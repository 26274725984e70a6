/** Admin: this custodian's credential issuer on chain, and roles. Admins never see clinical data. */
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import type { IssuerQuery, Role } from "./gql/graphql";

const ISSUER = graphql(`
  query Issuer {
    issuer {
      keyHash
      trusted
    }
  }
`);

const TRUST_ISSUER = graphql(`
  mutation TrustIssuer($keyHash: String!, $issuer: String!) {
    trustIssuer(keyHash: $keyHash, issuer: $issuer)
  }
`);

const UNTRUST_ISSUER = graphql(`
  mutation UntrustIssuer($keyHash: String!) {
    untrustIssuer(keyHash: $keyHash)
  }
`);

const GRANT_ROLE = graphql(`
  mutation GrantRole($address: String!, $role: Role!) {
    grantRole(address: $address, role: $role) {
      address
    }
  }
`);

const REVOKE_ROLE = graphql(`
  mutation RevokeRole($address: String!, $role: Role!) {
    revokeRole(address: $address, role: $role) {
      address
    }
  }
`);

const ROLES: Role[] = ["PATIENT", "DOCTOR", "ISSUER", "RESEARCHER", "ETHICS_BOARD", "INSURER", "ADMIN"];
const roleName = (r: Role) => r.toLowerCase().replace("_", " ");

export function AdminPage({ api }: { api: Api }) {
  const [issuer, setIssuer] = useState<IssuerQuery["issuer"] | null>(null);
  const [issuerAccount, setIssuerAccount] = useState("");
  const [account, setAccount] = useState("");
  const [role, setRole] = useState<Role>("PATIENT");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(async () => {
    try {
      setIssuer((await api.run(ISSUER, {})).issuer);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);
  useEffect(() => void reload(), [reload]);
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      await work();
      await reload();
      setMessage(done);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const changeRole = (grant: boolean) =>
    act(
      () => (grant ? api.run(GRANT_ROLE, { address: account.trim(), role }) : api.run(REVOKE_ROLE, { address: account.trim(), role })),
      `${grant ? "Granted" : "Revoked"} ${roleName(role)} ${grant ? "to" : "from"} ${account.trim()}.`,
    );

  return (
    <Stack gap="md">
      <Title order={2}>Administration</Title>
      <ErrorAlert message={error} />
      {message && (
        <Alert color="teal" role="status">
          {message}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="issuer-title">
        <Title order={3} id="issuer-title">
          Credential issuer
        </Title>
        {issuer && (
          <Text>
            This custodian signs eligibility credentials with the key whose hash is <code>{issuer.keyHash.slice(0, 16)}…</code>; trusted on
            chain: <strong data-testid="issuer-trusted">{issuer.trusted ? "yes" : "no"}</strong>.
          </Text>
        )}
        {issuer && !issuer.trusted && (
          <Group align="end" mt="xs">
            <TextInput
              label="Issuer's account"
              value={issuerAccount}
              onChange={(e) => setIssuerAccount(e.currentTarget.value)}
              placeholder="0x…"
            />
            <Button
              loading={busy}
              onClick={() =>
                void act(() => api.run(TRUST_ISSUER, { keyHash: issuer.keyHash, issuer: issuerAccount.trim() }), "Issuer trusted.")
              }
            >
              Trust this issuer
            </Button>
          </Group>
        )}
        {issuer?.trusted && (
          <Button
            mt="xs"
            variant="outline"
            color="red"
            loading={busy}
            onClick={() => void act(() => api.run(UNTRUST_ISSUER, { keyHash: issuer.keyHash }), "Issuer no longer trusted.")}
          >
            Stop trusting this issuer
          </Button>
        )}
      </Paper>
      <Paper
        withBorder
        p="md"
        component="form"
        aria-label="Roles"
        onSubmit={(e) => {
          e.preventDefault();
          void changeRole(true);
        }}
      >
        <Title order={3}>Roles</Title>
        <Group align="end" mt="xs">
          <TextInput label="Account" value={account} onChange={(e) => setAccount(e.currentTarget.value)} required placeholder="0x…" />
          <NativeSelect
            label="Role"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            data={ROLES.map((r) => ({ value: r, label: roleName(r) }))}
          />
          <Button type="submit" loading={busy}>
            Grant
          </Button>
          <Button variant="outline" color="red" disabled={busy} onClick={() => void changeRole(false)}>
            Revoke
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
