// Types the friction ranking (friction.ts) and moments of truth (friction-mot.ts) share, so that
// friction-mot.ts needs nothing from the module that imports it.

/** A touchpoint as the config describes it (data-only touchpoints get their id as label). */
export interface TouchpointMeta {
  label: string;
  stage: string;
  moment_of_truth: boolean;
}

/** What moments of truth read from the friction ranking: every FrictionEntry has this shape. */
export interface RankedTouchpoint {
  touchpoint: string;
  stage: string;
  components: Record<string, { rate: number | null; baseline: number }>;
}
