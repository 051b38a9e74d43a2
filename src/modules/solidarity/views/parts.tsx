// Small pieces the fund's pages share: money, days, references, the idempotency key field.
import { useCtx } from '../../../kernel/views/context.js';
import { formatMoney } from '../currencies.js';

export function Money({ minor, currency }: { minor: number; currency: string }) {
  const { i18n } = useCtx();
  return <span class="money">{formatMoney(minor, currency, i18n.locale)}</span>;
}

/** A calendar day, the same everywhere (stored and shown as a date, not an instant). */
export function Day({ day }: { day: string }) {
  const { i18n } = useCtx();
  let f = dayFormats.get(i18n.locale);
  if (!f) dayFormats.set(i18n.locale, (f = new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeZone: 'UTC' })));
  return <time datetime={day}>{f.format(new Date(`${day}T00:00:00Z`))}</time>;
}
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function Instant({ at }: { at: Date }) {
  const { i18n } = useCtx();
  return <time datetime={at.toISOString()}>{i18n.dateTime(at)}</time>;
}

/** An invoice number as text, a web address as a link (http and https only). */
export function Reference({ value }: { value: string | null }) {
  if (!value) return null;
  if (/^https?:\/\/[^\s]+$/i.test(value)) {
    return (
      <a href={value} rel="noopener noreferrer nofollow">
        {value}
      </a>
    );
  }
  return <span dir="auto">{value}</span>;
}

/** Hidden: the key that makes a second submission of the same form (a double click, a reload) post nothing new. */
export function KeyField({ value }: { value: string }) {
  return <input type="hidden" name="key" value={value} />;
}
