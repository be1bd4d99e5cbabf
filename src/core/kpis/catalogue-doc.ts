// The KPI catalogue as a document (`journey kpis`, schema journey-kpis/1): id, stage, unit,
// definition, interval and the SQL aggregates behind each KPI.
import { CATALOGUE, type KpiDef } from './catalogue.js';

export interface KpiCatalogue {
  schema: 'journey-kpis/1';
  kpis: (Pick<KpiDef, 'id' | 'label' | 'stage' | 'unit' | 'definition' | 'interval'> & { sql: Pick<KpiDef, 'stats' | 'value'> })[];
}

export function kpiCatalogue(): KpiCatalogue {
  return {
    schema: 'journey-kpis/1',
    kpis: CATALOGUE.map((k) => ({
      id: k.id, label: k.label, stage: k.stage, unit: k.unit, definition: k.definition,
      interval: k.interval, sql: { stats: k.stats, value: k.value },
    })),
  };
}
