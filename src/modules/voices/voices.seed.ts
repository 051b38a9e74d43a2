// A ready-made multilingual survey (English, Arabic, Czech), made through the
// services as a campaign manager would: for tests, browser tests and benchmarks.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Actor } from '../../kernel/auth/actor.js';
import * as svc from './voices.service.js';
import type { Question } from './voices.repository.js';

export interface SeededSurvey {
  id: string;
  questions: { text: Question; single: Question; multiple: Question; scale: Question };
}

export async function seedSurvey(
  deps: svc.D,
  actor: Actor,
  scope: svc.Scope,
  opts: { moderated?: boolean; access?: 'public' | 'private'; hourlyBudget?: number; publish?: boolean } = {},
): Promise<SeededSurvey> {
  const c = await svc.createCampaign(deps, actor, scope, {
    lang: 'en',
    title: 'How is your e-mail service?',
    intro: 'Tell us what works and what you **need**.',
    access: opts.access ?? 'public',
    moderated: opts.moderated ?? true,
    opensOn: null,
    closesOn: null,
    hourlyBudget: opts.hourlyBudget ?? 1000,
  });
  const text = await svc.addQuestion(deps, actor, c.id, { kind: 'text', required: true, prompt: 'What do you need most?', choices: [], low: '', high: '' });
  const single = await svc.addQuestion(deps, actor, c.id, { kind: 'single', required: true, prompt: 'Which service do you use most?', choices: ['E-mail', 'Chat', 'VPN'], low: '', high: '' });
  const multiple = await svc.addQuestion(deps, actor, c.id, { kind: 'multiple', required: false, prompt: 'What would help?', choices: ['Onion address', 'Encrypted backups', 'Training'], low: '', high: '' });
  const scale = await svc.addQuestion(deps, actor, c.id, { kind: 'scale', required: false, prompt: 'How safe do you feel?', choices: [], low: 'Not at all', high: 'Very' });
  const tr = (lang: string, v: Record<string, string>) => svc.translateCampaign(deps, actor, c.id, { lang, values: v, translator: 'Test translator', machine: false });
  await tr('ar', {
    title: 'كيف هي خدمة البريد لديك؟',
    [`prompt.${text.id}`]: 'ما الذي تحتاجه أكثر؟',
    [`prompt.${single.id}`]: 'أي خدمة تستخدم أكثر؟',
    [`choice.${single.choices[0]}`]: 'البريد',
    [`choice.${single.choices[1]}`]: 'الدردشة',
    [`choice.${single.choices[2]}`]: 'الشبكة الخاصة',
    [`prompt.${multiple.id}`]: 'ما الذي سيساعد؟',
    [`prompt.${scale.id}`]: 'ما مدى شعورك بالأمان؟',
  });
  await tr('cs', {
    title: 'Jak funguje vaše e-mailová služba?',
    [`prompt.${text.id}`]: 'Co nejvíc potřebujete?',
    [`prompt.${single.id}`]: 'Kterou službu používáte nejvíc?',
    [`choice.${single.choices[0]}`]: 'E-mail',
    [`choice.${single.choices[1]}`]: 'Chat',
    [`choice.${single.choices[2]}`]: 'VPN',
    [`prompt.${multiple.id}`]: 'Co by pomohlo?',
    [`prompt.${scale.id}`]: 'Jak bezpečně se cítíte?',
  });
  if (opts.publish !== false) await svc.setCampaignStatus(deps, actor, c.id, 'published');
  return { id: c.id, questions: { text, single, multiple, scale } };
}

/** The form token in a rendered respondent's page. */
export const tokenOf = (html: string) => /name="form" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Posts a respondent's form the way a browser without JavaScript does (no cookies, repeated names for checkboxes). */
export async function postAnswer(app: FastifyInstance, url: string, fields: Record<string, string | string[]>, remoteAddress = '127.0.0.1'): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return app.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}
