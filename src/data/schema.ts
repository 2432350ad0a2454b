/**
 * The SharePoint lists the package provisions: the one source of truth for list titles, URLs and
 * columns. The provisioning XML in sharepoint/assets, the repositories and the local list service all
 * follow this module, and tests/unit/provisioning.test.ts proves the XML matches it exactly.
 *
 * Columns are site columns (prefixed Nps so they never clash with a council's own), shared where two
 * lists hold the same thing (period, index id), and added to each list through its content type.
 *
 * Every list keeps versions: the version history is the audit trail of who changed what, and when.
 * Columns used in filters are indexed so queries keep working past SharePoint's 5,000-item threshold.
 */

export type FieldType = 'Text' | 'Note' | 'Number' | 'Choice' | 'DateOnly' | 'DateTime' | 'User' | 'Boolean';

export interface FieldDefinition {
  /** Stable field id (the provisioning XML's Field ID). Never change it once shipped. */
  id: string;
  internalName: string;
  displayName: string;
  type: FieldType;
  required: boolean;
  indexed: boolean;
  unique?: boolean;
  /** Single line of text only: 1 to 255 characters. */
  maxLength?: number;
  choices?: readonly string[];
  defaultValue?: string;
}

export interface ListDefinition {
  title: string;
  /** Web-relative URL of the list. */
  url: string;
  description: string;
  /**
   * The list's content type, which carries its columns into the list forms: a child of Item (0x0100...)
   * for a list, a child of Document (0x0101...) for a document library, which is what makes it one.
   */
  contentTypeId: string;
  versioning: boolean;
  attachments: boolean;
  /** Columns besides the built-in Title, Created, Modified, Author and Editor. */
  fields: readonly FieldDefinition[];
}

