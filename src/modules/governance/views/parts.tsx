// Small pieces shared by the governance pages.
import { useCtx } from '../../../kernel/views/context.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import type { PositionKind, ProposalKind, ProposalStatus } from '../governance.tables.js';
import type { Tally } from '../governance.rules.js';

/** An instant in the reader's own zone, with the zone named. */
export function When({ d }: { d: Date }) {
  const { i18n } = useCtx();
  return <time datetime={d.toISOString()}>{i18n.t('gov.time', { time: i18n.dateTime(d), zone: i18n.timeZone })}</time>;
}

const kindKeys: Record<ProposalKind, MessageKey> = {
  admission: 'gov.kind.admission',
  funding: 'gov.kind.funding',
  baseline_change: 'gov.kind.baseline_change',
  general: 'gov.kind.general',
};
export const kindKey = (k: ProposalKind) => kindKeys[k];

const statusKeys: Record<ProposalStatus, MessageKey> = {
  open: 'gov.status.open',
  passed: 'gov.status.passed',
  not_passed: 'gov.status.not_passed',
  withdrawn: 'gov.status.withdrawn',
};
export const statusKey = (s: ProposalStatus) => statusKeys[s];

const positionKeys: Record<PositionKind, MessageKey> = {
  agree: 'gov.position.agree',
  abstain: 'gov.position.abstain',
  concern: 'gov.position.concern',
  block: 'gov.position.block',
};
export const positionKey = (p: PositionKind) => positionKeys[p];

const positionHints: Record<PositionKind, MessageKey> = {
  agree: 'gov.position.agreeHint',
  abstain: 'gov.position.abstainHint',
  concern: 'gov.position.concernHint',
  block: 'gov.position.blockHint',
};
export const positionHint = (p: PositionKind) => positionHints[p];

export function StatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useCtx().i18n;
  return <span class={`status-tag status-${status}`}>{t(statusKey(status))}</span>;
}

/** "4 of the 3 organisations needed have taken a position; 1 concern, no block." */
export function TallyLine({ tally }: { tally: Tally }) {
  const { t } = useCtx().i18n;
  return (
    <p class="tally">
      {t('gov.tally', { counted: tally.counted, quorum: tally.quorum })} {t('gov.tallyDetail', { agree: tally.agree, abstain: tally.abstain, concern: tally.concern, block: tally.block })}
    </p>
  );
}
