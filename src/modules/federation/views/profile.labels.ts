// i18n keys of the enumerations shown on profile, service and directory pages.
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import type { RegistrationPolicy, ServiceKind, ServiceStatus } from '../profile.tables.js';

export const kindKey: Record<ServiceKind, MessageKey> = {
  mail: 'services.kind.mail',
  web_hosting: 'services.kind.web_hosting',
  mailing_lists: 'services.kind.mailing_lists',
  chat_xmpp: 'services.kind.chat_xmpp',
  chat_matrix: 'services.kind.chat_matrix',
  vpn: 'services.kind.vpn',
  files: 'services.kind.files',
  video_calls: 'services.kind.video_calls',
  pads: 'services.kind.pads',
  dns: 'services.kind.dns',
  mirrors: 'services.kind.mirrors',
  other: 'services.kind.other',
};

export const registrationKey: Record<RegistrationPolicy, MessageKey> = {
  open: 'services.registration.open',
  invitation: 'services.registration.invitation',
  movement_members: 'services.registration.movement_members',
  closed: 'services.registration.closed',
};

export const statusKey: Record<ServiceStatus, MessageKey> = {
  active: 'services.status.active',
  beta: 'services.status.beta',
  retiring: 'services.status.retiring',
};

export const textFieldKey: Record<'summary' | 'description', MessageKey> = {
  summary: 'profile.summary',
  description: 'profile.description',
};
