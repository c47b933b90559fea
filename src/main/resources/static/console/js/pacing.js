// Dialing paced by seats (API.md 9), as the task form and the task pages name and show it.

/** The API's dial_mode values and their names on the page. */
export const DIAL_MODES = [['fixed', '固定并发'], ['ratio', '按坐席比例'], ['predictive', '预测式']];

export function dialModeName(mode) {
  return DIAL_MODES.find(([value]) => value === mode)?.[1] ?? mode ?? '固定并发';
}

/** One decimal, as the API writes its levels and rates ("1.0", "2.4"). */
export function oneDecimal(n) {
  return Number(n ?? 0).toFixed(1);
}

/**
 * A task item's `pacing` as text: [key, label, value, title] for the level, the seats available and
 * today's abandon rate (abandoned / answered); [] for `fixed` (pacing null).
 */
export function pacingFigures(pacing) {
  if (!pacing) return [];
  return [
    ['dial_level', '倍数', oneDecimal(pacing.dial_level), '每个可用坐席的线路数（拨号倍数）'],
    ['seats_available', '可用坐席', String(pacing.seats_available ?? 0), '转接组中示闲且未在通话中的坐席'],
    ['abandon_rate', '今日放弃率', `${oneDecimal(pacing.abandon_rate)}%（${pacing.abandoned_today ?? 0} / ${pacing.answered_today ?? 0}）`,
      '今日放弃的电话 / 今日接通的电话'],
  ];
}
