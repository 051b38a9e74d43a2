// The fund over JSON: the public report to anyone; ledger entries, accounts and
// requests to members; recording to treasurers; requests and reports to the
// requesting organisation's admins. Amounts go in as decimal strings in the
// currency's precision ("12.50" EUR, "1500" JPY) and come out both ways.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { isFedAdmin } from '../../kernel/auth/actor.js';
import { isLanguage, type PickedText } from '../../kernel/text/index.js';
import { formatMinor } from './currencies.js';
import * as fund from './fund.service.js';
import * as aid from './aid.service.js';
import * as dues from './dues.service.js';
import { fundReport } from './report.service.js';
import type { Posted, Transaction } from './ledger.service.js';
import type * as repo from './solidarity.repository.js';
import { canSpeakForOrg } from './solidarity.policy.js';
import { EXPENSE_CATEGORIES, INCOME_CATEGORIES, keySchema } from './solidarity.schemas.js';
import { AID_TEXT_FIELDS, textTranslationApiSchema } from './learning.schemas.js';
import { urgencies } from './solidarity.tables.js';

const tags = ['fund'];
const money = { amount: z.string().describe("Decimal, in the currency's precision"), amountMinor: z.number().int().describe('Integer minor units'), currency: z.string() };
const moneyJson = (minor: number, currency: string) => ({ amount: formatMinor(minor, currency), amountMinor: minor, currency });
const text = z
  .object({
    body: z.string(),
    lang: z.string(),
    fallback: z.boolean(),
    languages: z.array(z.string()),
    translator: z.string().nullable().describe('Who translated the version shown (null for the original)'),
    machine: z.boolean().describe('The version shown is a machine translation'),
  })
  .nullable();
const textJson = (p: PickedText | undefined) =>
  p ? { body: p.body, lang: p.lang, fallback: p.fallback, languages: p.available, translator: p.isSource ? null : p.translator, machine: !p.isSource && p.machine } : null;
const langQuery = z.string().max(10).optional().describe("The reader's language (ISO 639-1)");
const idParams = z.object({ id: z.string().max(40) });

const posting = z.object({ line: z.number(), account: z.string(), accountKind: z.string(), orgId: z.string().nullable(), ...money });
const transaction = z.object({
  id: z.string(),
  seq: z.number(),
  idempotencyKey: z.string(),
  kind: z.string(),
  occurredOn: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  orgId: z.string().nullable(),
  category: z.string().nullable(),
  reference: z.string().nullable(),
  memo: z.string().nullable(),
  reversesId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).describe('An exchange states its rate and rateDate here'),
  hash: z.string(),
  postings: z.array(posting),
});
const txJson = (t: Transaction) => ({
  id: t.id,
  seq: t.seq,
  idempotencyKey: t.idempotencyKey,
  kind: t.kind,
  occurredOn: t.occurredOn,
  recordedAt: t.recordedAt.toISOString(),
  recordedBy: t.recordedBy,
  orgId: t.orgId,
  category: t.category,
  reference: t.reference,
  memo: t.memo,
  reversesId: t.reversesId,
  details: t.details,
  hash: t.hash,
  postings: t.postings.map((p) => ({ line: p.line, account: p.accountCode, accountKind: p.accountKind, orgId: p.orgId, ...moneyJson(p.amountMinor, p.currency) })),
});
const postedSchema = z.object({ replayed: z.boolean().describe('True when this key was already used for the same content: nothing new was posted'), transaction });
const postedJson = (p: Posted) => ({ replayed: p.replayed, transaction: txJson(p.transaction) });

