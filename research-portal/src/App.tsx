import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { HashRouter, Navigate, NavLink, Route, Routes, useNavigate } from "react-router";

import type { Api, PortalConfig } from "./api";
import { graphql } from "./gql";
import { forgetSession, restoreSession, signIn, type Role, type Session, type SignerSource } from "./session";
import { StudiesPage } from "./StudiesPage";
import { browserWalletSigner, DEMO_ACCOUNTS, demoSigner, reconnectingWalletSigner, type PortalSigner } from "./wallet";

/** Every screen has its own address (`#/patients`, `#/research`, `#/ethics`, ...): links, bookmarks and reloads land on it. */
interface Screen {
  path: string;
  label: string;
  /** Who may see it; null: anyone, signed in or not. */
  role: Role | null;
  render: (api: Api, session: Session, chain?: PortalConfig["chain"]) => ReactNode;
}

const CHAIN_ID = graphql(`
  query ChainId {
    health {
      chain {
        chainId
      }
    }
  }
`);

/**
 * Each role's screen is its own chunk, loaded when it opens: a visitor does not download the
 * prover (snarkjs), the charts or GraphiQL's editor until a screen needs them.
 */
const AdminPage = lazy(() => import("./AdminPage").then((m) => ({ default: m.AdminPage })));
const DoctorPage = lazy(() => import("./DoctorPage").then((m) => ({ default: m.DoctorPage })));
const EthicsBoardPage = lazy(() => import("./EthicsBoardPage").then((m) => ({ default: m.EthicsBoardPage })));
const IssuerPage = lazy(() => import("./IssuerPage").then((m) => ({ default: m.IssuerPage })));
const PatientPage = lazy(() => import("./PatientPage").then((m) => ({ default: m.PatientPage })));
const PatientRecordsPage = lazy(() => import("./PatientRecordsPage").then((m) => ({ default: m.PatientRecordsPage })));
const ResearcherPage = lazy(() => import("./ResearcherPage").then((m) => ({ default: m.ResearcherPage })));
const ExplorerPage = lazy(() => import("./ExplorerPage"));
const InsurerPage = lazy(() => import("./Claims").then((m) => ({ default: m.InsurerPage })));
const PatientClaimsPage = lazy(() => import("./Claims").then((m) => ({ default: m.PatientClaimsPage })));

const SCREENS: Screen[] = [
  { path: "patients", label: "My patients", role: "DOCTOR", render: (api, session) => <DoctorPage api={api} me={session.address} /> },
  { path: "research", label: "My research", role: "RESEARCHER", render: (api, session) => <ResearcherPage api={api} session={session} /> },
  {
    path: "records",
    label: "My records",
    role: "PATIENT",
    render: (api, session, chain) => <PatientRecordsPage api={api} session={session} chain={chain} />,
  },
  {
    path: "participation",
    label: "My participation",
    role: "PATIENT",
    render: (api, session) => <PatientPage api={api} session={session} />,
  },
  { path: "my-claims", label: "My claims", role: "PATIENT", render: (api) => <PatientClaimsPage api={api} /> },
  { path: "claims", label: "Claims", role: "INSURER", render: (api) => <InsurerPage api={api} /> },
  { path: "credentials", label: "Credential requests", role: "ISSUER", render: (api) => <IssuerPage api={api} /> },
  { path: "admin", label: "Administration", role: "ADMIN", render: (api) => <AdminPage api={api} /> },
  {
    path: "ethics",
    label: "Ethics board",
    role: "ETHICS_BOARD",
    render: (api, session) => <EthicsBoardPage api={api} session={session} />,
  },
];

const ROLE_NAMES: Record<Role, string> = {
  ADMIN: "administrators",
  PATIENT: "patients",
  DOCTOR: "doctors",
  ISSUER: "credential issuers",
  RESEARCHER: "researchers",
  ETHICS_BOARD: "ethics-board members",
  INSURER: "insurers",
};

