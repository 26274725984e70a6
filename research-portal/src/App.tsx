import { useEffect, useState } from "react";

import type { Api } from "./api";
import { AdminPage } from "./AdminPage";
import { EthicsBoardPage } from "./EthicsBoardPage";
import { IssuerPage } from "./IssuerPage";
import { PatientPage } from "./PatientPage";
import { ResearcherPage } from "./ResearcherPage";
import { signIn, type Session } from "./session";
import { StudiesPage } from "./StudiesPage";
import { browserWalletSigner, DEMO_ACCOUNTS, demoSigner } from "./wallet";

type Tab = "studies" | "researcher" | "ethics" | "patient" | "issuer" | "admin";

export function App({ api }: { api: Api }) {
  const [session, setSession] = useState<Session | null>(null);
  const [chainId, setChainId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("studies");
  const [error, setError] = useState<string | null>(null);
  const [demoIndex, setDemoIndex] = useState(4);

  useEffect(() => {
    api
      .request<{ health: { chain: { chainId: string } } }>("{ health { chain { chainId } } }")
      .then((h) => setChainId(h.health.chain.chainId))
      .catch((e: Error) => setError(`The API at ${api.url} does not answer: ${e.message}`));
  }, [api]);

  const connect = async (which: "demo" | "wallet") => {
    setError(null);
    try {
      const signer = which === "demo" ? demoSigner(demoIndex) : await browserWalletSigner();
      const s = await signIn(api, signer);
      setSession(s);
      if (s.roles.includes("RESEARCHER")) setTab("researcher");
      else if (s.roles.includes("ETHICS_BOARD")) setTab("ethics");
      else if (s.roles.includes("PATIENT")) setTab("patient");
      else if (s.roles.includes("ISSUER")) setTab("issuer");
      else if (s.roles.includes("ADMIN")) setTab("admin");
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const signOut = () => {
    api.token = null;
    setSession(null);
    setTab("studies");
  };

  return (
    <div className="app">
      <header>
        <h1>MedLedger research portal</h1>
        {session ? (
          <div className="who">
            <span>
              Signed in as <strong>{session.signer.label}</strong> <code>{session.address}</code>{" "}
              {session.roles.map((r) => (
                <span key={r} className="badge">
                  {r.toLowerCase().replace("_", " ")}
                </span>
              ))}
            </span>
            <button onClick={signOut}>Sign out</button>
          </div>
        ) : (
          <div className="who">
            {chainId === "31337" && (
              <>
                <label>
                  Demo account{" "}
                  <select aria-label="Demo account" value={demoIndex} onChange={(e) => setDemoIndex(Number(e.target.value))}>
                    {DEMO_ACCOUNTS.map((a) => (
                      <option key={a.index} value={a.index}>
                        {a.index}: {a.label}
                      </option>
                    ))}
                  </select>
                </label>
                <button onClick={() => connect("demo")}>Sign in with demo account</button>
              </>
            )}
            <button onClick={() => connect("wallet")}>Sign in with browser wallet</button>
          </div>
        )}
      </header>
      {chainId === "31337" && !session && (
        <p className="note">
          Development chain: demo accounts sign in the browser with the public Hardhat test keys. Never use them elsewhere.
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <nav>
        <button className={tab === "studies" ? "active" : ""} onClick={() => setTab("studies")}>
          Studies
        </button>
        {session?.roles.includes("RESEARCHER") && (
          <button className={tab === "researcher" ? "active" : ""} onClick={() => setTab("researcher")}>
            My research
          </button>
        )}
        {session?.roles.includes("PATIENT") && (
          <button className={tab === "patient" ? "active" : ""} onClick={() => setTab("patient")}>
            My participation
          </button>
        )}
        {session?.roles.includes("ISSUER") && (
          <button className={tab === "issuer" ? "active" : ""} onClick={() => setTab("issuer")}>
            Credential requests
          </button>
        )}
        {session?.roles.includes("ADMIN") && (
          <button className={tab === "admin" ? "active" : ""} onClick={() => setTab("admin")}>
            Administration
          </button>
        )}
        {session?.roles.includes("ETHICS_BOARD") && (
          <button className={tab === "ethics" ? "active" : ""} onClick={() => setTab("ethics")}>
            Ethics board
          </button>
        )}
      </nav>
      <main>
        {tab === "studies" && <StudiesPage api={api} />}
        {tab === "researcher" && session && <ResearcherPage api={api} session={session} />}
        {tab === "ethics" && session && <EthicsBoardPage api={api} session={session} />}
        {tab === "patient" && session && <PatientPage api={api} session={session} />}
        {tab === "issuer" && session && <IssuerPage api={api} />}
        {tab === "admin" && session && <AdminPage api={api} />}
      </main>
    </div>
  );
}