export const LISTS = {
  indices: {
    title: 'Maturity indices',
    url: 'Lists/MaturityIndices',
    contentTypeId: '0x010040441374F5CA4167A5EB7B9BF98BB3EF',
    description: "The maturity framework as deployed on this site: the strategy's key areas and enablers and any local indices the council adds.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{60f1d98b-9b55-4775-b18a-46d5c8baab52}', internalName: 'NpsIndexId', displayName: 'Index id', type: 'Text', required: true, indexed: true, unique: true, maxLength: 100 },
      { id: '{10bcb7fb-d4d1-4ecb-9e73-f34472cabe2a}', internalName: 'NpsThemeId', displayName: 'Theme id', type: 'Text', required: false, indexed: true, maxLength: 100 },
      { id: '{d1fc6b9d-d327-4172-8294-320d0d722808}', internalName: 'NpsThemeTitle', displayName: 'Theme', type: 'Text', required: false, indexed: false, maxLength: 255 },
      { id: '{7b660303-d1a9-4155-b8a8-1159c1cda7d9}', internalName: 'NpsIndexKind', displayName: 'Kind', type: 'Choice', required: true, indexed: true, choices: ['Key area', 'Enabler'] },
      { id: '{d1eb47ef-bd9d-4922-8076-be505869891f}', internalName: 'NpsIndexDescription', displayName: 'Description', type: 'Note', required: false, indexed: false },
      { id: '{9fb32903-0b0f-4b95-92fa-9ae8029b9a49}', internalName: 'NpsWhatItIs', displayName: 'What it is', type: 'Note', required: false, indexed: false },
      { id: '{d4dba88c-46ca-46b6-98b8-ddc62c411eb7}', internalName: 'NpsWhyItIsImportant', displayName: 'Why it is important', type: 'Note', required: false, indexed: false },
      { id: '{126bf085-87ec-4141-a3c0-9a66e176fd06}', internalName: 'NpsDescriptorMinimum', displayName: 'Minimum', type: 'Note', required: true, indexed: false },
      { id: '{76f33144-ae02-48c3-8417-9c6485035cd0}', internalName: 'NpsDescriptorDeveloping', displayName: 'Developing', type: 'Note', required: true, indexed: false },
      { id: '{9829bb85-c698-45d4-8d50-6dc96e603d97}', internalName: 'NpsDescriptorMature', displayName: 'Mature', type: 'Note', required: true, indexed: false },
      { id: '{ddaff094-c97b-4dde-ae81-fb065402d411}', internalName: 'NpsDescriptorLeader', displayName: 'Leader', type: 'Note', required: true, indexed: false },
      { id: '{e9a93f63-c571-4bcf-a145-625843e21271}', internalName: 'NpsDescriptorInnovator', displayName: 'Innovator', type: 'Note', required: true, indexed: false },
      { id: '{98fa02d1-a100-4069-8013-3d8f51c264a2}', internalName: 'NpsSortOrder', displayName: 'Position', type: 'Number', required: true, indexed: false },
      { id: '{821e1dd3-1916-471e-9cd1-90c80ab05d4a}', internalName: 'NpsRetired', displayName: 'Retired', type: 'Boolean', required: false, indexed: true, defaultValue: '0' },
      { id: '{89fa7540-1fae-4bcf-a329-556459a363a0}', internalName: 'NpsSourceFramework', displayName: 'Source framework', type: 'Text', required: false, indexed: false, maxLength: 100 },
      { id: '{55ac5ade-e9e6-4513-b973-b675dd6af73b}', internalName: 'NpsFrameworkVersion', displayName: 'Framework version', type: 'Text', required: false, indexed: false, maxLength: 50 },
      // A local index begun from an objective the strategy names (ethical-procurement, green-social-value):
      // the app shows the strategy's own sentence beside it, never text typed here, as the strategy's.
      { id: '{1a486de5-7fe7-43c6-a34a-644799704a79}', internalName: 'NpsStartingPoint', displayName: 'Starting point in the strategy', type: 'Text', required: false, indexed: false, maxLength: 100 },
    ],
  },
  periods: {
    title: 'Assessment periods',
    url: 'Lists/AssessmentPeriods',
    contentTypeId: '0x01009F242454612F4C1D8B05B5163F982EAD',
    description: "Financial years the council assesses. Where each stands in sign-off comes from the Submissions and Sign-off log lists, never from a column anyone could type into.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, unique: true, maxLength: 20 },
      { id: '{0a97d2de-dab9-447f-82b1-f31e10defb04}', internalName: 'NpsStartDate', displayName: 'Start date', type: 'DateOnly', required: true, indexed: false },
      { id: '{7de7e2dd-6e5e-4b1d-8847-07e46e6b1579}', internalName: 'NpsEndDate', displayName: 'End date', type: 'DateOnly', required: true, indexed: false },
      { id: '{4b5bea4b-0ed0-4e85-b3c9-0c613b1eff06}', internalName: 'NpsFrameworkId', displayName: 'Framework', type: 'Text', required: false, indexed: false, maxLength: 100 },
      { id: '{55ac5ade-e9e6-4513-b973-b675dd6af73b}', internalName: 'NpsFrameworkVersion', displayName: 'Framework version', type: 'Text', required: false, indexed: false, maxLength: 50 },
    ],
  },
  submissions: {
    title: 'Submissions',
    url: 'Lists/AssessmentSubmissions',
    contentTypeId: '0x0100C1E5B6F0D6A44E7C9D1B2F3A4E5D6C7B',
    description: "Each time officers submit a year's assessment for sign-off. Officers and approvers can add entries, nobody can change them: Created By is who submitted.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{3f1c2a7e-5b8d-4c6a-9e2f-7a1b3c5d7e9f}', internalName: 'NpsSubmissionNote', displayName: 'Note to approvers', type: 'Note', required: false, indexed: false },
    ],
  },
  signoffs: {
    title: 'Sign-off log',
    url: 'Lists/SignOffLog',
    contentTypeId: '0x01004A7D2E9B1C8F4E3A9B6D5C2F1E8A7B3D',
    description: "Senior managers' decisions on each submitted assessment: signed off, returned with a comment, or reopened. Only procurement approvers and site owners can add entries, and nobody can change them.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{8b2d4f6a-1c3e-4a5b-9d7f-2e4c6a8b0d1f}', internalName: 'NpsDecision', displayName: 'Decision', type: 'Choice', required: true, indexed: true, choices: ['Signed off', 'Returned', 'Reopened'] },
      { id: '{a48ce7c9-569f-4d53-9d0b-4377bc0b16b0}', internalName: 'NpsDecisionComment', displayName: 'Comment', type: 'Note', required: false, indexed: false },
      { id: '{9d524724-293d-43ee-9fc8-3863bd4de2b3}', internalName: 'NpsFrameworkSnapshot', displayName: 'Framework as signed off', type: 'Note', required: false, indexed: false },
    ],
  },
  assessments: {
    title: 'Maturity assessments',
    url: 'Lists/MaturityAssessments',
    contentTypeId: '0x01001BC4F1E0DF3345D99991A3D6031A9723',
    description: "One item per period and index: current level, target, evidence and rationale. Modified By is who last assessed it.",
    versioning: true,
    attachments: true,
    fields: [
      { id: '{2c6e8a0b-4d1f-4b3a-8c5e-7f9a1b3d5e7c}', internalName: 'NpsAssessmentKey', displayName: 'Period and index', type: 'Text', required: true, indexed: true, unique: true, maxLength: 130 },
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{60f1d98b-9b55-4775-b18a-46d5c8baab52}', internalName: 'NpsIndexId', displayName: 'Index id', type: 'Text', required: true, indexed: true, maxLength: 100 },
      { id: '{8842f637-6ff2-447b-b544-eb71d54ea9aa}', internalName: 'NpsCurrentLevel', displayName: 'Current level', type: 'Choice', required: false, indexed: false, choices: ['Minimum', 'Developing', 'Mature', 'Leader', 'Innovator'] },
      { id: '{97e876c8-fc05-423e-ad57-8ca8cdcb6b13}', internalName: 'NpsTargetLevel', displayName: 'Target level', type: 'Choice', required: false, indexed: false, choices: ['Minimum', 'Developing', 'Mature', 'Leader', 'Innovator'] },
      { id: '{25562a0e-7fa5-41c4-b223-caeff867035e}', internalName: 'NpsTargetDate', displayName: 'Target date', type: 'DateOnly', required: false, indexed: false },
      { id: '{7be7e43e-1df3-4399-98f2-6a4b59f0c579}', internalName: 'NpsRationale', displayName: 'Rationale', type: 'Note', required: false, indexed: false },
      { id: '{614191df-4a20-4c91-b76b-11897b99afd1}', internalName: 'NpsEvidence', displayName: 'Evidence', type: 'Note', required: false, indexed: false },
      { id: '{82cd2545-d218-48bc-a420-b2b0ec44eb85}', internalName: 'NpsEvidenceLinks', displayName: 'Evidence links', type: 'Note', required: false, indexed: false },
      // Why the lead officer agreed this level from the colleagues' views (Maturity views): kept with the assessment.
      { id: '{ca26b856-2a48-4560-9fce-a942e5a2df6f}', internalName: 'NpsModerationNote', displayName: 'Moderation note', type: 'Note', required: false, indexed: false },
    ],
  },
  actions: {
    title: 'Action plans',
    url: 'Lists/ActionPlans',
    contentTypeId: '0x0100D2330836BAD242C5B4DCCEBC01CB010F',
    description: "Actions that close the gap to target, against an enabler or key area.",
    versioning: true,
    attachments: true,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{60f1d98b-9b55-4775-b18a-46d5c8baab52}', internalName: 'NpsIndexId', displayName: 'Index id', type: 'Text', required: true, indexed: true, maxLength: 100 },
      { id: '{692bf352-57d0-4510-92b7-6059505a4eb1}', internalName: 'NpsActionDetails', displayName: 'Details', type: 'Note', required: false, indexed: false },
      { id: '{3a14bd5d-e085-4c05-84da-89ee9d138218}', internalName: 'NpsActionOwner', displayName: 'Owner', type: 'User', required: true, indexed: true },
      { id: '{4e8f343e-a77d-4223-ba7c-666e92791d03}', internalName: 'NpsDueDate', displayName: 'Due date', type: 'DateOnly', required: true, indexed: true },
      { id: '{96bd3fb7-c757-463e-85e3-822778976707}', internalName: 'NpsActionStatus', displayName: 'Action status', type: 'Choice', required: true, indexed: true, choices: ['Not started', 'In progress', 'Complete', 'Cancelled'], defaultValue: 'Not started' },
      { id: '{eb47ef1d-d486-4f9a-b167-13eca6663113}', internalName: 'NpsProgressNotes', displayName: 'Progress notes', type: 'Note', required: false, indexed: false },
      { id: '{baa1c153-e321-4507-8d83-b21a515ada72}', internalName: 'NpsCarriedFromId', displayName: 'Carried forward from', type: 'Number', required: false, indexed: true },
    ],
  },
  challenges: {
    title: 'Scrutiny challenges',
    url: 'Lists/ScrutinyChallenges',
    contentTypeId: '0x01006DA79DA041034159AF86081FBC7D214E',
    description: "Challenges raised by scrutiny councillors on a signed-off assessment, and the councillors' entries closing or reopening their own. Councillors can add, not change; Created By is who raised or closed each one.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{60f1d98b-9b55-4775-b18a-46d5c8baab52}', internalName: 'NpsIndexId', displayName: 'Index id', type: 'Text', required: false, indexed: true, maxLength: 100 },
      { id: '{e883e3a4-b813-4113-a1f6-7bcdce39f6da}', internalName: 'NpsChallengeText', displayName: 'Challenge', type: 'Note', required: true, indexed: false },
      // An entry that closes or reopens a challenge (rather than raising one) names it here; only its raiser's count.
      { id: '{c9b0c83d-aefa-4ab1-9941-a445501a0aa7}', internalName: 'NpsStatusOf', displayName: 'Closes or reopens challenge', type: 'Number', required: false, indexed: true },
      { id: '{3d55fc19-6b09-465e-b6b8-c9c0971e98e8}', internalName: 'NpsChallengeState', displayName: 'Challenge state', type: 'Choice', required: false, indexed: false, choices: ['Closed', 'Reopened'] },
    ],
  },
  responses: {
    title: 'Challenge responses',
    url: 'Lists/ChallengeResponses',
    contentTypeId: '0x01007E3B9C1D5F2A4B8E6C0D9A7F3E1B5C2D',
    description: "Officers' answers to scrutiny challenges, one per challenge. Revising an answer keeps every earlier one in the version history.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{6a9c1e3b-7d2f-4e8a-b5c1-3d7f9b2e4a6c}', internalName: 'NpsChallengeId', displayName: 'Challenge id', type: 'Number', required: true, indexed: true, unique: true },
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{9db3fa9d-49a1-40cf-aea0-dbc6d96a8640}', internalName: 'NpsResponse', displayName: 'Response', type: 'Note', required: true, indexed: false },
    ],
  },
  scrutinySharing: {
    title: 'Scrutiny sharing log',
    url: 'Lists/ScrutinySharingLog',
    contentTypeId: '0x0100FA9BAB11A8324FE780BF723BFFFF1695',
    description: "Who shared the scrutiny review with whom, and who took access away. Approvers and site owners can add entries, nobody can change them: Created By is who shared, Created is when.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{f94f9516-fc4b-438b-9cce-37955288aef4}', internalName: 'NpsSharedWith', displayName: 'Shared with (login)', type: 'Text', required: true, indexed: true, maxLength: 255 },
      { id: '{bc07ef3e-ccfc-4fbe-b913-45bcd6585576}', internalName: 'NpsShareAction', displayName: 'Sharing action', type: 'Choice', required: true, indexed: true, choices: ['Shared', 'Access removed'] },
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: false, indexed: true, maxLength: 20 },
      { id: '{062082d1-789c-41af-893c-dd7eda36a203}', internalName: 'NpsShareMessage', displayName: 'Message', type: 'Note', required: false, indexed: false },
    ],
  },
  reminders: {
    title: 'Action reminders',
    url: 'Lists/ActionReminders',
    contentTypeId: '0x0100B7E2C94A3D5F4E81A6C09D2F7B3E5A14',
    description: "Each reminder emailed to an action's owner, so nobody is reminded twice in a day. Officers and approvers can add entries, nobody can change them: Created By is who sent the reminder, Created is when.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{5c8e2f41-9a7d-4b3e-8f16-2d4a9c7e1b58}', internalName: 'NpsActionId', displayName: 'Action id', type: 'Number', required: true, indexed: true },
      { id: '{e3a71c5d-2b9f-4d86-a4c0-7f1e3b9d5a26}', internalName: 'NpsRemindedOwner', displayName: 'Owner reminded (login or email)', type: 'Text', required: true, indexed: true, maxLength: 255 },
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
    ],
  },
  committeePacks: {
    title: 'Committee packs',
    url: 'CommitteePacks',
    contentTypeId: '0x010100A2A5EBE7F65A46B8BEE2398166D2D74A',
    description: "Committee packs for overview and scrutiny: the Word document of a signed-off assessment and its challenge log. Each pack made again is a new version of the same file.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: false, indexed: true, maxLength: 20 },
    ],
  },
  views: {
    title: 'Maturity views',
    url: 'Lists/MaturityViews',
    contentTypeId: '0x0100CA13B03A919E41449D0BA9E5D850CCDF',
    description: "Colleagues' own views of the council's level, gathered before the lead officer agrees it. Each person reads only their own (item-level permissions); officers and approvers read all. Nobody changes a view: a changed view is a new entry, and Created By is whose it is.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{60f1d98b-9b55-4775-b18a-46d5c8baab52}', internalName: 'NpsIndexId', displayName: 'Index id', type: 'Text', required: true, indexed: true, maxLength: 100 },
      { id: '{7cee3055-6565-4cc1-aa7f-da58ee53dc32}', internalName: 'NpsViewLevel', displayName: 'Level in their view', type: 'Choice', required: true, indexed: false, choices: ['Minimum', 'Developing', 'Mature', 'Leader', 'Innovator'] },
      { id: '{f9635231-7073-439a-b881-92a1611a2d3f}', internalName: 'NpsViewComment', displayName: 'Comment', type: 'Note', required: false, indexed: false },
      // Set only when the lead officer enters a view given on paper: whose view it is (Created By is the lead).
      { id: '{bff0d4af-7874-4e89-9883-83e93128ddbd}', internalName: 'NpsGivenFor', displayName: 'Given on paper by', type: 'Text', required: false, indexed: false, maxLength: 255 },
    ],
  },
  viewInvitations: {
    title: 'View invitations',
    url: 'Lists/ViewInvitations',
    contentTypeId: '0x01004DE0D93D050F445988A39CD3A739F849',
    description: "Who the lead officer asked for their view of which indices, in which year. Officers add entries, nobody changes them: Created By is who invited.",
    versioning: true,
    attachments: false,
    fields: [
      { id: '{fa48678e-473b-445d-8b7c-2c28e69cd957}', internalName: 'NpsPeriodName', displayName: 'Period', type: 'Text', required: true, indexed: true, maxLength: 20 },
      { id: '{330c2d42-082d-4380-b956-92923717b352}', internalName: 'NpsInvitee', displayName: 'Invited (login)', type: 'Text', required: true, indexed: true, maxLength: 255 },
      // The index ids asked about, one per line; empty means every index of the year's framework.
      { id: '{98f5f9f8-b1a9-4e61-b2a6-3484b2e8e2e7}', internalName: 'NpsInvitedIndices', displayName: 'Indices asked about', type: 'Note', required: false, indexed: false },
      { id: '{76056120-449c-4814-957d-67b1335998e7}', internalName: 'NpsInviteMessage', displayName: 'Message', type: 'Note', required: false, indexed: false },
    ],
  },
} as const satisfies Record<string, ListDefinition>;

export type ListKey = keyof typeof LISTS;

/** The internal names of a list's own columns, as literal types: a typo or a missed column fails to compile. */
export type ColumnOf<K extends ListKey> = (typeof LISTS)[K]['fields'][number]['internalName'];

export const LIST_KEYS = Object.keys(LISTS) as ListKey[];

/** The built-in Title column is kept on every list and is always required, up to 255 characters. */
export const TITLE_MAX_LENGTH = 255;

export function listDefinition(key: ListKey): ListDefinition {
  return LISTS[key];
}

/** A list whose content type is a child of Document (0x0101) is a document library (template 101). */
export function isDocumentLibrary(list: Pick<ListDefinition, 'contentTypeId'>): boolean {
  return /^0x0101/i.test(list.contentTypeId);
}

export function fieldDefinition(key: ListKey, internalName: string): FieldDefinition | undefined {
  return LISTS[key].fields.find((f: FieldDefinition) => f.internalName === internalName);
}
