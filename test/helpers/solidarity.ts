// Solidarity records for the authorization matrix: a granted aid request of
// orgA, a pending disbursement on it (recorded by another treasurer, so the
// matrix's treasurer may approve it), an income transaction, a dues band and a
// treasurer the federation admin may revoke; a training (and one to cancel), a
// mentorship of the member, and orgA's open request for a mentor in dnssec,
// which the other organisation's admin (who offers dnssec) may take up.
import type { Deps } from '../../src/kernel/deps.js';
import { anonymous } from '../../src/kernel/auth/actor.js';
import { actorFor } from '../../src/kernel/auth/auth.service.js';
import type { Organisation } from '../../src/modules/federation/federation.repository.js';
import { viewProposal } from '../../src/modules/governance/index.js';
import { createAidRequest, disburse, fundingDecided } from '../../src/modules/solidarity/aid.service.js';
import { createBand } from '../../src/modules/solidarity/dues.service.js';
import { grantTreasurer, recordIncome } from '../../src/modules/solidarity/fund.service.js';
import { addSkill, createTraining, startMentorship } from '../../src/modules/solidarity/learning.service.js';
import { askForMentor } from '../../src/modules/solidarity/mentorship.service.js';
import { addMember, makePerson, unique, type TestPerson } from '../factories/index.js';
import type { Fixture } from './route-table.js';

export async function solidarityFixture(
  d: Deps,
  o: { orgA: Organisation; orgAdmin: TestPerson; fedAdmin: TestPerson; treasurer: TestPerson; member: TestPerson; otherOrgAdmin: TestPerson },
): Promise<Fixture['solidarity']> {
  const admin = await actorFor(d.db, o.fedAdmin);
  const [second, toRevoke] = [await makePerson(d), await makePerson(d)];
  for (const p of [o.treasurer, second, toRevoke]) await grantTreasurer(d, admin, p.email);
  const request = await createAidRequest(
    d,
    await actorFor(d.db, o.orgAdmin),
    { org: o.orgA.slug, title: 'Matrix aid', lang: 'en', purpose: 'Text', currency: 'EUR', amount: '300', urgency: 'routine', timeline: 'Soon', reportPlan: 'A note', undisclosed: false },
    { locale: 'en' },
  );
  // The funding proposal's outcome, as governance's close would deliver it.
  const { proposal } = await viewProposal(d, anonymous, request.proposalId!, 'en');
  await d.db.transaction().execute((trx) => fundingDecided({ proposal, outcome: 'passed', tally: null }, { trx, deps: d }));
  const treasurer = await actorFor(d.db, second);
  const today = new Date().toISOString().slice(0, 10);
  const income = await recordIncome(d, treasurer, { key: unique('matrix'), category: 'donations', org: '', currency: 'EUR', amount: '1000', occurredOn: today, reference: '', memo: '' });
  // No threshold is set for EUR: every disbursement waits for a second treasurer.
  const pending = await disburse(d, treasurer, request.id, { key: unique('matrix'), amount: '50', occurredOn: today, reference: '', memo: '' });
  const band = await createBand(d, admin, { name: 'Matrix band', basis: 'ppp', budgetMin: '', budgetMax: '', pppGroup: '1', currency: 'EUR', suggested: '0', period: 'year' });
  const newTraining = async () =>
    createTraining(d, await actorFor(d.db, o.orgAdmin), {
      org: o.orgA.slug,
      lang: 'en',
      title: 'Matrix training',
      description: 'Text',
      startsAt: '2030-01-01T10:00',
      endsAt: '2030-01-01T12:00',
      timeZone: 'UTC',
      onlineUrl: '',
      place: 'Online',
      languages: ['en'],
      capacity: '',
    });
  const [training, trainingToCancel] = [await newTraining(), await newTraining()];
  // A mentor (a member of orgA, no actor of the matrix) mentors the matrix's member, who said they need backups.
  const mentorPerson = await makePerson(d);
  await addMember(d, o.orgA, mentorPerson, 'member');
  const mentor = await actorFor(d.db, mentorPerson);
  const member = await actorFor(d.db, o.member);
  await addSkill(d, mentor, { owner: 'person', ownerId: mentorPerson.id, direction: 'offer', skill: 'backups', languages: ['en'], note: '' });
  await addSkill(d, member, { owner: 'person', ownerId: o.member.id, direction: 'need', skill: 'backups', languages: ['en'], note: '' });
  const mentorship = await startMentorship(d, mentor, { menteeId: o.member.id, menteeOrgId: o.orgA.id, skill: 'backups', goals: 'Restore tests' });
  // The other organisation's admin offers dnssec, which the member needs and orgA asks a mentor for.
  const other = await actorFor(d.db, o.otherOrgAdmin);
  await addSkill(d, other, { owner: 'person', ownerId: o.otherOrgAdmin.id, direction: 'offer', skill: 'dnssec', languages: ['en'], note: '' });
  await addSkill(d, member, { owner: 'person', ownerId: o.member.id, direction: 'need', skill: 'dnssec', languages: ['en'], note: '' });
  const mentorshipRequest = await askForMentor(d, await actorFor(d.db, o.orgAdmin), { org: o.orgA.slug, skill: 'dnssec', languages: ['en'], goals: 'Sign our zone' });
  return {
    requestId: request.id,
    pendingDisbursementId: pending.disbursement.id,
    transactionId: income.transaction.id,
    bandId: band.id,
    treasurerToRevoke: toRevoke.id,
    trainingId: training.id,
    trainingToCancel: trainingToCancel.id,
    mentorshipId: mentorship.id,
    mentorshipRequestId: mentorshipRequest.id,
  };
}
