import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { Form, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import type { OrgDues } from '../dues.service.js';
import type { DuesBand } from '../solidarity.repository.js';
import { BandCriterion, BandsTable, FundNav, type Viewer } from './fund.views.js';
import { Day, Money } from './parts.js';

export function BandsPage({ bands, viewer, myOrgs }: { bands: DuesBand[]; viewer: Viewer; myOrgs: { slug: string; name: string }[] }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('solidarity.dues.title')}>
      <h1>{t('solidarity.dues.title')}</h1>
      <FundNav {...viewer} />
      <p>{t('solidarity.dues.intro')}</p>
      <BandsTable bands={bands} />
      {myOrgs.length > 0 && (
        <ul>
          {myOrgs.map((o) => (
            <li>
              <a href={`/fund/orgs/${o.slug}/dues`}>{t('solidarity.dues.orgLink', { org: o.name })}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function OrgDuesPage({ view, state }: { view: OrgDues; state: FormState }) {
  const { t } = useCtx().i18n;
  const s: FormState = { ...state, values: { band: view.choice?.bandId ?? '', undisclosed: view.choice?.undisclosed ? 'yes' : '', ...state.values } };
  const error = s.errors.band;
  return (
    <Layout title={t('solidarity.dues.orgTitle', { org: view.org.name })}>
      <h1>{t('solidarity.dues.orgTitle', { org: view.org.name })}</h1>
      <p>
        <a href="/fund/dues">{t('solidarity.dues.title')}</a>
      </p>
      <h2>{t('solidarity.dues.current')}</h2>
      {view.band ? (
        <>
          <p>
            <strong dir="auto">{view.band.name}</strong> — <BandCriterion band={view.band} />
          </p>
          {view.band.suggestedMinor === 0 ? (
            <p class="notice">{t('solidarity.dues.solidarityMember')}</p>
          ) : (
            <Table caption={t('solidarity.dues.schedule', { year: view.year })} head={[t('solidarity.dues.due'), t('solidarity.amount')]}>
              {view.schedule.map((i) => (
                <tr>
                  <td>
                    <Day day={i.dueOn} />
                  </td>
                  <td>
                    <Money minor={i.amountMinor} currency={view.band!.currency} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
          {view.choice?.undisclosed && <p>{t('solidarity.dues.undisclosedOn')}</p>}
        </>
      ) : (
        <EmptyState>{t('solidarity.dues.noChoice')}</EmptyState>
      )}
      <h2>{t('solidarity.dues.paid', { year: view.year })}</h2>
      {view.paid.length === 0 ? (
        <EmptyState>{t('solidarity.dues.nothingPaid')}</EmptyState>
      ) : (
        <ul>
          {view.paid.map((p) => (
            <li>
              <Money minor={p.minor} currency={p.currency} />
            </li>
          ))}
        </ul>
      )}
      {view.canChoose && (
        <section aria-labelledby="choose-h">
          <h2 id="choose-h">{t('solidarity.dues.choose')}</h2>
          <p>{t('solidarity.dues.chooseIntro')}</p>
          {view.bands.length === 0 ? (
            <EmptyState>{t('solidarity.dues.noBands')}</EmptyState>
          ) : (
            <Form action={`/fund/orgs/${view.org.slug}/dues`} state={s} submit={t('solidarity.dues.save')}>
              <fieldset class={error ? 'field-error' : undefined}>
                <legend>{t('solidarity.dues.band')}</legend>
                {error && <p class="error">{t('solidarity.dues.chooseBand')}</p>}
                <ul class="choices">
                  {view.bands.map((b) => (
                    <li>
                      <input type="radio" id={`f-band-${b.id}`} name="band" value={b.id} checked={s.values.band === b.id} />{' '}
                      <label for={`f-band-${b.id}`}>
                        <span dir="auto">{b.name}</span> — <BandCriterion band={b} /> —{' '}
                        {b.suggestedMinor === 0 ? t('solidarity.band.zero') : <Money minor={b.suggestedMinor} currency={b.currency} />}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <div class="field">
                <input type="checkbox" id="f-undisclosed" name="undisclosed" value="yes" checked={s.values.undisclosed === 'yes'} />{' '}
                <label for="f-undisclosed">{t('solidarity.dues.undisclosed')}</label>
              </div>
            </Form>
          )}
        </section>
      )}
    </Layout>
  );
}
