// JSON output: the documents as they are; their contracts are the zod schemas in core/contracts/.
import type { Report } from '../core/report.js';

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function renderReportJson(report: Report): string {
  return renderJson(report);
}
