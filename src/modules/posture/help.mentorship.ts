// Posture's open help requests, shown by the solidarity module among mentorship
// requests (its registry; the dependency runs from posture to solidarity).
import { registerMentorshipRequestContributor, type ContributedMentorshipRequest } from '../solidarity/index.js';
import { listHelpRequests, type HelpRequestSummary } from './help.service.js';

/** The shared skill vocabulary word a practice belongs to, so mentors who offer it are suggested. */
export function skillOfPractice(practiceId: string): string | null {
  if (/^(tls|cert|https)/.test(practiceId)) return 'tls';
  if (/^dns/.test(practiceId)) return 'dnssec';
  if (/^mail/.test(practiceId)) return 'mail-servers';
  if (/backup|restore/.test(practiceId)) return 'backups';
  if (/monitoring/.test(practiceId)) return 'monitoring';
  if (practiceId === 'legal-requests') return 'legal-requests';
  if (/^(web|security-txt|admin-2fa|ssh|patching|disk|access|incident|log)/.test(practiceId)) return 'security-audits';
  return null;
}

export function toMentorshipRequest(s: HelpRequestSummary): ContributedMentorshipRequest | undefined {
  if (!s.org) return undefined;
  return {
    id: s.request.id,
    title: s.practice?.body ?? s.request.practiceId,
    lang: s.practice?.lang ?? null,
    skill: skillOfPractice(s.request.practiceId),
    languages: [s.request.lang],
    requester: { type: 'org', id: s.org.id, name: s.org.name },
    createdAt: s.request.createdAt,
    path: `/posture/help/${s.request.id}`,
  };
}

let registered = false;
/** Once per process, like export contributors. Only open requests: connected ones have found help. */
export function registerPostureMentorshipRequests(): void {
  if (registered) return;
  registered = true;
  registerMentorshipRequestContributor('posture', async ({ deps, actor, lang }) =>
    (await listHelpRequests(deps, actor, lang, { statuses: ['open'] })).flatMap((s) => toMentorshipRequest(s) ?? []),
  );
}
