import type { HealthService } from "../domain/health.service";

/** The services a request may use; resolvers stay thin and call these. */
export interface Services {
  health: HealthService;
}

export interface RequestContext {
  services: Services;
}
