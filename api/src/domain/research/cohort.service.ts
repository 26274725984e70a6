/**
 * Cohort counts for researchers sizing their study: how many of the custodian's patients meet
 * criteria, optionally broken down by age band, sex and region. Small cells are suppressed
 * (with complementary suppression); when the study has a differential-privacy budget, every
 * cell carries geometric noise, each new query spends ε, identical queries get the same cached
 * answer for free, and queries past the budget are refused. Every query is audited.
 */
import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor } from "../actors";
import { badInput, forbidden, unauthenticated } from "../errors";
import { contentHash } from "../ledger-hash";
import type { StudyReader } from "../studies/study.service";
import type { KeyRing } from "../../crypto/key-ring";
import type { StudyCriteria } from "../../zk/eligibility-encoding";
import { arrange, bandsWithin, DIMENSIONS, fitsBudget, noisyTable, protect, SEXES, type Dimension, type ProtectedTable } from "./cohort";
import { cohortQuery, type CohortQuery, type ResearchIndexReader } from "./research-index";

export interface CohortAnswer extends ProtectedTable {
  studyId: string;
  k: number;
  breakdown: Dimension[];
  criteria: StudyCriteria;
  /** Present when the study has a privacy budget. */
  privacy: { mechanism: "geometric"; epsilon: number; budget: number; spent: number; remaining: number } | null;
  /** True when this is the stored answer of an identical earlier query (no budget spent). */
  cached: boolean;
}

/** The price of a cohort query, asked before running it. */
export interface CohortQuote {
  /** Epsilon the query would spend: 0 when an identical query was answered before (its stored answer comes back). */
  cost: number;
  cached: boolean;
  /** Null when the study has no privacy budget (counts are exact, nothing is spent). */
  budget: number | null;
  spent: number;
  remaining: number | null;
  fits: boolean;
}

/** Epsilon a query spends when the researcher does not say. */
export const DEFAULT_EPSILON = 0.1;

export type SpendResult = { kind: "saved" } | { kind: "over-budget"; spent: number } | { kind: "exists"; answer: CohortAnswer };

/** A noisy answer to store with the ε it costs, if the study's spend stays within `budget`. */
export interface SpendRow {
  studyId: string;
  queryHash: string;
  epsilon: number;
  budget: number;
  answer: CohortAnswer;
  askedBy: string;
  at: Date;
}

export interface CohortStore {
  findQuery(studyId: string, queryHash: string): Promise<CohortAnswer | null>;
  spent(studyId: string): Promise<number>;
  /** Atomically: store the answer and its ε if the study's spend stays within the budget. */
  spend(row: SpendRow): Promise<SpendResult>;
}

