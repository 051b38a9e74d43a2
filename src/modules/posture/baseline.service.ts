// The baseline: the shipped catalogue loaded into the database (texts and the
// first published version), reading practices and versions, member
// translations, and baseline changes decided through governance.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { lockForChain } from '../../kernel/db/dialect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, personOf, systemActor } from '../../kernel/auth/actor.js';
import { AppError, forbidden, validationFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { getSetting, setSetting } from '../../kernel/settings.js';
import { nowTs, toTimestamp } from '../../kernel/time.js';
import { listTranslations, normaliseLang, pickText, setText, type PickedText, type TextVersion } from '../../kernel/text/index.js';
import { createProposal, onProposalDecided, type CreateProposalInput, type DecisionHandler } from '../governance/index.js';
import { catalogue, findShippedPractice, shippedRules, shippedTexts, shippedTextsHash, SOURCE_LANG, TEXT_FIELDS, type PracticeDef, type PracticeRule, type TextField } from './baseline/index.js';
import * as repo from './baseline.repository.js';
import * as errors from './baseline.errors.js';
import { applyChanges, definitionChanged, resolveOps, sameRules } from './baseline.changes.js';
import { canProposeBaselineChange, canTranslatePractice, canViewHelp } from './baseline.policy.js';
import type { ChangeOp, PracticeTranslationInput } from './baseline.schemas.js';

export type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

/** Owner type of practice texts in the kernel's `texts` table. */
export const PRACTICE_OWNER = 'posture_practice';
/** Subject type of baseline-change proposals in governance. */
export const CHANGE_SUBJECT = 'posture_baseline_change';
const TEXTS_SETTING = 'posture.baseline.texts';
/** Shipped translations are credited to the project and flagged as machine-made until a person reviews them. */
export const SHIPPED_TRANSLATOR = 'Hearth baseline';

const hub = systemActor('posture');

// ── Loading the shipped catalogue ────────────────────────────────────────

/**
 * Brings the database in line with the shipped catalogue, once per process and
 * database: inserts missing texts, updates shipped texts whose wording changed
 * in a new release (never a version a person wrote or reviewed), and publishes
 * version 1 from the shipped rules when nothing was published yet. Later
 * releases never change the published baseline: that takes a governance decision.
 */
export async function syncShippedCatalogue(deps: Pick<D, 'db' | 'clock'>): Promise<void> {
  const hash = shippedTextsHash();
  const textsDone = (await getSetting(deps.db, TEXTS_SETTING)) === hash;
  const versionDone = (await repo.findLatestVersion(deps.db)) !== undefined;
  if (textsDone && versionDone) return;
  await deps.db.transaction().execute(async (trx) => {
    // One loader at a time across processes (PostgreSQL); SQLite's one writer already serialises.
    await lockForChain(trx, 'posture_baseline_sync');
    const now = deps.clock.now();
    if ((await getSetting(trx, TEXTS_SETTING)) !== hash) {
      const existing = new Map((await repo.listPracticeTextRows(trx, PRACTICE_OWNER)).map((r) => [`${r.owner_id}|${r.field}|${r.lang}`, r]));
      let written = 0;
      // The English source first: a translation needs its source to exist.
      const rows = shippedTexts().sort((a, b) => Number(b.lang === SOURCE_LANG) - Number(a.lang === SOURCE_LANG));
      for (const row of rows) {
        const have = existing.get(`${row.practiceId}|${row.field}|${row.lang}`);
        // A version a person saved (created_by set) is theirs: a release never overwrites it.
        if (have && (have.created_by !== null || have.body === row.body)) continue;
        const source = row.lang === SOURCE_LANG;
        await setText(trx, {
          ownerType: PRACTICE_OWNER,
          ownerId: row.practiceId,
          field: row.field,
          lang: row.lang,
          body: row.body,
          source,
          ...(source ? {} : { translator: SHIPPED_TRANSLATOR, machine: true }),
          by: null,
          now,
        });
        written++;
      }
      await setSetting(trx, TEXTS_SETTING, hash);
      if (written > 0) await audit(trx, hub, 'posture.baseline.texts_loaded', { data: { texts: written } });
    }
    if (!(await repo.findLatestVersion(trx))) {
      const inserted = await repo.insertVersion(trx, { version: 1, published_at: toTimestamp(now), proposal_id: null, rules: JSON.stringify(shippedRules()), changes: '[]' });
      if (inserted) await audit(trx, hub, 'posture.baseline.published', { targetType: 'baseline_version', targetId: '1', data: { version: 1, practices: catalogue.length, initial: true } });
    }
  });
}

const loaded = new WeakMap<object, Promise<void>>();

/** Makes sure the catalogue is loaded before anything reads it; cheap after the first call. */
export function ensureBaseline(deps: Pick<D, 'db' | 'clock'>): Promise<void> {
  let p = loaded.get(deps.db);
  if (!p) {
    p = syncShippedCatalogue(deps).catch((err: unknown) => {
      loaded.delete(deps.db);
      throw err;
    });
    loaded.set(deps.db, p);
  }
  return p;
}

export async function currentVersion(deps: Pick<D, 'db' | 'clock'>): Promise<repo.BaselineVersion> {
  await ensureBaseline(deps);
  const v = await repo.findLatestVersion(deps.db);
  if (!v) throw new Error('posture baseline: no published version after loading');
  return v;
}

// ── Reading practices ────────────────────────────────────────────────────

export interface PracticeTexts {
  title: PickedText | undefined;
  why: PickedText | undefined;
  question: PickedText | undefined;
  guide: PickedText | undefined;
}

/** The texts of many practices in the reader's language, one query per field. */
export async function practiceTexts(db: Db, ids: readonly string[], lang: string, fields: readonly TextField[] = TEXT_FIELDS): Promise<Map<string, PracticeTexts>> {
  const picked = new Map<TextField, Map<string, PickedText>>();
  for (const f of fields) picked.set(f, await pickText(db, PRACTICE_OWNER, ids, f, lang));
  return new Map(ids.map((id) => [id, { title: picked.get('title')?.get(id), why: picked.get('why')?.get(id), question: picked.get('question')?.get(id), guide: picked.get('guide')?.get(id) }]));
}

export interface BaselineOverview {
  version: repo.BaselineVersion;
  practices: { rule: PracticeRule; title: PickedText | undefined; helpers: number }[];
  /** Shipped practices the published baseline lacks or defines differently: what a change could adopt. */
  pending: { added: string[]; changed: string[] };
  openChanges: repo.BaselineChangeRecord[];
}

/** What the shipped catalogue offers that the published baseline does not have (yet). */
export function pendingAdoption(published: readonly PracticeRule[]): { added: string[]; changed: string[] } {
  const current = new Map(published.map((r) => [r.id, r]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const s of shippedRules()) {
    const now = current.get(s.id);
    if (!now) added.push(s.id);
    else if (definitionChanged(now, s)) changed.push(s.id);
  }
  return { added, changed };
}

export async function viewBaseline(deps: Pick<D, 'db' | 'clock'>, lang: string): Promise<BaselineOverview> {
  const version = await currentVersion(deps);
  const titles = await pickText(deps.db, PRACTICE_OWNER, version.rules.map((r) => r.id), 'title', lang);
  const helpers = await repo.helperCounts(deps.db);
  return {
    version,
    practices: version.rules.map((rule) => ({ rule, title: titles.get(rule.id), helpers: helpers.get(rule.id) ?? 0 })),
    pending: pendingAdoption(version.rules),
    openChanges: await repo.listChanges(deps.db, { status: 'proposed', limit: 20 }),
  };
}

export interface PracticeView {
  id: string;
  /** The rule in the published baseline; undefined when the practice was retired or never adopted. */
  rule: PracticeRule | undefined;
  version: number;
  /** The shipped definition (references, and the rule a change could adopt); undefined for a practice no longer shipped. */
  shipped: PracticeDef | undefined;
  texts: PracticeTexts;
  /** Organisations that can help with it: only for people inside the federation. */
  helpers: repo.OrgBrief[] | undefined;
}

export async function viewPractice(deps: Pick<D, 'db' | 'clock'>, actor: Actor, id: string, lang: string): Promise<PracticeView> {
  const version = await currentVersion(deps);
  const rule = version.rules.find((r) => r.id === id);
  const shipped = findShippedPractice(id);
  const texts = (await practiceTexts(deps.db, [id], lang)).get(id)!;
  if (!rule && !shipped && !texts.title) throw errors.practiceNotFound();
  return { id, rule, version: version.version, shipped, texts, helpers: canViewHelp(actor) ? await repo.listHelpersFor(deps.db, id) : undefined };
}

/** Every language version of one text of a practice (for the translation page and the API). */
export async function practiceTranslations(deps: Pick<D, 'db' | 'clock'>, id: string, field: TextField): Promise<TextVersion[]> {
  await ensureBaseline(deps);
  return listTranslations(deps.db, { ownerType: PRACTICE_OWNER, ownerId: id }, field);
}

/**
 * A member adds or replaces one language of one practice text, credited as they
 * say. The English source changes only with a release of Hearth; a person's
 * version of a shipped language replaces the shipped one for good.
 */
export async function translatePractice(deps: Pick<D, 'db' | 'clock'>, actor: Actor, id: string, input: PracticeTranslationInput): Promise<TextVersion> {
  const person = personOf(actor);
  if (!person) throw new AppError('UNAUTHENTICATED', 401);
  if (!canTranslatePractice(actor)) throw forbidden();
  await ensureBaseline(deps);
  const shipped = findShippedPractice(id);
  const existing = await listTranslations(deps.db, { ownerType: PRACTICE_OWNER, ownerId: id }, 'title');
  if (!shipped && existing.length === 0) throw errors.practiceNotFound();
  if (input.field === 'question' && shipped && shipped.question === undefined) throw validationFailed({ field: 'baseline.translate.noQuestion' });
  const lang = normaliseLang(input.lang);
  if (lang === SOURCE_LANG) throw errors.sourceLanguage();
  return deps.db.transaction().execute(async (trx) => {
    const version = await setText(trx, {
      ownerType: PRACTICE_OWNER,
      ownerId: id,
      field: input.field,
      lang,
      body: input.body,
      source: false,
      translator: input.translator,
      machine: input.machine,
      by: person.id,
      now: deps.clock.now(),
    });
    await audit(trx, actor, 'posture.practice.translated', { targetType: 'posture_practice', targetId: id, data: { field: input.field, lang, machine: input.machine } });
    return version;
  });
}

// ── Versions ─────────────────────────────────────────────────────────────

export async function listBaselineVersions(deps: Pick<D, 'db' | 'clock'>): Promise<repo.BaselineVersion[]> {
  await ensureBaseline(deps);
  return repo.listVersions(deps.db);
}

export async function getBaselineVersion(deps: Pick<D, 'db' | 'clock'>, version: number): Promise<repo.BaselineVersion> {
  await ensureBaseline(deps);
  const v = Number.isInteger(version) && version > 0 ? await repo.findVersion(deps.db, version) : undefined;
  if (!v) throw errors.versionNotFound();
  return v;
}

// ── Changing the baseline through governance ─────────────────────────────

export interface BaselineChangeInput {
  proposal: Omit<CreateProposalInput, 'kind' | 'authorOrgId'>;
  authorOrgId: string | null;
  ops: ChangeOp[];
}

/** The change in words, for the proposal's body: one line per operation, in the proposer's language. */
export async function describeChanges(db: Db, changes: readonly repo.BaselineChange[], lang: string): Promise<string[]> {
  const t = translator(lang).t;
  const titles = await pickText(db, PRACTICE_OWNER, changes.map((c) => c.practiceId), 'title', lang);
  return changes.map((c) => {
    const title = titles.get(c.practiceId)?.body ?? c.practiceId;
    switch (c.op) {
      case 'add':
        return t('baseline.change.line.add', { title, weight: c.rule.weight });
      case 'retire':
        return t('baseline.change.line.retire', { title });
      case 'weight':
        return t('baseline.change.line.weight', { title, from: c.from, to: c.to });
      case 'update':
        return t('baseline.change.line.update', { title, checks: c.rule.checks.join(', ') });
    }
  });
}

/**
 * Opens a governance proposal of kind "baseline change" carrying the change.
 * The proposal and the change are created in one transaction; when the
 * proposal passes, the change is published as the next version (see baselineDecided).
 */
export async function proposeBaselineChange(deps: D, actor: Actor, input: BaselineChangeInput): Promise<{ change: repo.BaselineChangeRecord; proposalId: string }> {
  const person = personOf(actor);
  if (!person) throw new AppError('UNAUTHENTICATED', 401);
  if (!canProposeBaselineChange(actor, input.authorOrgId)) throw forbidden();
  const version = await currentVersion(deps);
  const { changes, problems } = resolveOps(input.ops, version.rules, shippedRules());
  if (problems.length > 0) {
    throw validationFailed(Object.fromEntries(problems.map((p) => [`practice.${p.practiceId}`, p.key])));
  }
  if (changes.length === 0) throw errors.noChange();
  const lines = await describeChanges(deps.db, changes, input.proposal.lang);
  const t = translator(input.proposal.lang).t;
  const id = newId();
  const body = [
    input.proposal.body,
    '',
    `${t('baseline.change.bodyIntro', { version: version.version, next: version.version + 1 })}`,
    '',
    ...lines.map((l) => `- ${l}`),
    '',
    `${deps.config.baseUrl}/baseline/changes/${id}`,
  ].join('\n');
  let created: repo.BaselineChangeRecord | undefined;
  const proposal = await createProposal(
    deps,
    actor,
    { ...input.proposal, body, kind: 'baseline_change', authorOrgId: input.authorOrgId },
    {
      subject: { type: CHANGE_SUBJECT, id },
      within: async (trx, p) => {
        const row = {
          id,
          proposal_id: p.id,
          base_version: version.version,
          changes: JSON.stringify(changes),
          status: 'proposed' as const,
          published_version: null,
          created_by: person.id,
          created_at: nowTs(deps.clock),
          decided_at: null,
        };
        await repo.insertChange(trx, row);
        await audit(trx, actor, 'posture.baseline.change_proposed', {
          targetType: 'posture_baseline_change',
          targetId: id,
          ...(input.authorOrgId ? { orgId: input.authorOrgId } : {}),
          data: { proposalId: p.id, baseVersion: version.version, changes: changes.map((c) => `${c.op}:${c.practiceId}`) },
        });
        created = (await repo.findChange(trx, id))!;
      },
    },
  );
  return { change: created!, proposalId: proposal.id };
}

/**
 * Runs inside governance's closing transaction. On pass, the change is applied
 * to the newest published version (not necessarily the one it was proposed
 * against: another change may have passed meanwhile; an operation that no
 * longer applies is skipped) and published as the next version.
 */
export const baselineDecided: DecisionHandler = async (decision, { trx, deps }) => {
  const p = decision.proposal;
  if (p.subject?.type !== CHANGE_SUBJECT) return;
  const change = await repo.lockChangeOfProposal(trx, p.id);
  if (!change || change.status !== 'proposed') return;
  const now = nowTs(deps.clock);
  const target = { targetType: 'posture_baseline_change', targetId: change.id };
  if (decision.outcome !== 'passed') {
    const status = decision.outcome === 'withdrawn' ? 'withdrawn' : 'not_passed';
    await repo.updateChange(trx, change.id, { status, published_version: null, decided_at: now });
    await audit(trx, hub, `posture.baseline.change_${status}`, { ...target, data: { proposalId: p.id } });
    return;
  }
  // Publishers one at a time (PostgreSQL), so two passing changes get two numbers.
  await lockForChain(trx, 'posture_baseline_versions');
  const latest = await repo.findLatestVersion(trx);
  const base = latest?.rules ?? shippedRules();
  const rules = applyChanges(base, change.changes);
  if (latest && sameRules(rules, latest.rules)) {
    await repo.updateChange(trx, change.id, { status: 'published', published_version: latest.version, decided_at: now });
    await audit(trx, hub, 'posture.baseline.change_published', { ...target, data: { proposalId: p.id, version: latest.version, unchanged: true } });
    return;
  }
  const version = (latest?.version ?? 0) + 1;
  await repo.insertVersion(trx, { version, published_at: now, proposal_id: p.id, rules: JSON.stringify(rules), changes: JSON.stringify(change.changes) });
  await repo.updateChange(trx, change.id, { status: 'published', published_version: version, decided_at: now });
  await audit(trx, hub, 'posture.baseline.published', { targetType: 'baseline_version', targetId: String(version), data: { version, proposalId: p.id, changeId: change.id, practices: rules.length } });
};

/** Once per process, from registerJobs (the worker closes proposals too). */
export function registerBaselineHooks(): void {
  onProposalDecided('baseline_change', baselineDecided);
}

export interface ChangeView {
  change: repo.BaselineChangeRecord;
  lines: string[];
}

export async function viewChange(deps: Pick<D, 'db' | 'clock'>, id: string, lang: string): Promise<ChangeView> {
  await ensureBaseline(deps);
  const change = await repo.findChange(deps.db, id);
  if (!change) throw new AppError('NOT_FOUND', 404);
  return { change, lines: await describeChanges(deps.db, change.changes, lang) };
}
