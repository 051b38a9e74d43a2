// The fund's pages: the public report (and its CSV), the ledger for members,
// recording for treasurers, aid requests and their story, dues, and the
// federation admins' settings. POSTs check who is asking before reading the form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { emptyForm, type FormState } from '../../kernel/views/components/form.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isFedAdmin } from '../../kernel/auth/actor.js';
import { newId } from '../../kernel/ids.js';
import { isLanguage } from '../../kernel/text/index.js';
import { formatMinor } from './currencies.js';
import * as fund from './fund.service.js';
import * as aid from './aid.service.js';
import * as dues from './dues.service.js';
import { fundReport } from './report.service.js';
import * as repo from './solidarity.repository.js';
import { canManageFundSettings, canSeeLedger, canSpeakForOrg } from './solidarity.policy.js';
import {
  aidRequestSchema,
  bandSchema,
  disbursementSchema,
  duesChoiceSchema,
  exchangeSchema,
  expenseSchema,
  incomeSchema,
  reportSchema,
  reverseSchema,
  thresholdSchema,
  treasurerSchema,
} from './solidarity.schemas.js';
import { aidTranslationSchema } from './learning.schemas.js';
import { csvLine } from './solidarity.csv.js';
import * as fv from './views/fund.views.js';
import * as av from './views/aid.views.js';
import * as dv from './views/dues.views.js';

type Params = Record<string, string>;
const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : undefined);

