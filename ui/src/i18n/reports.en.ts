// The reports module (issue 16, the manager's KPI dashboard). The same keys as `reports.zh-CN.ts`.

import type zhCN from "./reports.zh-CN";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const reports: Shape<typeof zhCN> = {
  modes: {
    month: "Month",
    quarter: "Quarter",
    year: "Year",
    custom: "Custom",
  },
  pickMonth: "Pick a month",
  pickQuarter: "Pick a quarter",
  pickYear: "Pick a year",
  range: "{{from}} to {{to}}",
  days: "{{days}} days",
  comparedWith: "Compared with",
  refusal: "{{field}}: {{text}}",
  refusalSeparator: "; ",
  fields: {
    from: "Start date",
    to: "End date",
  },
  advisorFilter: "Service advisor",
  ownFigures: "These are your own figures ({{name}}).",
  groups: {
    satisfaction: "Satisfaction & follow-up",
    complaints: "Complaints",
    workshop: "Appointments & workshop",
    revenue: "Revenue & extra work",
    care: "Care & campaigns",
    customers: "Customers",
  },
  change: "Change",
  better: "Better",
  worse: "Worse",
  same: "No change",
  openRecords: "Show the records",
  recordsOf: "{{kpi}}: records",
  recordsHint: "Click a row to open the record.",
  noRecords: "No records behind this figure in the period",
  export: "Export report",
  exported: "Exported the report to {{path}}",
  print: "Print report (PDF)",
  printFailed: "The report could not be printed",
  refresh: "Refresh",
  leagueHint: "Sort by clicking a column's title.",
  ownRow: "You",
};

export default reports;
