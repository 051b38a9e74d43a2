// What other modules show of a proposal they link to (a need, a project): its
// title and status as the public may read them, or "not found" when it is gone.
import type { Deps } from '../../kernel/deps.js';
import { anonymous } from '../../kernel/auth/actor.js';
import { AppError } from '../../kernel/errors.js';
import type { PickedText } from '../../kernel/text/index.js';
import { viewProposal } from './governance.service.js';

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
