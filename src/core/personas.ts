// The report once per persona (config `personas:`): the same KPIs, stages and friction ranking,
// over the rows where the persona's condition holds. The journey map draws one view per persona.
import type { z } from 'zod';
import type { personaReportSchema } from './contracts/report.js';
import { withPersona } from './journey/segment-filter.js';
import { buildReport, type Report, type ReportRequest } from './report.js';
import type { Session } from './session.js';

export type PersonaReport = z.infer<typeof personaReportSchema>;

export async function buildPersonas(session: Session, request: ReportRequest): Promise<PersonaReport[]> {
  const out: PersonaReport[] = [];
  for (const p of session.config.personas) {
    // No segment breakdown, trends or --vs inside a persona: the map shows its headline and cards.
    const report: Report = await withPersona(session, p.id, (narrowed) => buildReport(narrowed, { period: request.period, now: request.now, funnels: false }));
    out.push({
      id: p.id, label: p.label ?? p.id, description: p.description ?? null, goals: p.goals,
      kpis: report.kpis, stages: report.stages, friction: report.friction,
    });
  }
  return out;
}
