import { useCallback, useEffect, useState, type FormEvent } from "react";

import type { Api } from "./api";
import type { Session } from "./session";
import { StudyTerms } from "./StudiesPage";
import { fetchReleases, fetchStudies, RELEASE_FIELDS, type Release, type Study } from "./studies";

const FIELDS = ["ageBand", "sex", "region", "conditions"];
const SEXES = ["female", "male", "other", "unknown"];
const list = (text: string): string[] =>
  text
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function ProposeStudy({ api, onProposed }: { api: Api; onProposed: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const text = (name: string) => String(f.get(name) ?? "");
    const codes = (name: string) => list(text(name)).map((code) => ({ system: "http://snomed.info/sct", code }));
    setBusy(true);
    setError(null);
    try {
      await api.request("mutation($i: StudyProposalInput!) { proposeStudy(input: $i) { studyId } }", {
        i: {
          title: text("title"),
          purpose: text("purpose"),
          protocol: text("protocol"),
          dataUse: list(text("dataUse")),
          requestedFields: FIELDS.filter((field) => f.get(`field-${field}`)),
          minCohortSize: Number(text("k")),
          dpBudget: text("dpBudget") ? Number(text("dpBudget")) : null,
          criteria: {
            minAge: Number(text("minAge")),
            maxAge: Number(text("maxAge")),
            referenceDate: new Date().toISOString().slice(0, 10),
            sexes: SEXES.filter((sex) => f.get(`sex-${sex}`)),
            zip3: list(text("zip3")),
            anyOf: codes("anyOf"),
            noneOf: codes("noneOf"),
          },
        },
      });
      (event.target as HTMLFormElement).reset();
      onProposed();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="propose" aria-label="Propose a study">
      <h3>Propose a study</h3>
      <label>
        Title <input name="title" required maxLength={200} />
      </label>
      <label>
        Purpose <textarea name="purpose" required rows={2} />
      </label>
      <label>
        Protocol <textarea name="protocol" required rows={4} placeholder="The protocol document (its sha256 goes on chain)" />
      </label>
      <label>
        Data use (GA4GH DUO codes) <input name="dataUse" defaultValue="HMB, IRB, PUB" />
      </label>
      <fieldset>
        <legend>Fields to release</legend>
        {FIELDS.map((field) => (
          <label key={field}>
            <input type="checkbox" name={`field-${field}`} defaultChecked /> {field}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Who may join</legend>
        <label>
          Age from <input name="minAge" type="number" defaultValue={18} min={0} max={130} />
        </label>
        <label>
          to <input name="maxAge" type="number" defaultValue={100} min={0} max={130} />
        </label>
        {SEXES.map((sex) => (
          <label key={sex}>
            <input type="checkbox" name={`sex-${sex}`} defaultChecked /> {sex}
          </label>
        ))}
        <label>
          ZIP3 regions (empty: any) <input name="zip3" placeholder="021, 024" />
        </label>
        <label>
          Any of these SNOMED CT conditions <input name="anyOf" placeholder="38341003" />
        </label>
        <label>
          None of these <input name="noneOf" />
        </label>
      </fieldset>
      <label>
        Minimum cohort size k <input name="k" type="number" defaultValue={11} min={2} max={1000} />
      </label>
      <label>
        Privacy budget ε (empty: none) <input name="dpBudget" type="number" step="0.1" min="0" />
      </label>
      <button type="submit" disabled={busy}>
        Propose study
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

interface CohortAnswer {
  total: { display: string };
  k: number;
  cells: { ageBand: string | null; sex: string | null; region: string | null; count: { display: string; suppressed: boolean } }[];
  suppressedCells: number;
  cached: boolean;
  privacy: { epsilon: number; spent: number; remaining: number; budget: number } | null;
}

function CohortCount({ api, study }: { api: Api; study: Study }) {
  const [breakdown, setBreakdown] = useState<string[]>(["SEX"]);
  const [epsilon, setEpsilon] = useState("0.5");
  const [answer, setAnswer] = useState<CohortAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      const { cohortCount } = await api.request<{ cohortCount: CohortAnswer }>(
        `query($s: String!, $b: [CohortDimension!]!, $e: Float) { cohortCount(studyId: $s, breakdown: $b, epsilon: $e) {
          k total { display } cells { ageBand sex region count { display suppressed } } suppressedCells cached privacy { epsilon spent remaining budget } } }`,
        { s: study.studyId, b: breakdown, e: study.dpBudget !== null ? Number(epsilon) : null },
      );
      setAnswer(cohortCount);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const toggle = (d: string) => setBreakdown((b) => (b.includes(d) ? b.filter((x) => x !== d) : [...b, d]));
  return (
    <div className="cohort">
      <h4>Cohort size</h4>
      {["AGE_BAND", "SEX", "REGION"].map((d) => (
        <label key={d}>
          <input type="checkbox" checked={breakdown.includes(d)} onChange={() => toggle(d)} /> by {d.toLowerCase().replace("_", " ")}
        </label>
      ))}
      {study.dpBudget !== null && (
        <label>
          ε <input type="number" step="0.05" value={epsilon} onChange={(e) => setEpsilon(e.target.value)} />
        </label>
      )}
      <button onClick={run}>Count</button>
      {error && <p role="alert">{error}</p>}
      {answer && (
        <div>
          <p>
            Total: <strong data-testid="cohort-total">{answer.total.display}</strong> ({answer.suppressedCells} cell(s) hidden; counts below{" "}
            {answer.k} show as "&lt; {answer.k}")
            {answer.privacy &&
              ` — noisy (ε ${answer.privacy.epsilon}); budget used ${answer.privacy.spent} of ${answer.privacy.budget}${answer.cached ? " (repeated query: same answer, no cost)" : ""}`}
          </p>
          {answer.cells.length > 0 && (
            <table aria-label="Cohort breakdown">
              <thead>
                <tr>
                  {breakdown.includes("AGE_BAND") && <th>age band</th>}
                  {breakdown.includes("SEX") && <th>sex</th>}
                  {breakdown.includes("REGION") && <th>region</th>}
                  <th>count</th>
                </tr>
              </thead>
              <tbody>
                {answer.cells.map((c, i) => (
                  <tr key={i} className={c.count.suppressed ? "suppressed" : ""}>
                    {breakdown.includes("AGE_BAND") && <td>{c.ageBand}</td>}
                    {breakdown.includes("SEX") && <td>{c.sex}</td>}
                    {breakdown.includes("REGION") && <td>{c.region}</td>}
                    <td>{c.count.display}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}

function download(name: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

function Releases({ api, study }: { api: Api; study: Study }) {
  const [releases, setReleases] = useState<Release[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetchReleases(api, study.studyId).then(setReleases, (e: Error) => setError(e.message));
  }, [api, study.studyId]);
  useEffect(reload, [reload]);
  const prepare = async () => {
    setError(null);
    try {
      await api.request(`mutation($s: String!) { prepareRelease(studyId: $s) { ${RELEASE_FIELDS} } }`, { s: study.studyId });
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const fetchRelease = async (release: Release, format: "CSV" | "JSON" | "FHIR") => {
    setError(null);
    try {
      const { release: data } = await api.request<{ release: { content: string } }>(
        "query($r: String!, $f: ReleaseFormat!) { release(releaseId: $r, format: $f) { content } }",
        { r: release.releaseId, f: format },
      );
      download(
        `study-${study.studyId}-release-${release.releaseId}.${format === "CSV" ? "csv" : "json"}`,
        data.content,
        format === "CSV" ? "text/csv" : "application/json",
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="releases">
      <h4>Releases</h4>
      {study.status === "APPROVED" && <button onClick={prepare}>Prepare a release</button>}
      {error && <p role="alert">{error}</p>}
      {releases.length > 0 && (
        <table aria-label="Releases">
          <thead>
            <tr>
              <th>release</th>
              <th>status on chain</th>
              <th>rows</th>
              <th>achieved k</th>
              <th>rows left out</th>
              <th>download</th>
            </tr>
          </thead>
          <tbody>
            {releases.map((r) => (
              <tr key={r.releaseId}>
                <td>#{r.releaseId}</td>
                <td>
                  {r.status.toLowerCase()} ({r.approvals}/{r.quorum})
                </td>
                <td>{r.rowCount}</td>
                <td>{r.achievedK}</td>
                <td>{r.suppressedRows}</td>
                <td>
                  {(["CSV", "JSON", "FHIR"] as const).map((format) => (
                    <button key={format} onClick={() => fetchRelease(r, format)} disabled={!r.downloadable}>
                      {format}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ResearcherPage({ api, session }: { api: Api; session: Session }) {
  const [studies, setStudies] = useState<Study[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetchStudies(api, { researcher: session.address }).then(setStudies, (e: Error) => setError(e.message));
  }, [api, session.address]);
  useEffect(reload, [reload]);
  return (
    <section>
      <h2>My research</h2>
      {error && <p role="alert">{error}</p>}
      {studies?.length === 0 && <p>You have no studies yet.</p>}
      {studies?.map((s) => (
        <article key={s.studyId} className="study">
          <h3>
            {s.title} <small>#{s.studyId}</small>
          </h3>
          <StudyTerms study={s} />
          {s.status !== "CLOSED" && <CohortCount api={api} study={s} />}
          <Releases api={api} study={s} />
        </article>
      ))}
      <ProposeStudy api={api} onProposed={reload} />
    </section>
  );
}
