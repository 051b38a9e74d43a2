// The one place voices touches governance, and only through its index.ts: needs
// store proposal ids and ask governance for a title and status to show.
import { anonymous } from '../../kernel/auth/actor.js';
import { AppError } from '../../kernel/errors.js';
import type { PickedText } from '../../kernel/text/index.js';
import { viewProposal } from '../governance/index.js';
import type { D } from './voices.service.js';

export interface LinkedProposal {
  id: string;
  title: PickedText | undefined;
  status: string | undefined;
  found: boolean;
}

async function lookUp(deps: D, id: string, lang: string): Promise<LinkedProposal> {
  try {
    // What the public may read of it, as on the proposal's own page.
    const view = await viewProposal(deps, anonymous, id, lang);
    return { id, title: view.title, status: view.proposal.status, found: true };
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return { id, title: undefined, status: undefined, found: false };
    throw e;
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
