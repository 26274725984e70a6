/** Study and release queries shared by the pages, as typed documents (src/gql). */
import type { Api } from "./api";
import { graphql } from "./gql";
import type { StudiesQuery, StudyReleasesQuery, StudyStatus } from "./gql/graphql";

const STUDIES = graphql(`
  query Studies($status: [StudyStatus!], $researcher: String) {
    studies(status: $status, researcher: $researcher) {
      studyId
      title
      purpose
      protocol
      status
      version
      approvals
      rejections
      quorum
      researcher
      minCohortSize
      dpBudget
      requestedFields
      dataUse {
        code
        meaning
      }
      summary
      open
      onChainMatches
      criteria {
        minAge
        maxAge
        referenceDate
        sexes
        zip3
        anyOf {
          system
          code
        }
        noneOf {
          system
          code
        }
      }
    }
  }
`);

const STUDY_RELEASES = graphql(`
  query StudyReleases($studyId: String!) {
    releases(studyId: $studyId) {
      releaseId
      studyId
      status
      approvals
      rejections
      quorum
      downloadable
      rowCount
      achievedK
      suppressedRows
      manifestHash
      txHash
      manifest
    }
  }
`);

export type Study = StudiesQuery["studies"][number];

/** A release; its manifest (JSON on the wire) read as the fields the screens show. */
export type Release = Omit<StudyReleasesQuery["releases"][number], "manifest"> & {
  manifest: { generalisation: string; fields: string[]; datasetHash: string; nullifierRoot: string };
};

export async function fetchStudies(api: Api, filter: { status?: StudyStatus[]; researcher?: string } = {}): Promise<Study[]> {
  const { studies } = await api.run(STUDIES, { status: filter.status ?? null, researcher: filter.researcher ?? null });
  return studies;
}

export async function fetchReleases(api: Api, studyId: string): Promise<Release[]> {
  const { releases } = await api.run(STUDY_RELEASES, { studyId });
  return releases as Release[];
}