/** Where a session starts: the first screen its roles open, else the public study list. */
function homeOf(session: Session): string {
  const order: Role[] = ["DOCTOR", "RESEARCHER", "ETHICS_BOARD", "PATIENT", "ISSUER", "INSURER", "ADMIN"];
  const role = order.find((r) => session.roles.includes(r));
  return `/${SCREENS.find((s) => s.role === role)?.path ?? "studies"}`;
}

const signerFor = (source: SignerSource, address: string): PortalSigner =>
  source.kind === "demo" ? demoSigner(source.index) : reconnectingWalletSigner(address);

export function App({ api, chain }: { api: Api; chain?: PortalConfig["chain"] }) {
  return (
    <HashRouter>
      <Portal api={api} chain={chain} />
    </HashRouter>
  );
}

function Portal({ api, chain }: { api: Api; chain?: PortalConfig["chain"] }) {
  const navigate = useNavigate();
  const [session, setSession] = useState<Session | null>(() => restoreSession(api, signerFor));
  const [chainId, setChainId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [demoIndex, setDemoIndex] = useState(4);

  useEffect(() => {
    api
      .run(CHAIN_ID, {})
      .then((h) => setChainId(h.health.chain.chainId))
      .catch((e: Error) => setError(`The API at ${api.url} does not answer: ${e.message}`));
  }, [api]);

  // The token stops working at expiresAt: sign out then, and say why.
  useEffect(() => {
    if (!session) return;
    const left = session.expiresAt.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        forgetSession(api);
        setSession(null);
        setError("Your session expired: sign in again.");
      },
      Math.max(0, Math.min(left, 2 ** 31 - 1)),
    );
    return () => clearTimeout(timer);
  }, [api, session]);

  const connect = async (which: "demo" | "wallet") => {
    setError(null);
    try {
      const signer = which === "demo" ? demoSigner(demoIndex) : await browserWalletSigner();
      const source: SignerSource = which === "demo" ? { kind: "demo", index: demoIndex } : { kind: "wallet" };
      const s = await signIn(api, signer, source);
      setSession(s);
      navigate(homeOf(s));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const signOut = () => {
    forgetSession(api);
    setSession(null);
    navigate("/studies");
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
      <nav aria-label="Screens">
        <NavLink to="/studies">Studies</NavLink>
        {SCREENS.filter((s) => s.role && session?.roles.includes(s.role)).map((s) => (
          <NavLink key={s.path} to={`/${s.path}`}>
            {s.label}
          </NavLink>
        ))}
        <NavLink to="/explorer">GraphQL explorer</NavLink>
      </nav>
      <main key={session?.address ?? "anonymous"}>
        <Routes>
          <Route path="/" element={<Navigate to={session ? homeOf(session) : "/studies"} replace />} />
          <Route path="/studies" element={<StudiesPage api={api} />} />
          <Route
            path="/explorer"
            element={
              <Suspense fallback={<p>Loading GraphiQL…</p>}>
                <ExplorerPage api={api} token={session ? api.token : null} />
              </Suspense>
            }
          />
          {SCREENS.map((screen) => (
            <Route
              key={screen.path}
              path={`/${screen.path}`}
              element={<Guarded api={api} session={session} screen={screen} chain={chain} />}
            />
          ))}
          <Route path="*" element={<p>There is no such page here. The screens are listed above.</p>} />
        </Routes>
      </main>
    </div>
  );
}

/** A screen for one role: it says what is missing instead of showing an empty page. */
function Guarded({ api, session, screen, chain }: { api: Api; session: Session | null; screen: Screen; chain?: PortalConfig["chain"] }) {
  if (!session) return <p>Sign in to see {screen.label.toLowerCase()}.</p>;
  if (screen.role && !session.roles.includes(screen.role))
    return (
      <p>
        {screen.label} is for {ROLE_NAMES[screen.role]}; the account {session.address} does not have that role.
      </p>
    );
  return <Suspense fallback={<p>Loading {screen.label.toLowerCase()}…</p>}>{screen.render(api, session, chain)}</Suspense>;
}
