// What a member says about one service it offers.
import { z } from 'zod';
import { splitCodes, webUrl } from './profile.schemas.js';

export const SERVICE_KINDS = [
  'mail',
  'web_hosting',
  'mailing_lists',
  'chat_xmpp',
  'chat_matrix',
  'vpn',
  'files',
  'video_calls',
  'pads',
  'dns',
  'mirrors',
  'other',
] as const;
export const REGISTRATION_POLICIES = ['open', 'invitation', 'movement_members', 'closed'] as const;
export const SERVICE_STATUSES = ['active', 'beta', 'retiring'] as const;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable()).default(null);

const common = {
  kind: z.enum(SERVICE_KINDS, { error: 'form.invalidChoice' }),
  name: z.string().trim().min(1, { error: 'form.required' }).max(120),
  url: webUrl,
  software: optionalText(80),
  softwareVersion: optionalText(40),
  registration: z.enum(REGISTRATION_POLICIES, { error: 'form.invalidChoice' }),
  status: z.enum(SERVICE_STATUSES, { error: 'form.invalidChoice' }),
};

export const serviceFormSchema = z.object({
  ...common,
  countries: z.string().max(1000).default('').transform((v) => splitCodes(v, true)),
});

export const serviceApiSchema = z.object({
  ...common,
  countries: z.array(z.string().trim().toUpperCase().max(2)).max(250).default([]),
});

export interface ServiceInput {
  kind: (typeof SERVICE_KINDS)[number];
  name: string;
  url: string;
  software: string | null;
  softwareVersion: string | null;
  registration: (typeof REGISTRATION_POLICIES)[number];
  status: (typeof SERVICE_STATUSES)[number];
  countries: string[];
}
