// What other modules do when a proposal of their kind is decided. A module
// registers its handlers once (from registerJobs in app.ts, so that `hearth
// worker` has them too) and never touches governance internals.
//
// Handlers run INSIDE the transaction that closes the proposal (or withdraws
// it, or records its outcome statement). The status change and its consequence
// commit together or not at all: a handler that throws rolls the close back,
// the close job is retried with backoff and its error shows on /admin/jobs, so
// no decision is ever recorded without its consequence, nor lost. Therefore a
// handler must be quick and make no network calls (queue mail with queueMail,
// enqueue a job for anything slow).
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import type { Proposal } from './governance.repository.js';
import type { Tally } from './governance.rules.js';
import type { ProposalKind } from './governance.tables.js';

export type HookDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

export interface ProposalDecision {
  /** The proposal as it is after the change (status already set). */
  proposal: Proposal;
  /** `withdrawn` lets the module release what the proposal was about. */
  outcome: 'passed' | 'not_passed' | 'withdrawn';
  /** The count at the close; null when withdrawn. */
  tally: Tally | null;
}

export interface OutcomeStatement {
  proposal: Proposal;
  /** The language the statement was just saved in, and its text. */
  lang: string;
  statement: string;
}

export interface HookContext {
  /** The transaction of the close: write through it, and only through it. */
  trx: Db;
  deps: HookDeps;
}

export type DecisionHandler = (decision: ProposalDecision, ctx: HookContext) => Promise<void>;
export type OutcomeHandler = (outcome: OutcomeStatement, ctx: HookContext) => Promise<void>;

const decided = new Map<ProposalKind, Set<DecisionHandler>>();
const outcomes = new Map<ProposalKind, Set<OutcomeHandler>>();

function add<H>(map: Map<ProposalKind, Set<H>>, kind: ProposalKind, handler: H): () => void {
  let set = map.get(kind);
  if (!set) map.set(kind, (set = new Set()));
  // A Set: registering the same function again (one registerJobs per app built) adds nothing.
  set.add(handler);
  return () => void set.delete(handler);
}

/** Run `handler` whenever a proposal of `kind` passes, does not pass, or is withdrawn. Returns a function that unregisters it. */
export function onProposalDecided(kind: ProposalKind, handler: DecisionHandler): () => void {
  return add(decided, kind, handler);
}

/** Run `handler` whenever a coordinator saves the outcome statement of a decided proposal of `kind`. */
export function onOutcomeRecorded(kind: ProposalKind, handler: OutcomeHandler): () => void {
  return add(outcomes, kind, handler);
}

export async function runDecisionHandlers(decision: ProposalDecision, ctx: HookContext): Promise<void> {
  for (const h of decided.get(decision.proposal.kind) ?? []) await h(decision, ctx);
}

export async function runOutcomeHandlers(outcome: OutcomeStatement, ctx: HookContext): Promise<void> {
  for (const h of outcomes.get(outcome.proposal.kind) ?? []) await h(outcome, ctx);
}
