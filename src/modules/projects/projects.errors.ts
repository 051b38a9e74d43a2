import { AppError } from '../../kernel/errors.js';

export const projectNotFound = () => new AppError('PROJECT_NOT_FOUND', 404);
export const milestoneNotFound = () => new AppError('PROJECT_MILESTONE_NOT_FOUND', 404);
export const notParticipating = () => new AppError('PROJECT_NOT_PARTICIPATING', 404);
export const alreadyParticipating = () => new AppError('PROJECT_ALREADY_PARTICIPATING', 409);
export const lastCoordinator = () => new AppError('PROJECT_LAST_COORDINATOR', 409);
export const contactNotMember = () =>
  new AppError('PROJECT_CONTACT_NOT_MEMBER', 422, { fields: { personId: { key: 'error.PROJECT_CONTACT_NOT_MEMBER' } } });
export const contactNotFound = () => new AppError('PROJECT_CONTACT_NOT_FOUND', 404);
export const proposalUnknown = () => new AppError('PROJECT_PROPOSAL_UNKNOWN', 422, { fields: { proposalId: { key: 'error.PROJECT_PROPOSAL_UNKNOWN' } } });
export const linkNotFound = () => new AppError('PROJECT_LINK_NOT_FOUND', 404);