export async function solidarityPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Params;
  const today = () => deps.clock.now().toISOString().slice(0, 10);
  const readerLang = (req: FastifyRequest) => {
    const asked = str((req.query as Record<string, unknown>).lang)?.toLowerCase();
    return asked && isLanguage(asked) ? asked : req.i18n.locale;
  };
  const viewer = async (req: FastifyRequest): Promise<fv.Viewer> => {
    const treasurer = await fund.treasurerFlag(deps.db, req.actor);
    return { member: canSeeLedger(req.actor, treasurer), treasurer, admin: canManageFundSettings(req.actor) && req.actor.kind === 'person' };
  };
  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${name}"`).header('Cache-Control', 'public, max-age=300').send(body);

  // ── The public report ──

  app.get('/fund', async (req, reply) => {
    const report = await fundReport(deps.db, { lang: readerLang(req), year: deps.clock.now().getUTCFullYear() });
    return reply.page(<fv.ReportPage report={report} viewer={await viewer(req)} />);
  });

  app.get('/fund/report.csv', async (_req, reply) => {
    const report = await fundReport(deps.db, { lang: 'en', year: deps.clock.now().getUTCFullYear() });
    let body = csvLine(['quarter', 'currency', 'direction', 'category', 'amount', 'amount_minor']);
    for (const f of report.flows) body += csvLine([f.quarter, f.currency, f.direction, f.category, formatMinor(f.minor, f.currency), f.minor]);
    body += csvLine([]);
    body += csvLine(['balance', 'currency', 'free', 'earmarked', 'held']);
    for (const b of report.balances) body += csvLine(['balance', b.currency, formatMinor(b.freeMinor, b.currency), formatMinor(b.earmarkedMinor, b.currency), formatMinor(b.heldMinor, b.currency)]);
    return csv(reply, 'fund-report.csv', body);
  });

  app.get('/fund/grants.csv', async (req, reply) => {
    const report = await fundReport(deps.db, { lang: readerLang(req), year: deps.clock.now().getUTCFullYear() });
    let body = csvLine(['decided_on', 'title', 'organisation', 'currency', 'granted', 'disbursed', 'reported', 'purpose', 'purpose_lang']);
    for (const g of report.grants) {
      body += csvLine(
        [g.decidedOn, g.title, g.org ?? 'undisclosed', g.currency, formatMinor(g.amountMinor, g.currency), formatMinor(g.disbursedMinor, g.currency), g.reported ? 'yes' : 'no', g.purpose?.body, g.purpose?.lang],
        new Set([1, 2, 7]),
      );
    }
    return csv(reply, 'fund-grants.csv', body);
  });

  // ── Members: the ledger ──

  app.get('/fund/ledger', async (req, reply) => {
    requirePerson(req);
    const before = Number(str((req.query as Record<string, unknown>).before));
    const page = await fund.viewLedger(deps, req.actor, Number.isSafeInteger(before) && before > 0 ? { before } : {});
    return reply.page(<fv.LedgerListPage page={page} viewer={await viewer(req)} />);
  });

  app.get('/fund/ledger/:id', async (req, reply) => {
    requirePerson(req);
    const view = await fund.viewTransaction(deps, req.actor, params(req).id!);
    return reply.page(<fv.TransactionPage view={view} viewer={await viewer(req)} />);
  });

  app.get('/fund/accounts', async (req, reply) => {
    requirePerson(req);
    const { accounts, orgs } = await fund.viewAccounts(deps, req.actor);
    return reply.page(<fv.AccountsPage accounts={accounts} orgs={orgs} viewer={await viewer(req)} />);
  });

  // ── Treasurers: recording ──

  const renderRecord = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    await fund.assertTreasurer(deps, req.actor);
    const posted = ({ '/fund/income': 'income', '/fund/expenses': 'expense', '/fund/exchanges': 'exchange' } as const)[req.url as '/fund/income'];
    const asked = str((req.query as Record<string, unknown>).kind);
    const kind: fv.RecordForm = req.method === 'POST' && posted ? posted : fv.recordForms.includes(asked as fv.RecordForm) ? (asked as fv.RecordForm) : 'income';
    const orgs = await deps.db.selectFrom('organisations').select(['slug', 'name']).where('status', '=', 'active').orderBy('name').execute();
    return <fv.RecordPage kind={kind} state={state} idemKey={newId()} orgs={orgs} today={today()} viewer={await viewer(req)} />;
  };
  app.get('/fund/record', async (req, reply) => reply.page(await renderRecord(req)));

  const recorded = (reply: FastifyReply, posted: { transaction: { id: string }; replayed: boolean }) =>
    reply.seeOther(`/fund/ledger/${posted.transaction.id}`, { kind: 'ok', key: posted.replayed ? 'solidarity.record.alreadyRecorded' : 'solidarity.record.recorded' });

  app.post('/fund/income', { config: { form: renderRecord } }, async (req, reply) => {
    requirePerson(req);
    await fund.assertTreasurer(deps, req.actor);
    return recorded(reply, await fund.recordIncome(deps, req.actor, parseInput(incomeSchema, req.body)));
  });
  app.post('/fund/expenses', { config: { form: renderRecord } }, async (req, reply) => {
    requirePerson(req);
    await fund.assertTreasurer(deps, req.actor);
    return recorded(reply, await fund.recordExpense(deps, req.actor, parseInput(expenseSchema, req.body)));
  });
  app.post('/fund/exchanges', { config: { form: renderRecord } }, async (req, reply) => {
    requirePerson(req);
    await fund.assertTreasurer(deps, req.actor);
    return recorded(reply, await fund.recordExchange(deps, req.actor, parseInput(exchangeSchema, req.body)));
  });

  const renderReverse = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    await fund.assertTreasurer(deps, req.actor);
    const view = await fund.viewTransaction(deps, req.actor, params(req).id!);
    return <fv.ReversePage view={view} state={state} idemKey={newId()} />;
  };
  app.get('/fund/ledger/:id/reverse', async (req, reply) => reply.page(await renderReverse(req)));
  app.post('/fund/ledger/:id/reverse', { config: { form: renderReverse } }, async (req, reply) => {
    requirePerson(req);
    await fund.assertTreasurer(deps, req.actor);
    const posted = await fund.reverseTransaction(deps, req.actor, params(req).id!, parseInput(reverseSchema, req.body));
    return reply.seeOther(`/fund/ledger/${posted.transaction.id}`, { kind: 'ok', key: posted.replayed ? 'solidarity.record.alreadyRecorded' : 'solidarity.ledger.reversedFlash' });
  });

  // ── Aid requests ──

  app.get('/fund/requests', async (req, reply) => {
    requirePerson(req);
    const items = await aid.listAidRequests(deps, req.actor, readerLang(req));
    const canAsk = (await aid.requestableOrgs(deps, req.actor)).length > 0;
    return reply.page(<av.RequestsPage items={items} canAsk={canAsk} viewer={await viewer(req)} />);
  });

  const renderNew = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    const orgs = await aid.requestableOrgs(deps, req.actor);
    if (orgs.length === 0) throw forbidden();
    return <av.NewRequestPage state={state} orgs={orgs} />;
  };
  app.get('/fund/requests/new', async (req, reply) => reply.page(await renderNew(req)));
  app.post('/fund/requests/new', { config: { form: renderNew } }, async (req, reply) => {
    requirePerson(req);
    if ((await aid.requestableOrgs(deps, req.actor)).length === 0) throw forbidden();
    const r = await aid.createAidRequest(deps, req.actor, parseInput(aidRequestSchema, req.body), { locale: req.i18n.locale });
    return reply.seeOther(`/fund/requests/${r.id}`, { kind: 'ok', key: 'solidarity.requests.created' });
  });

  const renderRequest = async (req: FastifyRequest, state?: FormState) => {
    requirePerson(req);
    const view = await aid.viewAidRequest(deps, req.actor, params(req).id!, readerLang(req));
    return <av.RequestPage view={view} state={state} disburseKey={newId()} today={today()} viewer={await viewer(req)} />;
  };
  app.get('/fund/requests/:id', async (req, reply) => reply.page(await renderRequest(req)));

  app.post('/fund/requests/:id/disbursements', { config: { form: renderRequest } }, async (req, reply) => {
    requirePerson(req);
    const id = params(req).id!;
    // Who may disburse is decided before the form is read: nobody for their own organisation.
    await aid.assertMayDisburse(deps, req.actor, id);
    const result = await aid.disburse(deps, req.actor, id, parseInput(disbursementSchema, req.body));
    const key = result.replayed ? 'solidarity.record.alreadyRecorded' : result.posted ? 'solidarity.disbursements.posted' : 'solidarity.disbursements.awaiting';
    return reply.seeOther(`/fund/requests/${id}`, { kind: 'ok', key });
  });

  const disbursementAction = (path: string, run: (req: FastifyRequest) => Promise<string>, flash: string) =>
    app.post(path, async (req, reply) => {
      requirePerson(req);
      const requestId = await run(req);
      return reply.seeOther(`/fund/requests/${requestId}`, { kind: 'ok', key: flash });
    });
  disbursementAction(
    '/fund/disbursements/:id/approve',
    async (req) => {
      const posted = await aid.approveDisbursement(deps, req.actor, params(req).id!);
      return String(posted.transaction.details.requestId);
    },
    'solidarity.disbursements.approved',
  );
  disbursementAction(
    '/fund/disbursements/:id/cancel',
    async (req) => {
      await aid.cancelDisbursement(deps, req.actor, params(req).id!);
      return (await repo.findDisbursement(deps.db, params(req).id!))!.requestId;
    },
    'solidarity.disbursements.cancelled',
  );

  const renderReport = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    const view = await aid.viewAidRequest(deps, req.actor, params(req).id!, req.i18n.locale);
    if (!canSpeakForOrg(req.actor, view.request.orgId)) throw forbidden();
    return <av.ReportFormPage view={view} state={state} />;
  };
  app.get('/fund/requests/:id/report', async (req, reply) => reply.page(await renderReport(req)));
  app.post('/fund/requests/:id/report', { config: { form: renderReport } }, async (req, reply) => {
    requirePerson(req);
    const r = await repo.findRequest(deps.db, params(req).id!);
    if (r && !canSpeakForOrg(req.actor, r.orgId)) throw forbidden();
    await aid.postReport(deps, req.actor, params(req).id!, parseInput(reportSchema, req.body));
    return reply.seeOther(`/fund/requests/${params(req).id!}`, { kind: 'ok', key: 'solidarity.request.reportSaved' });
  });

  // Translations of the purpose and the report, after they were posted: the requesting organisation's org-admins.
  const renderTranslate = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    const v = await aid.aidRequestVersions(deps, req.actor, params(req).id!);
    return <av.TranslateRequestPage request={v.request} purpose={v.purpose} report={v.report} state={state} />;
  };
  app.get('/fund/requests/:id/translate', async (req, reply) => reply.page(await renderTranslate(req)));
  app.post('/fund/requests/:id/translate', { config: { form: renderTranslate } }, async (req, reply) => {
    requirePerson(req);
    const id = params(req).id!;
    await aid.assertMayTranslate(deps, req.actor, id);
    const input = parseInput(aidTranslationSchema, req.body);
    await aid.translateAidRequest(deps, req.actor, id, input);
    // Back to the request in the language just added, so the translation shows.
    return reply.seeOther(`/fund/requests/${id}?lang=${input.lang}`, { kind: 'ok', key: 'solidarity.translate.saved' });
  });

  // ── Dues ──

  app.get('/fund/dues', async (req, reply) => {
    const myOrgs = req.actor.kind === 'person' ? [...(await repo.orgBriefs(deps.db, req.actor.memberships.map((m) => m.orgId))).values()] : [];
    return reply.page(<dv.BandsPage bands={await dues.listBands(deps)} viewer={await viewer(req)} myOrgs={myOrgs} />);
  });

  const renderOrgDues = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    return <dv.OrgDuesPage view={await dues.viewOrgDues(deps, req.actor, params(req).slug!)} state={state} />;
  };
  app.get('/fund/orgs/:slug/dues', async (req, reply) => reply.page(await renderOrgDues(req)));
  app.post('/fund/orgs/:slug/dues', { config: { form: renderOrgDues } }, async (req, reply) => {
    requirePerson(req);
    const org = await repo.findOrgBySlug(deps.db, params(req).slug!);
    if (org && !canSpeakForOrg(req.actor, org.id)) throw forbidden();
    await dues.chooseBand(deps, req.actor, params(req).slug!, parseInput(duesChoiceSchema, req.body));
    return reply.seeOther(`/fund/orgs/${params(req).slug!}/dues`, { kind: 'ok', key: 'solidarity.dues.saved' });
  });

  // ── Federation admins ──

  const renderAdmin = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    if (!isFedAdmin(req.actor)) throw forbidden();
    const failed = req.method === 'POST' ? (req.url.startsWith('/fund/admin/treasurers') ? 'treasurer' : req.url.startsWith('/fund/admin/thresholds') ? 'threshold' : 'band') : undefined;
    const data: fv.AdminData = {
      treasurers: await fund.listTreasurersFor(deps, req.actor),
      thresholds: await fund.viewThresholds(deps, req.actor),
      bands: await dues.listBands(deps),
    };
    return <fv.AdminPage data={data} state={state} failed={failed} viewer={await viewer(req)} />;
  };
  app.get('/fund/admin', async (req, reply) => reply.page(await renderAdmin(req)));
  const adminForm = (path: string, run: (req: FastifyRequest) => Promise<unknown>, flash: string) =>
    app.post(path, { config: { form: renderAdmin } }, async (req, reply) => {
      requirePerson(req);
      if (!isFedAdmin(req.actor)) throw forbidden();
      await run(req);
      return reply.seeOther('/fund/admin', { kind: 'ok', key: flash });
    });
  adminForm('/fund/admin/treasurers', (req) => fund.grantTreasurer(deps, req.actor, parseInput(treasurerSchema, req.body).email), 'solidarity.admin.granted');
  adminForm('/fund/admin/treasurers/:personId/revoke', (req) => fund.revokeTreasurer(deps, req.actor, params(req).personId!), 'solidarity.admin.revoked');
  adminForm(
    '/fund/admin/thresholds',
    (req) => {
      const input = parseInput(thresholdSchema, req.body);
      return fund.setThreshold(deps, req.actor, input.thresholdCurrency, input.threshold, { currency: 'thresholdCurrency', amount: 'threshold' });
    },
    'solidarity.admin.thresholdSaved',
  );
  adminForm('/fund/admin/bands', (req) => dues.createBand(deps, req.actor, parseInput(bandSchema, req.body)), 'solidarity.band.added');
  adminForm('/fund/admin/bands/:id/retire', (req) => dues.retireBand(deps, req.actor, params(req).id!), 'solidarity.band.retired');
}
