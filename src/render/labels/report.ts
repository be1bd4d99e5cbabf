// Words of `journey report` (table and Markdown); its loyalty and trends sections have their own
// files. Dutch: one more object with the same keys beside this one.

export const REPORT_LABELS = {
  title: 'Customer journey report',
  config: 'Config',
  sources: 'Sources',
  rejected: 'rejected',
  rowsHeading: 'Rows',
  rejectedHeading: 'Rejected',
  path: 'Path',
  kind: 'Kind',
  noData: '(no data)',
  momentOfTruth: 'moment of truth',
  insights: 'Insights',
  opportunities: 'Opportunities',
  solutions: 'Solutions',
  segmentNote: 'values with n in parentheses; touchpoint detail is in the CSV and JSON output',
} as const;
