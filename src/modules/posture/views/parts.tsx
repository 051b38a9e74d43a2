// Small pieces the baseline, scorecard and help pages share.
import { useCtx } from '../../../kernel/views/context.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import type { Area } from '../baseline/index.js';
import type { PracticeStatus } from '../baseline.score.js';
import type { Answer, Visibility } from '../baseline.tables.js';

export const areaKey = (a: Area) => `baseline.area.${a}` as MessageKey;
export const statusKey = (s: PracticeStatus) => `baseline.status.${s}` as MessageKey;
export const answerKey = (a: Answer) => `baseline.answer.${a}` as MessageKey;
export const visibilityKey = (v: Visibility) => `baseline.visibility.${v}` as MessageKey;

/** A practice's status, always written out; the colour only repeats it. */
export function StatusTag({ status }: { status: PracticeStatus }) {
  const { t } = useCtx().i18n;
  return <span class={`status-tag status-${status}`}>{t(statusKey(status))}</span>;
}

/** A score as a percentage, or "no data" (never shown as zero). */
export function Score({ value }: { value: number | undefined }) {
  const { t } = useCtx().i18n;
  return <>{value === undefined ? t('baseline.score.none') : t('baseline.score.value', { score: value })}</>;
}

export function scoreText(t: (k: MessageKey, v?: Record<string, unknown>) => string, value: number | undefined): string {
  return value === undefined ? t('baseline.score.none') : t('baseline.score.value', { score: value });
}

export function KindLabel({ measured }: { measured: boolean }) {
  const { t } = useCtx().i18n;
  return <>{measured ? t('baseline.kind.measured') : t('baseline.kind.self')}</>;
}
