import { approvalLinkPath } from '@reviewflow/contract/approval-link-token';
import type { ApprovalLinkSettings } from './approval-link-settings.js';

/** A signed link that approves or rejects one waiting review. */
export interface ApprovalLink {
  url: string;
  rights: ('approve' | 'reject')[];
  expiresAt: string;
}

/**
 * The approval link of a review whose gate closes at `deadline`: it expires with the gate, and the
 * same review and deadline always give the same link (see approvalLinkPath), so listing it twice, or
 * the notification activity sending it, hands out one link, usable once.
 */
export function approvalLinkFor(settings: ApprovalLinkSettings, reviewId: string, deadline: string): ApprovalLink {
  const { path, expiresAt } = approvalLinkPath(settings.secret, reviewId, deadline);
  const base = (settings.publicUrl ?? '').replace(/\/+$/, '');
  return { url: `${base}${path}`, rights: ['approve', 'reject'], expiresAt };
}
