// The one place projects touches governance, and only through its index.ts:
// projects store proposal ids (in project_links) and ask governance for a title
// and status to show. Should governance change or be absent, only this file changes.
import type { Deps } from '../../kernel/deps.js';
import { anonymous } from '../../kernel/auth/actor.js';
import { AppError } from '../../kernel/errors.js';
import type { PickedText } from '../../kernel/text/index.js';
import { viewProposal } from '../governance/index.js';

export interface LinkedProposal {
  id: string;
  /** Absent when governance no longer knows the proposal. */
  title: PickedText | undefined;
  status: string | undefined;
  found: boolean;
}

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

async function lookUp(deps: D, id: string, lang: string): Promise<LinkedProposal> {
  try {
    // What the public may read of it: the same as anyone opening the proposal's page.
    const view = await viewProposal(deps, anonymous, id, lang);
    return { id, title: view.title, status: view.proposal.status, found: true };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return { id, title: undefined, status: undefined, found: false };
    throw err;
  }
}

export async function describeProposals(deps: D, ids: readonly string[], lang: string): Promise<LinkedProposal[]> {
  const out: LinkedProposal[] = [];
  for (const id of ids) out.push(await lookUp(deps, id, lang));
  return out;
}

export async function proposalExists(deps: D, id: string): Promise<boolean> {
  return (await lookUp(deps, id, 'en')).found;
}
