import { useCallback, useEffect, useState } from "react";

import type { Api } from "./api";

interface Request {
  patientId: string;
  requestedAt: string;
}

/** The hospital's issuer: patients waiting for a credential; issuing derives it from their records. */
export function IssuerPage({ api }: { api: Api }) {
  const [requests, setRequests] = useState<Request[] | null>(null);
  const [issued, setIssued] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    api.request<{ credentialRequests: Request[] }>("{ credentialRequests { patientId requestedAt } }").then(
      (r) => setRequests(r.credentialRequests),
      (e: Error) => setError(e.message),
    );
  }, [api]);
  useEffect(reload, [reload]);
  const issue = async (patientId: string) => {
    setError(null);
    try {
      await api.request("mutation($p: ID!) { issueCredential(patientId: $p) }", { p: patientId });
      setIssued((list) => [...list, patientId]);
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section>
      <h2>Credential requests</h2>
      <p>
        Issuing signs the patient's attributes as your records state them (birth date, sex, region, active conditions). The patient receives
        the credential; the patient's secret never reaches you.
      </p>
      {error && <p role="alert">{error}</p>}
      {issued.length > 0 && <p className="note">Issued {issued.length} credential(s) in this session.</p>}
      {requests?.length === 0 && <p>No patient is waiting for a credential.</p>}
      {!!requests?.length && (
        <table aria-label="Credential requests">
          <thead>
            <tr>
              <th>patient</th>
              <th>asked at</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.patientId}>
                <td>
                  <code>{r.patientId}</code>
                </td>
                <td>{new Date(r.requestedAt).toLocaleString()}</td>
                <td>
                  <button onClick={() => issue(r.patientId)}>Issue credential</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
