// Other modules' requests for help, shown among mentorship requests.
//
// A module that keeps its own kind of request (posture's help requests for a
// practice an organisation does not meet, say) registers a contributor once,
// from its index.ts, through solidarity's index.ts:
//
//   registerMentorshipRequestContributor('posture', async ({ deps, actor, lang }) =>
//     (await openHelpRequests(deps, actor, lang)).map((r) => ({ id: r.id, title: …, path: `/posture/help/${r.id}`, … })));
//
// The list on /learn/mentorships and GET /api/v1/mentorship-requests then shows
// them read-only, with a link to where they are answered, and the matcher
// suggests mentors for those that name a skill. Solidarity never writes them.
// A contributor decides what the actor may see (it is only asked for members
// of the federation); one that fails is logged and left out, so another
// module's fault never takes the mentorship page down.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import type { Actor } from '../../kernel/auth/actor.js';
import type { MenteeType } from './solidarity.tables.js';

/** One open request for help that another module keeps. */
export interface ContributedMentorshipRequest {
  /** Unique within its contributor. */
  id: string;
  /** What is asked, one line of plain text (escaped when shown), in `lang`. */
  title: string;
  /** ISO 639-1 code of the title; null when unknown. */
  lang: string | null;
  /** A word of the shared vocabulary or a free tag, when the request maps to one: mentors are suggested for it. */
  skill: string | null;
  /** Languages the asking side can work in (ISO 639-1); none means no suggestions. */
  languages: string[];
  /** Who asks: a person or an organisation. */
  requester: { type: MenteeType; id: string; name: string };
  createdAt: Date;
  /** Where it is read and answered: a path on this site ("/posture/help/…"). Anything else is dropped. */
  path: string;
}

export interface MentorshipRequestQuery {
  /** The app's dependencies, for a contributor that reads through its own services. */
  deps: Deps;
  /** deps.db. */
  db: Db;
  actor: Actor;
  /** The reader's language, for titles. */
  lang: string;
}

export type MentorshipRequestContributor = (query: MentorshipRequestQuery) => Promise<readonly ContributedMentorshipRequest[]>;

/** A contributed request with the name of the module it came from. */
export interface SourcedMentorshipRequest extends ContributedMentorshipRequest {
  source: string;
}

const contributors = new Map<string, MentorshipRequestContributor>();

/**
 * Called once by a module (its index.ts). `source` names it (lower case, e.g.
 * 'posture'); the returned function removes it again (tests).
 */
export function registerMentorshipRequestContributor(source: string, contributor: MentorshipRequestContributor): () => void {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(source)) throw new Error(`a mentorship request source must be a short lower-case name, not "${source}"`);
  if (contributors.has(source)) throw new Error(`a mentorship request contributor named "${source}" is already registered`);
  contributors.set(source, contributor);
  return () => {
    if (contributors.get(source) === contributor) contributors.delete(source);
  };
}

/** A local path only: "/x", never "//host" or "/\host" (browsers read both as another site), nor a scheme. */
export const isLocalPath = (p: string) => /^\/(?![/\\])[^\s]*$/.test(p) && p.length <= 500;

const wellFormed = (r: ContributedMentorshipRequest) =>
  typeof r.id === 'string' &&
  r.id !== '' &&
  typeof r.title === 'string' &&
  isLocalPath(r.path) &&
  (r.requester?.type === 'person' || r.requester?.type === 'org') &&
  typeof r.requester.name === 'string' &&
  r.createdAt instanceof Date &&
  !Number.isNaN(r.createdAt.getTime()) &&
  Array.isArray(r.languages);

/** Every contributor's open requests, newest first. */
export async function collectContributedRequests(deps: Deps, actor: Actor, lang: string): Promise<SourcedMentorshipRequest[]> {
  const query: MentorshipRequestQuery = { deps, db: deps.db, actor, lang };
  const log = deps.log;
  const out: SourcedMentorshipRequest[] = [];
  for (const [source, contributor] of contributors) {
    try {
      for (const r of await contributor(query)) {
        if (!wellFormed(r)) {
          log.warn({ source, id: r?.id }, 'mentorship request contributor gave a malformed request; left out');
          continue;
        }
        out.push({
          ...r,
          source,
          skill: r.skill ? r.skill.trim().toLowerCase() : null,
          languages: r.languages.map((l) => String(l).trim().toLowerCase()).filter(Boolean),
          title: r.title.slice(0, 300),
        });
      }
    } catch (err) {
      log.warn({ source, err }, 'mentorship request contributor failed; its requests are left out');
    }
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
