import type { ComponentChildren } from 'preact';
import { useCtx } from '../context.js';

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** A table with a caption (read by screen readers) and column headers. */
export function Table({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Keyset pagination: a link to the next (older) page when there is one. */
export function Pagination({ nextHref, firstHref }: { nextHref?: string | undefined; firstHref?: string | undefined }) {
  const { t } = useCtx().i18n;
  if (!nextHref && !firstHref) return null;
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      {firstHref && <a href={firstHref}>{t('pagination.first')}</a>}
      {nextHref && (
        <a href={nextHref} rel="next">
          {t('pagination.next')}
        </a>
      )}
    </nav>
  );
}
