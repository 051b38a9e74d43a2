// The machine-readable federation: the documents behind /federation.json and
// /orgs/{slug}.json, described once in zod. The JSON Schema published at
// /schemas/federation-v1.json (and in docs/federation.schema.json) is made from
// these, so the description and the output cannot drift apart. Self-description
// files are members in this same shape (see selfdesc.schemas.ts).
import { z } from 'zod';
import { REGISTRATION_POLICIES, SERVICE_KINDS, SERVICE_STATUSES } from './services.schemas.js';

export const FEDERATION_SCHEMA_PATH = '/schemas/federation-v1.json';

const langCode = z.string().regex(/^[a-z]{2}$/).describe('ISO 639-1 language code, lower case');
const countryCode = z.string().regex(/^[A-Z]{2}$/).describe('ISO 3166-1 alpha-2 country code, upper case');
const httpUrl = z.string().regex(/^https?:\/\/\S+$/).max(500).describe('an http or https URL');
const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/).describe('ISO 8601 date and time, UTC');

export const textDoc = z
  .object({
    lang: langCode,
    body: z.string().max(10_000),
    source: z.boolean().describe('true for the language the text was written in; every other entry is a translation of it').optional(),
    translator: z.string().max(120).nullable().describe('who translated it (null for the source or when not credited)').optional(),
    machine: z.boolean().describe('true when the translation was made by a machine').optional(),
  })
  .describe('A text in one language');

export const serviceDoc = z
  .object({
    kind: z.enum(SERVICE_KINDS),
    name: z.string().min(1).max(120),
    url: httpUrl,
    software: z.string().max(80).nullable().optional(),
    version: z.string().max(40).nullable().optional(),
    registration: z.enum(REGISTRATION_POLICIES).describe('who may register: anyone, by invitation, members of a movement, nobody new'),
    countries: z.array(countryCode).max(250).describe('where the servers are').optional(),
    status: z.enum(SERVICE_STATUSES).optional(),
  })
  .describe('A service a member offers');

export const openpgpDoc = z
  .object({
    fingerprint: z.string().regex(/^[0-9A-F]{40}([0-9A-F]{24})?$/),
    algorithm: z.string().max(60).optional(),
    expires: timestamp.nullable().optional(),
    key: z.string().max(65_536).describe('the ASCII-armored public key'),
  })
  .describe('An OpenPGP public key');

export const memberDoc = z
  .object({
    slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/).max(40).optional(),
    name: z.string().min(1).max(120),
    url: httpUrl.describe('the public page of the member in this federation').optional(),
    summary: z.array(textDoc).max(200).describe('a short description, one entry per language').optional(),
    description: z.array(textDoc).max(200).describe('a long description (Markdown), one entry per language').optional(),
    countries: z.array(countryCode).max(250).describe('countries where the member works').optional(),
    region: z.string().max(200).nullable().describe('regions or cities, free text').optional(),
    languages: z.array(langCode).max(200).describe('languages the member serves people in').optional(),
    founded: z.number().int().min(1900).max(2100).nullable().optional(),
    website: httpUrl.nullable().optional(),
    email: z.string().max(254).nullable().describe('the organisation’s contact address').optional(),
    securityContact: z.string().max(500).nullable().describe('an e-mail address or an http(s) URL').optional(),
    openpgp: openpgpDoc.nullable().optional(),
    donationUrl: httpUrl.nullable().optional(),
    logo: z
      .object({ url: httpUrl, type: z.enum(['image/png', 'image/jpeg', 'image/webp']), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
      .nullable()
      .optional(),
    services: z.array(serviceDoc).max(200).optional(),
    updatedAt: timestamp.optional(),
  })
  .describe('A member organisation');

export const federationDoc = z.object({
  version: z.literal(1),
  updatedAt: timestamp.nullable().describe('the latest change of any member'),
  members: z.array(memberDoc),
});

export type TextDoc = z.infer<typeof textDoc>;
export type ServiceDoc = z.infer<typeof serviceDoc>;
export type MemberDoc = z.infer<typeof memberDoc>;
export type FederationDoc = z.infer<typeof federationDoc>;

// Named parts of the document: each appears once under $defs and is referred to
// elsewhere. (Names are kept out of zod's global registry on purpose: the OpenAPI
// document would then point at components it does not define.)
const named = new Map<z.ZodType, string>([
  [textDoc, 'text'],
  [serviceDoc, 'service'],
  [openpgpDoc, 'openpgp'],
  [memberDoc, 'member'],
]);

function jsonSchemaOf(schema: z.ZodType, self?: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    // Input shape: extra keys are allowed, as a self-description file may carry its own.
    io: 'input',
    override: (ctx) => {
      const name = named.get(ctx.zodSchema as unknown as z.ZodType);
      if (!name || (ctx.zodSchema as unknown) === self) return;
      const target = ctx.jsonSchema as Record<string, unknown>;
      for (const key of Object.keys(target)) delete target[key];
      target.$ref = `#/$defs/${name}`;
    },
  }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

/** The published JSON Schema; `baseUrl` gives it its stable $id. */
export function federationJsonSchema(baseUrl: string): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}${FEDERATION_SCHEMA_PATH}`,
    title: 'Hearth federation, version 1',
    description:
      'All public data of the members of a Hearth federation (/federation.json); one member alone is served at /orgs/{slug}.json, and a member’s self-description file has the shape of #/$defs/member.',
    ...jsonSchemaOf(federationDoc),
    $defs: Object.fromEntries([...named].map(([schema, name]) => [name, jsonSchemaOf(schema, schema)])),
  };
}