export class CohortService {
  constructor(
    private readonly store: CohortStore,
    private readonly studies: StudyReader,
    private readonly index: ResearchIndexReader,
    private readonly keys: Pick<KeyRing, "conditionKey">,
    private readonly accessLog: AccessLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private audit(actor: Actor, decision: "ALLOW" | "DENY", reason: string): Promise<unknown> {
    return this.accessLog.record({
      actor: actor.address,
      patientId: null,
      recordId: null,
      action: "research.cohortCount",
      purpose: "HRESCH",
      decision,
      reason,
    });
  }

  /** What a cohort query would cost before it runs: nothing when an identical query was answered before. Reveals no count. */
  async quote(
    actor: Actor | null,
    studyId: string,
    criteriaInput: StudyCriteria | null,
    breakdownInput: Dimension[],
    epsilonInput: number | null,
  ): Promise<CohortQuote> {
    const plan = await this.plan(actor, studyId, criteriaInput, breakdownInput, epsilonInput, false);
    if (plan.epsilon === null || plan.budget === null)
      return { cost: 0, cached: false, budget: null, spent: 0, remaining: null, fits: true };
    const cached = (await this.store.findQuery(studyId, plan.queryHash)) !== null;
    const spent = round(await this.store.spent(studyId));
    const cost = cached ? 0 : plan.epsilon;
    return {
      cost,
      cached,
      budget: plan.budget,
      spent,
      remaining: round(Math.max(0, plan.budget - spent)),
      fits: fitsBudget(plan.budget, spent, cost),
    };
  }

  /** Checks the caller and the question, and names the answer (its hash) and its price. */
  private async plan(
    actor: Actor | null,
    studyId: string,
    criteriaInput: StudyCriteria | null,
    breakdownInput: Dimension[],
    epsilonInput: number | null,
    audit: boolean,
  ) {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "researcher")) {
      if (audit) await this.audit(actor, "DENY", `study ${studyId}: cohort counts need the researcher role`);
      throw forbidden("cohort counts need the researcher role");
    }
    const study = await this.studies.study(studyId);
    if (study.researcher !== actor.address) {
      if (audit) await this.audit(actor, "DENY", `study ${studyId} belongs to another researcher`);
      throw forbidden(`study ${studyId} belongs to another researcher`);
    }
    const criteria = criteriaInput ?? study.criteria;
    const breakdown = DIMENSIONS.filter((d) => breakdownInput.includes(d));
    const today = this.clock();
    let query: CohortQuery;
    try {
      query = cohortQuery(this.keys, criteria, breakdown, today.toISOString().slice(0, 10));
    } catch (error) {
      throw badInput(`criteria: ${(error as Error).message}`);
    }
    if (new Set(breakdownInput).size !== breakdownInput.length) throw badInput("breakdown lists a dimension twice");
    const budget = study.dpBudget;
    if (budget === null && epsilonInput !== null) throw badInput("this study has no privacy budget: leave epsilon out");
    const epsilon = budget === null ? null : (epsilonInput ?? Math.min(DEFAULT_EPSILON, budget));
    if (epsilon !== null && !(epsilon > 0 && epsilon <= budget!))
      throw badInput(`epsilon must be above 0 and at most the study's budget (${budget})`);
    const describe = `study ${studyId}, breakdown [${breakdown.join(", ")}]${epsilon === null ? "" : `, epsilon ${epsilon}`}`;
    const queryHash = contentHash({ criteria, breakdown, epsilon });
    return { study, criteria, breakdown, today, query, budget, epsilon, describe, queryHash };
  }

  async cohortCount(
    actor: Actor | null,
    studyId: string,
    criteriaInput: StudyCriteria | null,
    breakdownInput: Dimension[],
    epsilonInput: number | null,
  ): Promise<CohortAnswer> {
    if (!actor) throw unauthenticated();
    const { study, criteria, breakdown, today, query, budget, epsilon, describe, queryHash } = await this.plan(
      actor,
      studyId,
      criteriaInput,
      breakdownInput,
      epsilonInput,
      true,
    );
    if (epsilon !== null) {
      const cached = await this.store.findQuery(studyId, queryHash);
      if (cached) {
        await this.audit(actor, "ALLOW", `${describe} (repeated: cached answer)`);
        return { ...cached, privacy: await this.privacy(studyId, epsilon, budget!), cached: true };
      }
      const spent = await this.store.spent(studyId);
      if (!fitsBudget(budget!, spent, epsilon)) return this.overBudget(actor, describe, budget!, spent, epsilon);
    }

    // One SQL aggregate over the research index, grouped by the breakdown (decision 0009).
    const counts = await this.index.tabulate(query);
    const k = study.minCohortSize;
    let table: ProtectedTable;
    if (epsilon === null) {
      table = protect(
        arrange(counts, breakdown),
        counts.reduce((sum, c) => sum + c.count, 0),
        k,
      );
    } else {
      // Which cells exist must not depend on the data: the domain the criteria allow (age bands
      // overlapping the age range, the allowed sexes, the criteria's regions or else the
      // custodian's catchment area, which is public).
      const regions = criteria.zip3.length ? criteria.zip3 : breakdown.includes("region") ? await this.index.catchment() : [];
      const domain = {
        ageBand: bandsWithin(criteria.minAge, criteria.maxAge),
        sex: SEXES.filter((x) => criteria.sexes.includes(x as never)),
        region: regions,
      };
      const noisy = noisyTable(arrange(counts, breakdown, domain), epsilon);
      table = protect(noisy.cells, noisy.total, k);
    }
    const answer: CohortAnswer = { ...table, studyId, k, breakdown, criteria, privacy: null, cached: false };
    if (epsilon !== null) {
      const result = await this.store.spend({ studyId, queryHash, epsilon, budget: budget!, answer, askedBy: actor.address, at: today });
      if (result.kind === "over-budget") return this.overBudget(actor, describe, budget!, result.spent, epsilon);
      if (result.kind === "exists") {
        await this.audit(actor, "ALLOW", `${describe} (repeated: cached answer)`);
        return { ...result.answer, privacy: await this.privacy(studyId, epsilon, budget!), cached: true };
      }
      answer.privacy = await this.privacy(studyId, epsilon, budget!);
    }
    await this.audit(actor, "ALLOW", describe);
    return answer;
  }

  private async privacy(studyId: string, epsilon: number, budget: number): Promise<CohortAnswer["privacy"]> {
    const spent = round(await this.store.spent(studyId));
    return { mechanism: "geometric", epsilon, budget, spent, remaining: round(Math.max(0, budget - spent)) };
  }

  private async overBudget(actor: Actor, describe: string, budget: number, spent: number, epsilon: number): Promise<never> {
    const message = `the study's privacy budget is spent: ${round(spent)} of ${budget} used, this query needs ${epsilon} (repeat an earlier query to see its answer again)`;
    await this.audit(actor, "DENY", `${describe}: ${message}`);
    throw forbidden(message);
  }
}

const round = (x: number): number => Math.round(x * 1e9) / 1e9;
