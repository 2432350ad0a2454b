/**
 * Text limits, matched to the SharePoint columns that store each value (single line of text holds 255
 * characters). Checked before anything is sent, so the user hears which field is too long.
 */
export const LIMITS = {
  title: 255,
  url: 255,
  /** The description half of a Hyperlink column, which SharePoint also caps at 255 characters. */
  linkDescription: 255,
  rationale: 5000,
  evidence: 20000,
  actionDetails: 5000,
  progressNotes: 20000,
  challenge: 5000,
  response: 5000,
  returnComment: 2000,
  moderationNote: 5000,
  viewComment: 5000,
  inviteMessage: 2000,
} as const;