const entry = {
  key: keySchema.describe('Idempotency key: a retry with the same key and content posts nothing new; other content is refused (409)'),
  amount: z.string().max(40),
  occurredOn: z.string().max(10).describe('yyyy-mm-dd, the day the money moved'),
  reference: z.string().max(300).optional().default('').describe('An invoice number or a link'),
  memo: z.string().max(1000).optional().default(''),
};
const incomeApi = z.object({ ...entry, category: z.enum(INCOME_CATEGORIES), org: z.string().max(40).optional().default('').describe('Short name of the paying organisation (dues)'), currency: z.string().max(3) });
const expenseApi = z.object({ ...entry, category: z.enum(EXPENSE_CATEGORIES), currency: z.string().max(3) });
const exchangeApi = z.object({
  key: entry.key,
  fromCurrency: z.string().max(3),
  fromAmount: z.string().max(40),
  toCurrency: z.string().max(3),
  toAmount: z.string().max(40),
  occurredOn: entry.occurredOn,
  reference: entry.reference,
  memo: entry.memo,
});
const reverseApi = z.object({ key: entry.key, memo: z.string().min(1).max(1000).describe('Why: the reversal says what it corrects') });
const requestApi = z.object({
  org: z.string().max(40),
  title: z.string().min(1).max(200),
  lang: z.string().max(10),
  purpose: z.string().min(1).max(10_000),
  currency: z.string().max(3),
  amount: z.string().max(40),
  urgency: z.enum(urgencies),
  timeline: z.string().min(1).max(2000),
  reportPlan: z.string().min(1).max(2000),
  undisclosed: z.boolean().optional().default(false).describe('Not named beside the grant on the public report'),
});
const disburseApi = z.object({ key: entry.key, amount: entry.amount, occurredOn: entry.occurredOn, reference: entry.reference, memo: entry.memo });
const reportApi = z.object({ lang: z.string().max(10), report: z.string().min(1).max(10_000) });

