// The reports module (issue 16, the manager's KPI dashboard): the screen's own
// words. The KPI names, units and the report's words come from the shared
// locale source (`locale.kpiKey`, `locale.unit`, `locale.report`).

const reports = {
  modes: {
    month: "月度",
    quarter: "季度",
    year: "年度",
    custom: "自定义",
  },
  pickMonth: "选择月份",
  pickQuarter: "选择季度",
  pickYear: "选择年份",
  range: "{{from}} 至 {{to}}",
  days: "共 {{days}} 天",
  comparedWith: "对比",
  refusal: "{{field}}：{{text}}",
  refusalSeparator: "；",
  fields: {
    from: "开始日期",
    to: "结束日期",
  },
  advisorFilter: "服务顾问",
  ownFigures: "以下为您本人的指标（{{name}}）。",
  groups: {
    satisfaction: "满意度与回访",
    complaints: "投诉处理",
    workshop: "预约与车间",
    revenue: "产值与增项",
    care: "关怀与活动",
    customers: "客户保有",
  },
  change: "变化",
  better: "较好",
  worse: "较差",
  same: "持平",
  openRecords: "查看明细",
  recordsOf: "{{kpi}}：明细",
  recordsHint: "点击一行打开该记录。",
  noRecords: "该指标在本期间没有明细记录",
  export: "导出报表",
  exported: "已将报表导出到 {{path}}",
  print: "打印报表（PDF）",
  printFailed: "报表未能打印",
  refresh: "刷新",
  leagueHint: "按列标题排序。",
  ownRow: "本人",
};

export default reports;
