import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn } from '../../../test/factories/index.js';
import type { Organisation } from './federation.repository.js';

describe.each(engines)('services pages and API (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  async function adminBrowser(org?: Organisation) {
    const o = org ?? (await makeOrg(t.deps, { name: 'Colectiva Enredadas' }));
    const person = await makePerson(t.deps);
    await addMember(t.deps, o, person, 'org_admin');
    const b = new InjectBrowser(t.app);
    await signIn(b, person);
    return { org: o, b };
  }

  const service = {
    kind: 'chat_xmpp',
    name: 'Charla',
    url: 'https://xmpp.enredadas.example',
    software: 'Prosody',
    softwareVersion: '13.0',
    registration: 'movement_members',
    countries: 'NI, CR',
    status: 'beta',
  };

  const auditActions = async (orgId: string) =>
    (await t.deps.db.selectFrom('audit_log').select('action').where('org_id', '=', orgId).where('action', 'like', 'federation.service.%').orderBy('seq').execute()).map(
      (r) => r.action,
    );

  it('adds, edits and deletes (after confirming) a service, each step audited and shown publicly', async () => {
    const { org, b } = await adminBrowser();
    const anon = new InjectBrowser(t.app);
    expect((await anon.get(`/orgs/${org.slug}/services/new`)).headers.location).toContain('/login');
    const member = await makePerson(t.deps);
    await addMember(t.deps, org, member, 'member');
    const mb = new InjectBrowser(t.app);
    await signIn(mb, member);
    expect((await mb.get(`/orgs/${org.slug}/services/new`)).statusCode).toBe(403);

    await b.get(`/orgs/${org.slug}/services/new`);
    const bad = await b.post(`/orgs/${org.slug}/services/new`, { ...service, url: 'gopher://old.example', countries: 'NI, QQ' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a web address starting with https:// or http://.');
    expect(bad.body).toContain('value="NI, QQ"');
    const unknownCountry = await b.post(`/orgs/${org.slug}/services/new`, { ...service, countries: 'NI, QQ' });
    expect(unknownCountry.statusCode).toBe(422);
    expect(unknownCountry.body).toContain('Unknown country codes: QQ.');
    const created = await b.post(`/orgs/${org.slug}/services/new`, service);
    expect(created.statusCode).toBe(303);
    const list = await b.get(`/orgs/${org.slug}/services`);
    expect(list.body).toContain('Charla is added.');
    expect(list.body).toContain('Chat (XMPP)');
    expect(list.body).toContain('Members of a movement');
    const editHref = /href="(\/orgs\/[^"]+\/services\/[^"]+\/edit)"/.exec(list.body)![1]!;
    const deleteHref = editHref.replace(/\/edit$/, '/delete');

    await b.get(editHref);
    expect((await b.post(editHref, { ...service, name: 'Charla segura', status: 'active' })).statusCode).toBe(303);
    const pub = await new InjectBrowser(t.app).get(`/members/${org.slug}`);
    expect(pub.body).toContain('Charla segura');
    expect(pub.body).toContain('Nicaragua, Costa Rica');

    const confirm = await b.get(deleteHref);
    expect(confirm.body).toContain('Delete the service Charla segura from the profile of Colectiva Enredadas?');
    expect((await b.post(deleteHref, { confirm: 'yes' })).statusCode).toBe(303);
    expect((await new InjectBrowser(t.app).get(`/members/${org.slug}`)).body).toContain('No services listed yet.');
    expect(await auditActions(org.id)).toEqual(['federation.service.created', 'federation.service.updated', 'federation.service.deleted']);
  });

  it('never lets an org-admin of another organisation reach a service, even by its id under their own slug', async () => {
    const { org, b } = await adminBrowser();
    await b.get(`/orgs/${org.slug}/services/new`);
    await b.post(`/orgs/${org.slug}/services/new`, service);
    const id = (await t.deps.db.selectFrom('org_services').select('id').where('org_id', '=', org.id).executeTakeFirstOrThrow()).id;
    const other = await adminBrowser(await makeOrg(t.deps));
    expect((await other.b.get(`/orgs/${org.slug}/services/${id}/edit`)).statusCode).toBe(403);
    await other.b.get('/');
    expect((await other.b.post(`/orgs/${org.slug}/services/${id}/delete`, { confirm: 'yes' })).statusCode).toBe(403);
    expect((await other.b.get(`/orgs/${other.org.slug}/services/${id}/edit`)).statusCode).toBe(404);
    await other.b.get('/');
    expect((await other.b.post(`/orgs/${other.org.slug}/services/${id}/delete`, { confirm: 'yes' })).statusCode).toBe(404);
    expect(await t.deps.db.selectFrom('org_services').select('name').where('id', '=', id).executeTakeFirst()).toEqual({ name: 'Charla' });
  });

  it('offers the same over JSON: public list, CRUD for the organisation’s admins with the CSRF header', async () => {
    const { org, b } = await adminBrowser();
    await b.get('/');
    const headers = { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': b.csrf() };
    const body = { ...service, countries: ['NI'] };
    const anon = new InjectBrowser(t.app);
    await anon.get('/login');
    const anonHeaders = { cookie: [...anon.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': anon.csrf() };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/orgs/${org.slug}/services`, headers: anonHeaders, payload: body })).statusCode).toBe(401);
    const invalid = await t.app.inject({ method: 'POST', url: `/api/v1/orgs/${org.slug}/services`, headers, payload: { ...body, kind: 'telepathy' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await t.app.inject({ method: 'POST', url: `/api/v1/orgs/${org.slug}/services`, headers, payload: { ...body, countries: ['QQ'] } });
    expect(unknown.json().error).toMatchObject({ code: 'PROFILE_COUNTRY_UNKNOWN', message: 'Unknown country codes: QQ. Use two-letter codes such as MX or DE.' });
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/orgs/${org.slug}/services`, headers, payload: body });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const listed = await t.app.inject({ url: `/api/v1/orgs/${org.slug}/services` });
    expect(listed.json().items).toMatchObject([{ id, kind: 'chat_xmpp', countries: ['NI'], registration: 'movement_members' }]);
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/orgs/${org.slug}/services/${id}`, headers, payload: { ...body, name: 'Renamed' } });
    expect(put.json()).toMatchObject({ name: 'Renamed' });
    expect((await t.app.inject({ url: `/api/v1/orgs/${org.slug}/services/${id}` })).json()).toMatchObject({ id, name: 'Renamed' });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/orgs/${org.slug}/services/${id}`, headers });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/orgs/${org.slug}/services/${id}`, headers })).json().error.code).toBe('SERVICE_NOT_FOUND');
  });
});