const request = z.object({
  id: z.string(),
  org: z.object({ slug: z.string(), name: z.string() }).nullable(),
  title: z.string(),
  ...money,
  urgency: z.enum(urgencies),
  status: z.string(),
  undisclosed: z.boolean(),
  proposalId: z.string().nullable(),
  purpose: text,
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
const disbursement = z.object({ id: z.string(), ...money, occurredOn: z.string(), reference: z.string().nullable(), status: z.string(), transactionId: z.string().nullable() });
const requestDetail = request.extend({
  timeline: z.string(),
  reportPlan: z.string(),
  report: text,
  grant: z.object({ account: z.string(), remaining: z.string(), remainingMinor: z.number(), pending: z.string() }).nullable(),
  disbursements: z.array(disbursement),
  transactions: z.array(z.string()).describe('Ids of the ledger transactions of this request, oldest first'),
});
const summaryJson = (s: aid.RequestSummary) => ({
  id: s.request.id,
  org: s.org ? { slug: s.org.slug, name: s.org.name } : null,
  title: s.request.title,
  ...moneyJson(s.request.amountMinor, s.request.currency),
  urgency: s.request.urgency,
  status: s.request.status,
  undisclosed: s.request.undisclosed,
  proposalId: s.request.proposalId,
  purpose: textJson(s.purpose),
  createdAt: s.request.createdAt.toISOString(),
  decidedAt: s.request.decidedAt?.toISOString() ?? null,
});
const disbursementJson = (d: repo.Disbursement) => ({
  id: d.id,
  ...moneyJson(d.amountMinor, d.currency),
  occurredOn: d.occurredOn,
  reference: d.reference,
  status: d.status,
  transactionId: d.transactionId,
});

const band = z.object({ id: z.string(), name: z.string(), basis: z.enum(['budget', 'ppp']), pppGroup: z.number().nullable(), budgetMin: z.string().nullable(), budgetMax: z.string().nullable(), suggested: z.string(), currency: z.string(), period: z.string() });
const bandJson = (b: repo.DuesBand) => ({
  id: b.id,
  name: b.name,
  basis: b.basis,
  pppGroup: b.pppGroup,
  budgetMin: b.budgetMinMinor === null ? null : formatMinor(b.budgetMinMinor, b.currency),
  budgetMax: b.budgetMaxMinor === null ? null : formatMinor(b.budgetMaxMinor, b.currency),
  suggested: formatMinor(b.suggestedMinor, b.currency),
  currency: b.currency,
  period: b.period,
});

export async function solidarityApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest, asked?: string) => {
    const l = asked?.toLowerCase();
    return l && isLanguage(l) ? l : req.i18n.locale;
  };

  api.get(
    '/api/v1/fund/report',
    {
      schema: {
        tags,
        summary: 'The public transparency report',
        description: 'Balances per currency (never converted), income and spending per quarter and category (a figure from fewer than 3 organisations is folded into "other"), grants and dues (organisations that asked are not named).',
        security: optionalAuth,
        querystring: z.object({ lang: langQuery }),
        response: {
          200: z.object({
            balances: z.array(z.object({ currency: z.string(), free: z.string(), earmarked: z.string(), held: z.string() })),
            flows: z.array(z.object({ quarter: z.string(), direction: z.enum(['in', 'out']), category: z.string(), ...money })),
            grants: z.array(z.object({ title: z.string(), org: z.string().nullable().describe('null: undisclosed'), purpose: text, ...money, disbursed: z.string(), decidedOn: z.string().nullable(), reported: z.boolean() })),
            dues: z.object({ year: z.number(), lines: z.array(z.object({ org: z.string().nullable().describe('null: the undisclosed line'), orgs: z.number(), ...money })), solidarityMembers: z.number() }),
          }),
          ...errors(422),
        },
      },
    },
    async (req) => {
      const r = await fundReport(deps.db, { lang: lang(req, req.query.lang), year: deps.clock.now().getUTCFullYear() });
      return {
        balances: r.balances.map((b) => ({ currency: b.currency, free: formatMinor(b.freeMinor, b.currency), earmarked: formatMinor(b.earmarkedMinor, b.currency), held: formatMinor(b.heldMinor, b.currency) })),
        flows: r.flows.map((f) => ({ quarter: f.quarter, direction: f.direction, category: f.category, ...moneyJson(f.minor, f.currency) })),
        grants: r.grants.map((g) => ({
          title: g.title,
          org: g.org,
          purpose: textJson(g.purpose),
          ...moneyJson(g.amountMinor, g.currency),
          disbursed: formatMinor(g.disbursedMinor, g.currency),
          decidedOn: g.decidedOn,
          reported: g.reported,
        })),
        dues: { year: r.year, lines: r.dues.map((d) => ({ org: d.org, orgs: d.orgs, ...moneyJson(d.minor, d.currency) })), solidarityMembers: r.solidarityMembers },
      };
    },
  );

  api.get(
    '/api/v1/fund/transactions',
    {
      schema: {
        tags,
        summary: 'Ledger transactions, newest first (members of the federation)',
        querystring: z.object({ before: z.coerce.number().int().min(1).optional().describe('The `next` value of the previous page'), limit: z.coerce.number().int().min(1).max(500).optional() }),
        response: { 200: z.object({ items: z.array(transaction), next: z.number().nullable() }), ...errors(401, 403) },
      },
    },
    async (req) => {
      requirePerson(req);
      const page = await fund.viewLedger(deps, req.actor, { ...(req.query.before ? { before: req.query.before } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) });
      return { items: page.transactions.map(txJson), next: page.next ?? null };
    },
  );

  api.get(
    '/api/v1/fund/transactions/:id',
    { schema: { tags, summary: 'One ledger transaction (members)', params: idParams, response: { 200: transaction.extend({ reversedBy: z.string().nullable() }), ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      const v = await fund.viewTransaction(deps, req.actor, req.params.id);
      return { ...txJson(v.transaction), reversedBy: v.reversedBy ?? null };
    },
  );

  api.get(
    '/api/v1/fund/accounts',
    {
      schema: {
        tags,
        summary: 'Every account and its balance (members)',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), kind: z.string(), orgId: z.string().nullable(), balance: z.string(), balanceMinor: z.number(), currency: z.string() })) }), ...errors(401, 403) },
      },
    },
    async (req) => {
      requirePerson(req);
      const { accounts } = await fund.viewAccounts(deps, req.actor);
      return { items: accounts.map((a) => ({ code: a.code, kind: a.kind, orgId: a.orgId, balance: formatMinor(a.balanceMinor, a.currency), balanceMinor: a.balanceMinor, currency: a.currency })) };
    },
  );

  const posted = { 201: postedSchema, 200: postedSchema, ...errors(401, 403, 404, 409, 422) };
  const record = <B extends z.ZodType>(path: string, summary: string, body: B, run: (req: FastifyRequest, body: z.output<B>) => Promise<Posted>) =>
    api.post(path, { schema: { tags, summary, body, response: posted } }, async (req, reply) => {
      requirePerson(req);
      await fund.assertTreasurer(deps, req.actor);
      const result = await run(req, req.body as z.output<B>);
      return reply.code(result.replayed ? 200 : 201).send(postedJson(result));
    });
  record('/api/v1/fund/income', 'Record income: dues, a donation, an outside grant (treasurers)', incomeApi, (req, b) => fund.recordIncome(deps, req.actor, { ...b, currency: b.currency.toUpperCase() }));
  record('/api/v1/fund/expenses', 'Record an expense (treasurers)', expenseApi, (req, b) => fund.recordExpense(deps, req.actor, { ...b, currency: b.currency.toUpperCase() }));
  record('/api/v1/fund/exchanges', 'Record a currency exchange; the transaction states the rate and its date (treasurers)', exchangeApi, (req, b) =>
    fund.recordExchange(deps, req.actor, { ...b, fromCurrency: b.fromCurrency.toUpperCase(), toCurrency: b.toCurrency.toUpperCase() }),
  );
  api.post(
    '/api/v1/fund/transactions/:id/reverse',
    { schema: { tags, summary: 'Reverse a transaction: a new one that undoes it (treasurers; never for their own organisation)', params: idParams, body: reverseApi, response: posted } },
    async (req, reply) => {
      requirePerson(req);
      await fund.assertTreasurer(deps, req.actor);
      const result = await fund.reverseTransaction(deps, req.actor, req.params.id, req.body);
      return reply.code(result.replayed ? 200 : 201).send(postedJson(result));
    },
  );

  // ── Aid requests ──

  api.get(
    '/api/v1/fund/requests',
    { schema: { tags, summary: 'Aid requests, newest first (members)', querystring: z.object({ lang: langQuery }), response: { 200: z.object({ items: z.array(request) }), ...errors(401, 403) } } },
    async (req) => {
      requirePerson(req);
      return { items: (await aid.listAidRequests(deps, req.actor, lang(req, req.query.lang))).map(summaryJson) };
    },
  );

  const detail = async (req: FastifyRequest, id: string, asked?: string) => {
    const v = await aid.viewAidRequest(deps, req.actor, id, lang(req, asked));
    return {
      ...summaryJson(v),
      timeline: v.request.timeline,
      reportPlan: v.request.reportPlan,
      report: textJson(v.report),
      grant: v.grant
        ? { account: v.grant.code, remaining: formatMinor(v.grant.balanceMinor, v.grant.currency), remainingMinor: v.grant.balanceMinor, pending: formatMinor(v.pendingMinor, v.grant.currency) }
        : null,
      disbursements: v.disbursements.map(disbursementJson),
      transactions: v.transactions.map((t) => t.id),
    };
  };

  api.post(
    '/api/v1/fund/requests',
    {
      schema: {
        tags,
        summary: "Ask the fund for aid (the organisation's org-admins)",
        description: 'Opens a governance proposal of kind funding, closing after 3 (urgent), 7 (soon) or 14 (routine) days.',
        body: requestApi,
        response: { 201: requestDetail, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const r = await aid.createAidRequest(deps, req.actor, { ...req.body, currency: req.body.currency.toUpperCase(), lang: req.body.lang.toLowerCase() }, { locale: req.i18n.locale });
      return reply.code(201).send(await detail(req, r.id));
    },
  );

  api.get(
    '/api/v1/fund/requests/:id',
    { schema: { tags, summary: 'One aid request and its whole story (members)', params: idParams, querystring: z.object({ lang: langQuery }), response: { 200: requestDetail, ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      return detail(req, req.params.id, req.query.lang);
    },
  );

  api.post(
    '/api/v1/fund/requests/:id/disbursements',
    {
      schema: {
        tags,
        summary: 'Pay out of a grant (treasurers not of the receiving organisation)',
        description: 'Posted at once up to the threshold of its currency; above it (or with no threshold set) it waits for a second treasurer.',
        params: idParams,
        body: disburseApi,
        response: { 201: z.object({ disbursement, pending: z.boolean(), replayed: z.boolean() }), 200: z.object({ disbursement, pending: z.boolean(), replayed: z.boolean() }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      await aid.assertMayDisburse(deps, req.actor, req.params.id);
      const r = await aid.disburse(deps, req.actor, req.params.id, req.body);
      return reply.code(r.replayed ? 200 : 201).send({ disbursement: disbursementJson(r.disbursement), pending: r.disbursement.status === 'pending', replayed: r.replayed });
    },
  );

  api.post(
    '/api/v1/fund/disbursements/:id/approve',
    { schema: { tags, summary: 'Approve a pending disbursement (a second treasurer, not of the receiving organisation)', params: idParams, response: { 201: postedSchema, ...errors(401, 403, 404, 409) } } },
    async (req, reply) => {
      requirePerson(req);
      return reply.code(201).send(postedJson(await aid.approveDisbursement(deps, req.actor, req.params.id)));
    },
  );

  api.post(
    '/api/v1/fund/disbursements/:id/cancel',
    { schema: { tags, summary: 'Cancel a pending disbursement (treasurers not of the receiving organisation)', params: idParams, response: { 204: z.null(), ...errors(401, 403, 404, 409) } } },
    async (req, reply) => {
      requirePerson(req);
      await aid.cancelDisbursement(deps, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );

  api.put(
    '/api/v1/fund/requests/:id/report',
    { schema: { tags, summary: 'Report on how the money was used, in one language (the organisation’s org-admins)', params: idParams, body: reportApi, response: { 200: requestDetail, ...errors(401, 403, 404, 409, 422) } } },
    async (req) => {
      requirePerson(req);
      await aid.postReport(deps, req.actor, req.params.id, { lang: req.body.lang.toLowerCase(), report: req.body.report });
      return detail(req, req.params.id, req.body.lang);
    },
  );

  api.put(
    '/api/v1/fund/requests/:id/translations/:field/:lang',
    {
      schema: {
        tags,
        summary: "Add or replace a translation of the purpose or the report (the requesting organisation's org-admins)",
        description: 'Credited to its translator, or flagged as a machine translation. 409 SOLIDARITY_NOTHING_TO_TRANSLATE before a report exists; 422 SOLIDARITY_TRANSLATION_IS_ORIGINAL for the language it was written in.',
        params: z.object({ id: z.string().max(40), field: z.enum(AID_TEXT_FIELDS), lang: z.string().max(10) }),
        body: textTranslationApiSchema,
        response: { 200: requestDetail, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await aid.assertMayTranslate(deps, req.actor, req.params.id);
      const l = req.params.lang.toLowerCase();
      if (!isLanguage(l)) throw new AppError('TEXT_UNKNOWN_LANGUAGE', 422, { fields: { lang: { key: 'error.TEXT_UNKNOWN_LANGUAGE' } } });
      await aid.translateAidRequest(deps, req.actor, req.params.id, { field: req.params.field, lang: l, body: req.body.body, translator: req.body.translator?.trim() || null, machine: req.body.machine ?? false });
      return detail(req, req.params.id, l);
    },
  );

  // ── Dues ──

  api.get(
    '/api/v1/fund/dues/bands',
    { schema: { tags, summary: 'The dues bands (a suggested amount of zero is solidarity membership)', security: optionalAuth, response: { 200: z.object({ items: z.array(band) }), ...errors(422) } } },
    async () => ({ items: (await dues.listBands(deps)).map(bandJson) }),
  );

  const orgDues = z.object({
    band: band.nullable(),
    undisclosed: z.boolean(),
    year: z.number(),
    schedule: z.array(z.object({ dueOn: z.string(), amount: z.string() })),
    paid: z.array(z.object({ ...money })),
  });
  const orgDuesJson = (v: dues.OrgDues) => ({
    band: v.band ? bandJson(v.band) : null,
    undisclosed: v.choice?.undisclosed ?? false,
    year: v.year,
    schedule: v.schedule.map((s) => ({ dueOn: s.dueOn, amount: formatMinor(s.amountMinor, v.band!.currency) })),
    paid: v.paid.map((p) => moneyJson(p.minor, p.currency)),
  });
  const slugParams = z.object({ slug: z.string().max(40) });
  api.get(
    '/api/v1/fund/orgs/:slug/dues',
    { schema: { tags, summary: "An organisation's band, dues schedule and payments this year (its people and members of the federation)", params: slugParams, response: { 200: orgDues, ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      return orgDuesJson(await dues.viewOrgDues(deps, req.actor, req.params.slug));
    },
  );
  api.put(
    '/api/v1/fund/orgs/:slug/dues',
    {
      schema: {
        tags,
        summary: "Choose the organisation's dues band (its org-admins)",
        params: slugParams,
        body: z.object({ band: z.string().max(40), undisclosed: z.boolean().optional().default(false) }),
        response: { 200: orgDues, ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      const view = await dues.viewOrgDues(deps, req.actor, req.params.slug);
      if (!canSpeakForOrg(req.actor, view.org.id)) throw forbidden();
      await dues.chooseBand(deps, req.actor, req.params.slug, req.body);
      return orgDuesJson(await dues.viewOrgDues(deps, req.actor, req.params.slug));
    },
  );

  // ── Treasurers (federation admins) ──

  const treasurer = z.object({ personId: z.string(), displayName: z.string(), grantedAt: z.string() });
  api.get(
    '/api/v1/fund/treasurers',
    { schema: { tags, summary: 'Who holds the treasurer role (federation admins)', response: { 200: z.object({ items: z.array(treasurer) }), ...errors(401, 403) } } },
    async (req) => {
      requirePerson(req);
      return { items: (await fund.listTreasurersFor(deps, req.actor)).map((t) => ({ personId: t.personId, displayName: t.displayName, grantedAt: t.grantedAt.toISOString() })) };
    },
  );
  api.post(
    '/api/v1/fund/treasurers',
    {
      schema: {
        tags,
        summary: 'Make someone a treasurer, by e-mail address (federation admins; never themselves)',
        body: z.object({ email: z.string().max(254) }),
        response: { 201: z.object({ personId: z.string(), displayName: z.string() }), ...errors(401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      if (!isFedAdmin(req.actor)) throw forbidden();
      return reply.code(201).send(await fund.grantTreasurer(deps, req.actor, req.body.email));
    },
  );
  api.delete(
    '/api/v1/fund/treasurers/:personId',
    { schema: { tags, summary: 'End someone’s treasurer role (federation admins)', params: z.object({ personId: z.string().max(40) }), response: { 204: z.null(), ...errors(401, 403, 404) } } },
    async (req, reply) => {
      requirePerson(req);
      await fund.revokeTreasurer(deps, req.actor, req.params.personId);
      return reply.code(204).send(null);
    },
  );
}
