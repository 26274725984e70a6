import { useCallback, useEffect, useState, type FormEvent } from "react";

import type { Api } from "./api";

const ROLES = ["PATIENT", "DOCTOR", "ISSUER", "RESEARCHER", "ETHICS_BOARD", "ADMIN"];

/** Admin: this custodian's credential issuer on chain, and roles. Admins never see clinical data. */
export function AdminPage({ api }: { api: Api }) {
  const [issuer, setIssuer] = useState<{ keyHash: string; trusted: boolean } | null>(null);
  const [issuerAccount, setIssuerAccount] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setIssuer((await api.request<{ issuer: { keyHash: string; trusted: boolean } }>("{ issuer { keyHash trusted } }")).issuer);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);
  useEffect(() => void reload(), [reload]);
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setMessage(null);
    try {
      await work();
      await reload();
      setMessage(done);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const changeRole = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const grant = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") !== "revoke";
    const variables = { a: String(form.get("address")), r: String(form.get("role")) };
    void act(
      () =>
        api.request(
          `mutation($a: String!, $r: Role!) { ${grant ? "grantRole" : "revokeRole"}(address: $a, role: $r) { address } }`,
          variables,
        ),
      `${grant ? "Granted" : "Revoked"} ${variables.r.toLowerCase()} ${grant ? "to" : "from"} ${variables.a}.`,
    );
  };
  return (
    <section>
      <h2>Administration</h2>
      {error && <p role="alert">{error}</p>}
      {message && <p className="note">{message}</p>}
      <h3>Credential issuer</h3>
      {issuer && (
        <p>
          This custodian signs eligibility credentials with the key whose hash is <code>{issuer.keyHash.slice(0, 16)}…</code>; trusted on
          chain: <strong data-testid="issuer-trusted">{issuer.trusted ? "yes" : "no"}</strong>.
        </p>
      )}
      {issuer && !issuer.trusted && (
        <p>
          <label>
            Issuer's account <input value={issuerAccount} onChange={(e) => setIssuerAccount(e.target.value)} placeholder="0x…" />
          </label>{" "}
          <button
            onClick={() =>
              act(
                () =>
                  api.request("mutation($k: String!, $a: String!) { trustIssuer(keyHash: $k, issuer: $a) }", {
                    k: issuer.keyHash,
                    a: issuerAccount,
                  }),
                "Issuer trusted.",
              )
            }
          >
            Trust this issuer
          </button>
        </p>
      )}
      {issuer?.trusted && (
        <button
          onClick={() =>
            act(
              () => api.request("mutation($k: String!) { untrustIssuer(keyHash: $k) }", { k: issuer.keyHash }),
              "Issuer no longer trusted.",
            )
          }
        >
          Stop trusting this issuer
        </button>
      )}
      <h3>Roles</h3>
      <form onSubmit={changeRole} aria-label="Roles">
        <label>
          Account <input name="address" required placeholder="0x…" />
        </label>{" "}
        <label>
          Role{" "}
          <select name="role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase().replace("_", " ")}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit" value="grant">
          Grant
        </button>{" "}
        <button type="submit" value="revoke">
          Revoke
        </button>
      </form>
    </section>
  );
}
