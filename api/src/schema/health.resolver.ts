import { Ctx, Query, Resolver } from "type-graphql";

import type { RequestContext } from "./context";
import { DatabaseKindEnum, Health } from "./health.type";

@Resolver(() => Health)
export class HealthResolver {
  @Query(() => Health, {
    description: "Database, chain, contracts and circuits as the API sees them now. Public: it reveals no personal data.",
  })
  async health(@Ctx() { services }: RequestContext): Promise<Health> {
    const report = await services.health.report();
    return { ...report, database: { ...report.database, kind: report.database.kind as DatabaseKindEnum } };
  }
}
