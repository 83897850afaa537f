// The dashboard's words in Chinese and English: every key in both (a browser test holds them equal). Keys are
// English-ish ids; {name} placeholders are filled by t(). The language is the saved choice, else the browser's first
// Chinese or English language, else English.
export const texts = {
  en: {
    brand: 'AutoDialer', nav_campaigns: 'Campaigns', nav_upload: 'Upload', nav_agents: 'Agents', nav_numbers: 'Caller numbers',
    nav_dnc: 'Do not call', nav_jobs: 'Jobs', live: 'Live', offline: 'Reconnecting…', sign_out: 'Sign out', lang_switch: '中文',
    campaigns: 'Campaigns', new_campaign: 'New campaign', name: 'Name', time_zone: 'Time zone', create: 'Create', no_campaigns: 'No campaigns yet. Create one, then upload a list.',
    quarantined: 'Quarantined vendor events: {n}', quarantined_latest: 'latest: {reason}',
    state: 'State', progress: 'Progress', eta: 'ETA', rate: 'Rate', contacts: 'Contacts', actions: 'Actions',
    state_draft: 'Draft', state_running: 'Running', state_paused: 'Paused', state_completed: 'Completed', state_cancelled: 'Cancelled',
    start: 'Start', pause: 'Pause', resume: 'Resume', cancel: 'Cancel', confirm_cancel: 'Cancel campaign "{name}"? It cannot be resumed.',
    answered: 'Answered', failed: 'Failed', suppressed: 'Suppressed', pending: 'Pending', dialing: 'Dialling', deferred: 'Next day', done: 'Done',
    per_min: '{n}/min', eta_none: '—', open: 'Open',
    outcomes: 'Outcomes', calls_per_hour: 'Calls per hour', day: 'Day', attempts: 'Attempts', no_data: 'No data yet.',
    outcome: 'Outcome', status: 'Status', agent: 'Agent', phone: 'Phone', caller_number: 'Caller number', ring: 'Ring', talk: 'Talk', time: 'Time',
    any: 'Any', filter: 'Filter', more: 'More', export_csv: 'Export results (CSV)', upload_list: 'Upload a list', settings: 'Settings',
    upload: 'Upload a contact list', campaign: 'Campaign', choose_campaign: 'Choose a campaign', drop_here: 'Drop a CSV or Excel (.xlsx) file here, or',
    choose_file: 'choose a file', uploading: 'Uploading {p}', queued: 'Queued for import', importing: 'Importing: {rows} rows read ({p})',
    imported: 'Imported', upload_failed: 'Import failed', report: 'Validation report', rows: 'Rows', accepted: 'Accepted', rejected: 'Rejected',
    duplicates: 'Duplicates', by_reason: 'By reason', reason: 'Reason', count: 'Count', first_rejects: 'First rejected rows', line: 'Line',
    fields: 'Fields', download_rejects: 'Download all rejects (CSV)', encoding: 'Encoding', delimiter: 'Delimiter', recent_uploads: 'Recent uploads',
    file: 'File', size: 'Size', no_rejects: 'Every row was accepted.',
    agents: 'Agents', calls_today: 'Calls today', talk_today: 'Talk time', utilisation: 'Utilisation', current_call: 'Current call', campaigns_of: 'Campaigns',
    no_agents: 'No agents yet: assign agents to a campaign in its settings.', since: 'since {t}',
    agent_idle: 'Idle', agent_busy: 'Busy', agent_onBreak: 'On break', agent_offline: 'Offline', agent_unknown: 'Unknown',
    numbers: 'Caller numbers', number: 'Number', area: 'Area', use_today: 'Use today', cap: 'cap {n}', unlimited: 'no cap', answer_rate: 'Answer rate',
    rested: 'Rested', rested_until: 'rested until {t}', in_use: 'In use', no_numbers: 'No caller numbers: add them in a campaign\'s settings.',
    jobs: 'Jobs', recurring: 'Recurring jobs', scheduled: 'Scheduled', job: 'Job', trigger: 'Trigger', cron: 'Schedule', next_fire: 'Next fire',
    previous_fire: 'Last fire', trigger_now: 'Trigger now', triggered: 'Triggered.', running_now: 'Running now', history: 'History', fired: 'Fired',
    duration: 'Duration', result: 'Result', exception: 'Exception', retry: 'Retry', retried: 'Queued again.', misfires: 'Misfires',
    nodes: 'Cluster nodes', node: 'Node', last_checkin: 'Last check-in', this_node: 'this node', none: 'None.', failed_only: 'Failures only',
    succeeded: 'Succeeded', retrying: 'will retry',
    dnc: 'Do-not-call list', dnc_numbers: 'Numbers (one per line)', add: 'Add', remove: 'Remove', lookup: 'Look up', dnc_upload: 'Upload a file',
    dnc_added: '{added} added, {already} already listed, {suppressed} pending contacts suppressed, {invalid} invalid',
    dnc_removed: '{removed} removed, {restored} contacts may be dialled again, {invalid} invalid', listed: 'Listed', not_listed: 'Not listed',
    total: '{n} numbers', added_at: 'Added', source: 'Source',
    why_title: 'Why isn\'t it dialling?', why_ready: '{n} contacts can be dialled now', why_none: 'Nothing holds the campaign back.',
    why_counted: 'counted {t}', reason_campaign_not_running: 'Campaign not running', reason_do_not_call: 'On the do-not-call list',
    reason_budget_exhausted: 'All attempts used', reason_daily_cap: 'Today\'s attempts used (tomorrow)', reason_blackout: 'Blackout date',
    reason_outside_window: 'Outside the calling window', reason_frequency_cap: 'Called often enough lately (frequency cap)',
    reason_waiting_for_retry: 'Waiting for the retry delay', reason_no_agent_idle: 'No agent idle',
    contact_now: 'Contact now', next_at: 'next {t}',
    mapping_title: 'Columns', reading_columns: 'Reading the first rows…', check_columns: 'Check the columns, then import.',
    header_on_line: 'header on line {n}', format_xlsx: 'Excel workbook (.xlsx), first sheet', role_phone: 'Phone',
    role_name: 'Name', role_timezone: 'Time zone', role_privacy_number: 'Privacy number', role_attribute: 'attribute',
    choose_column: 'Choose a column', no_column: '(none)', attributes_note: 'Every other column is kept with the contact as an attribute.',
    import_with_columns: 'Import with these columns', no_data_rows: 'The list has a header but no rows yet.',
    nav_reports: 'Reports', reports: 'Daily reports', dials: 'Dials', talk_total: 'Talk time', talk_average: 'Average talk',
    report_closed: 'Closed by the nightly batch {t}', report_live: 'Computed from the day\'s calls {t} (the nightly batch has not closed this day)',
    download_report: 'Download the report (CSV)', by_agent: 'By agent', by_caller_number: 'By caller number', by_outcome: 'By outcome',
    by_hour: 'By hour', no_calls_that_day: 'No calls that day.', day_closed: 'Day closed', rescheduled: 'Rescheduled', finalised: 'Finalised',
    day_report: 'Daily report',
    error: 'Error', saved: 'Saved.', loading: 'Loading…'
  },
  zh: {
    brand: '自动外呼', nav_campaigns: '外呼活动', nav_upload: '上传名单', nav_agents: '坐席', nav_numbers: '外显号码',
    nav_dnc: '免打扰', nav_jobs: '后台任务', live: '实时', offline: '正在重连…', sign_out: '退出', lang_switch: 'English',
    campaigns: '外呼活动', new_campaign: '新建活动', name: '名称', time_zone: '时区', create: '创建', no_campaigns: '还没有活动。先创建一个，再上传名单。',
    quarantined: '已隔离的厂商事件：{n}', quarantined_latest: '最近一条：{reason}',
    state: '状态', progress: '进度', eta: '预计完成', rate: '速率', contacts: '联系人', actions: '操作',
    state_draft: '草稿', state_running: '进行中', state_paused: '已暂停', state_completed: '已完成', state_cancelled: '已取消',
    start: '开始', pause: '暂停', resume: '继续', cancel: '取消', confirm_cancel: '取消活动“{name}”？取消后无法继续。',
    answered: '已接通', failed: '未成功', suppressed: '已屏蔽', pending: '待拨打', dialing: '拨打中', deferred: '次日重拨', done: '已完成',
    per_min: '{n} 次/分', eta_none: '—', open: '打开',
    outcomes: '通话结果', calls_per_hour: '每小时呼叫量', day: '日期', attempts: '呼叫记录', no_data: '暂无数据。',
    outcome: '结果', status: '状态', agent: '坐席', phone: '号码', caller_number: '外显号码', ring: '振铃', talk: '通话', time: '时间',
    any: '全部', filter: '筛选', more: '更多', export_csv: '导出结果 (CSV)', upload_list: '上传名单', settings: '设置',
    upload: '上传联系人名单', campaign: '活动', choose_campaign: '选择活动', drop_here: '把 CSV 或 Excel (.xlsx) 文件拖到这里，或',
    choose_file: '选择文件', uploading: '正在上传 {p}', queued: '等待导入', importing: '正在导入：已读取 {rows} 行 ({p})',
    imported: '导入完成', upload_failed: '导入失败', report: '校验报告', rows: '总行数', accepted: '已接收', rejected: '已拒绝',
    duplicates: '重复', by_reason: '按原因', reason: '原因', count: '数量', first_rejects: '前几条被拒绝的行', line: '行号',
    fields: '字段', download_rejects: '下载全部拒绝行 (CSV)', encoding: '编码', delimiter: '分隔符', recent_uploads: '最近上传',
    file: '文件', size: '大小', no_rejects: '所有行都已接收。',
    agents: '坐席', calls_today: '今日呼叫', talk_today: '通话时长', utilisation: '利用率', current_call: '当前通话', campaigns_of: '所属活动',
    no_agents: '还没有坐席：请在活动设置中分配坐席。', since: '自 {t}',
    agent_idle: '空闲', agent_busy: '忙碌', agent_onBreak: '小休', agent_offline: '离线', agent_unknown: '未知',
    numbers: '外显号码', number: '号码', area: '区号', use_today: '今日使用', cap: '上限 {n}', unlimited: '无上限', answer_rate: '接通率',
    rested: '休息中', rested_until: '休息至 {t}', in_use: '使用中', no_numbers: '没有外显号码：请在活动设置中添加。',
    jobs: '后台任务', recurring: '周期任务', scheduled: '计划任务', job: '任务', trigger: '触发器', cron: '计划', next_fire: '下次执行',
    previous_fire: '上次执行', trigger_now: '立即执行', triggered: '已触发。', running_now: '正在执行', history: '执行历史', fired: '开始时间',
    duration: '耗时', result: '结果', exception: '异常', retry: '重试', retried: '已重新排队。', misfires: '错过的执行',
    nodes: '集群节点', node: '节点', last_checkin: '最近签到', this_node: '本节点', none: '无。', failed_only: '只看失败',
    succeeded: '成功', retrying: '将重试',
    dnc: '免打扰名单', dnc_numbers: '号码（每行一个）', add: '添加', remove: '移除', lookup: '查询', dnc_upload: '上传文件',
    dnc_added: '新增 {added}，已存在 {already}，屏蔽待拨联系人 {suppressed}，无效 {invalid}',
    dnc_removed: '移除 {removed}，恢复可拨联系人 {restored}，无效 {invalid}', listed: '在名单中', not_listed: '不在名单中',
    total: '共 {n} 个号码', added_at: '加入时间', source: '来源',
    why_title: '为什么没有拨打？', why_ready: '现在可拨打 {n} 个联系人', why_none: '没有阻止拨打的原因。',
    why_counted: '统计于 {t}', reason_campaign_not_running: '活动未在进行', reason_do_not_call: '在免打扰名单中',
    reason_budget_exhausted: '拨打次数已用完', reason_daily_cap: '今日次数已用完（次日重拨）', reason_blackout: '禁呼日期',
    reason_outside_window: '不在呼叫时段内', reason_frequency_cap: '近期呼叫已达频次上限',
    reason_waiting_for_retry: '等待重拨间隔', reason_no_agent_idle: '没有空闲坐席',
    contact_now: '联系人现状', next_at: '下次 {t}',
    mapping_title: '列对应', reading_columns: '正在读取前几行…', check_columns: '请确认各列，然后导入。',
    header_on_line: '表头在第 {n} 行', format_xlsx: 'Excel 工作簿 (.xlsx)，第一个工作表', role_phone: '电话',
    role_name: '姓名', role_timezone: '时区', role_privacy_number: '加密号码', role_attribute: '属性',
    choose_column: '选择一列', no_column: '（无）', attributes_note: '其他各列作为联系人的属性保留。',
    import_with_columns: '按这些列导入', no_data_rows: '名单只有表头，没有数据行。',
    nav_reports: '报表', reports: '日报表', dials: '拨打次数', talk_total: '通话时长', talk_average: '平均通话',
    report_closed: '夜间任务已于 {t} 结算', report_live: '按当天通话于 {t} 计算（夜间任务尚未结算这一天）',
    download_report: '下载报表 (CSV)', by_agent: '按坐席', by_caller_number: '按外显号码', by_outcome: '按结果',
    by_hour: '按小时', no_calls_that_day: '当天没有通话。', day_closed: '当日结算', rescheduled: '改期重拨', finalised: '已结束',
    day_report: '日报表',
    error: '错误', saved: '已保存。', loading: '加载中…'
  }
};

const storageKey = 'autodialer.lang';
/** The cookie the Hangfire Dashboard (the Jobs link) reads to render in the same language (JobDashboard.LanguageCookie). */
const cookieName = 'autodialer.lang';

let current = pickLanguage();

function pickLanguage() {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'zh' || saved === 'en') return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  for (const language of preferred) {
    const l = String(language).toLowerCase();
    if (l.startsWith('zh')) return 'zh';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

/** 'zh' or 'en'. */
export function language() { return current; }

/** Chooses the language, remembers it in this browser and tells the server-rendered Hangfire Dashboard. */
export function setLanguage(language) {
  current = language === 'zh' ? 'zh' : 'en';
  localStorage.setItem(storageKey, current);
  shareLanguage();
}

export function shareLanguage() {
  document.cookie = `${cookieName}=${current}; path=/; SameSite=Strict`;
}

/** The text for key in the current language (English, then the key itself, when missing), placeholders filled. */
export function t(key, params) {
  let text = texts[current][key] ?? texts.en[key] ?? key;
  if (params) for (const [name, value] of Object.entries(params)) text = text.split(`{${name}}`).join(String(value));
  return text;
}
