import { SCHEME_FORMAT } from '@/lib/assessment/format'

// The demo's two schemes, in the exchange format (docs/assessment-scheme-format.md). The
// integration tests score the 2003 scheme on a hand-built county, so it is kept here once.

/**
 * 宁津县 2003 年乡镇工作考核 as the documents describe it, in the engine: 1,000 points, 700 for
 * economic development (total investment, in proportion to the best township), 300 for six other
 * items normalised as a group, deductions for statistics work (−5 per unmet statistical task, −10
 * per failed inspection), adjustments of ±10–20 entered on the run, and vetoes that drop a
 * township two places each.
 */
export const NINGJIN_2003 = {
  format: SCHEME_FORMAT,
  key: 'ningjin-2003',
  name: '宁津县乡镇工作考核（2003 年方案）',
  description:
    '总分 1000 分：经济发展 700 分（全社会固定资产投资总额，与最高乡镇比例计分），其他六项工作 300 分（组内归一）；统计工作扣分；通报表扬、批评加减分；一票否决每项名次后移两位。',
  maxPoints: 1000,
  veto: { effect: 'dropPlaces', places: 2 },
  nodes: [
    { code: 'econ', name: '经济发展', parent: null, maxPoints: 700, combine: 'sum' },
    {
      code: 'investment',
      name: '全社会固定资产投资',
      parent: 'econ',
      maxPoints: 700,
      method: { kind: 'proportional', better: 'higher' },
      source: 'manual',
      unit: '万元',
    },
    { code: 'other', name: '其他工作', parent: null, maxPoints: 300, combine: 'normalise' },
    { code: 'agriculture', name: '农业和农村工作', parent: 'other', maxPoints: 50, method: { kind: 'manual' }, source: 'manual', unit: '分' },
    { code: 'fiscal', name: '财政税收', parent: 'other', maxPoints: 50, method: { kind: 'manual' }, source: 'manual', unit: '分' },
    { code: 'investmentPromotion', name: '招商引资', parent: 'other', maxPoints: 50, method: { kind: 'manual' }, source: 'manual', unit: '分' },
    { code: 'socialAffairs', name: '社会事业', parent: 'other', maxPoints: 50, method: { kind: 'manual' }, source: 'manual', unit: '分' },
    { code: 'stability', name: '安全稳定', parent: 'other', maxPoints: 50, method: { kind: 'manual' }, source: 'manual', unit: '分' },
    { code: 'partyBuilding', name: '党的建设', parent: 'other', maxPoints: 50, method: { kind: 'manual' }, source: 'manual', unit: '分' },
    { code: 'statTasks', name: '统计工作：未完成统计任务', parent: null, maxPoints: 0, method: { kind: 'penalty', perUnit: 5 }, source: 'manual', unit: '项' },
    {
      code: 'statInspections',
      name: '统计工作：检查不合格',
      parent: null,
      maxPoints: 0,
      method: { kind: 'penalty', perUnit: 10 },
      source: 'manual',
      unit: '次',
    },
  ],
}

/**
 * A population-services scheme of 100 points built from the indicators the modules publish today:
 * reports on time, registration timeliness, open data-quality findings per 1,000 residents,
 * findings closed within 30 days, and a hand-entered service evaluation.
 */
export const NINGJIN_POPULATION = {
  format: SCHEME_FORMAT,
  key: 'ningjin-population',
  name: '宁津县人口服务工作考核',
  description: '按平台各模块的数据计分：报表按时上报、人口变动登记及时、数据质量问题的数量和办结速度；服务评价由县卫健局按检查结果录入。',
  maxPoints: 100,
  veto: { effect: 'dropPlaces', places: 2 },
  nodes: [
    { code: 'reporting', name: '统计报表', parent: null, maxPoints: 40, combine: 'sum' },
    {
      code: 'onTime',
      name: '报表按时上报率',
      parent: 'reporting',
      maxPoints: 20,
      method: { kind: 'threshold', target: 100, partial: 'proportional', better: 'higher' },
      source: 'reports.onTimeRate',
      unit: '%',
    },
    {
      code: 'registration',
      name: '人口变动登记及时率',
      parent: 'reporting',
      maxPoints: 20,
      method: { kind: 'deduction', target: 95, perUnit: 1, better: 'higher' },
      source: 'reports.registrationTimeliness',
      unit: '%',
    },
    { code: 'quality', name: '数据质量', parent: null, maxPoints: 40, combine: 'sum' },
    {
      code: 'openFindings',
      name: '每千人未解决问题',
      parent: 'quality',
      maxPoints: 20,
      method: { kind: 'proportional', better: 'lower' },
      source: 'quality.openPer1000',
      unit: '件/千人',
    },
    {
      code: 'closedFast',
      name: '问题 30 日内办结率',
      parent: 'quality',
      maxPoints: 20,
      method: { kind: 'proportional', better: 'higher' },
      source: 'quality.closedWithin30',
      unit: '%',
    },
    { code: 'service', name: '服务评价', parent: null, maxPoints: 20, method: { kind: 'manual' }, source: 'manual', unit: '分' },
  ],
}
