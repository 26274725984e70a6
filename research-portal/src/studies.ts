/** Study queries shared by the pages. */
import type { StudyCriteria } from "../../api/src/zk/eligibility-encoding";
import type { Api } from "./api";

export interface Study {
  studyId: string;
  title: string;
  purpose: string;
  protocol: string | null;
  status: "PROPOSED" | "APPROVED" | "REJECTED" | "SUSPENDED" | "CLOSED";
  version: number;
  approvals: number;
  rejections: number;
  quorum: number;
  researcher: string;
  minCohortSize: number;
  dpBudget: number | null;
  requestedFields: string[];
  dataUse: { code: string; meaning: string }[];
  summary: string;
  open: boolean;
  onChainMatches: boolean;
  criteria: StudyCriteria;
}

const STUDY_FIELDS =
  "studyId title purpose protocol status version approvals rejections quorum researcher minCohortSize dpBudget requestedFields dataUse { code meaning } summary open onChainMatches criteria { minAge maxAge referenceDate sexes zip3 anyOf { system code } noneOf { system code } }";

export async function fetchStudies(api: Api, filter: { status?: string[]; researcher?: string } = {}): Promise<Study[]> {
  const { studies } = await api.request<{ studies: Study[] }>(
    `query($st: [StudyStatus!], $r: String) { studies(status: $st, researcher: $r) { ${STUDY_FIELDS} } }`,
    { st: filter.status ?? null, r: filter.researcher ?? null },
  );
  return studies;
}

export interface Release {
  releaseId: string;
  studyId: string;
  status: "PENDING" | "APPROVED" | "REJECTED";
  approvals: number;
  rejections: number;
  quorum: number;
  downloadable: boolean;
  rowCount: number;
  achievedK: number;
  suppressedRows: number;
  manifestHash: string;
  txHash: string;
  manifest: { generalisation: string; fields: string[]; datasetHash: string; nullifierRoot: string };
}

export const RELEASE_FIELDS =
  "releaseId studyId status approvals rejections quorum downloadable rowCount achievedK suppressedRows manifestHash txHash manifest";

export async function fetchReleases(api: Api, studyId: string): Promise<Release[]> {
  const { releases } = await api.request<{ releases: Release[] }>(`query($s: String!) { releases(studyId: $s) { ${RELEASE_FIELDS} } }`, {
    s: studyId,
  });
  return releases;
}
