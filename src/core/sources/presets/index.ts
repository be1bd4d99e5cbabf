// Registry of vendor presets: a new export layout is one module plus one line here.
// Order matters only when two signatures match the same header: the first wins.
import { googleForms } from './google-forms.js';
import { qualtrics } from './qualtrics.js';
import { surveymonkey } from './surveymonkey.js';
import { typeform } from './typeform.js';
import { freshdesk } from './freshdesk.js';
import { shopify } from './shopify.js';
import { stripe } from './stripe.js';
import { woocommerce } from './woocommerce.js';
import { zendesk } from './zendesk.js';
import { zendeskJson } from './zendesk-json.js';
import { zendeskExplore } from './zendesk-explore.js';
import type { HeadSample, Preset } from './types.js';
import { ga4BigQuery } from './ga4-bigquery.js';
import { ga4Ui } from './ga4-ui.js';
import { matomo } from './matomo.js';
import { plausible } from './plausible.js';
import { posthog } from './posthog.js';

export const PRESETS: Preset[] = [
  zendesk,
  zendeskJson,
  zendeskExplore,
  freshdesk,
  shopify,
  stripe,
  woocommerce,
  qualtrics,
  surveymonkey,
  typeform,
  googleForms,
  ga4BigQuery,
  posthog,
  ga4Ui,
  plausible,
  matomo,
];

export type { HeadSample, Preset, PresetContext } from './types.js';

/** The preset whose signature matches, with the reason; undefined for canonical or unknown layouts. */
export function detectPreset(sample: HeadSample): { preset: Preset; reason: string } | undefined {
  for (const preset of PRESETS) {
    if (!preset.formats.includes(sample.format)) continue;
    const reason = preset.detect(sample);
    if (reason) return { preset, reason };
  }
  return undefined;
}

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
