import { FieldDefinition, isDocumentLibrary, LIST_KEYS, LISTS, ListDefinition, ListKey } from './schema';

/**
 * Writes the feature framework XML that provisions the lists, from the list model. The files are
 * committed under sharepoint/assets (npm run provisioning regenerates them), packed into the .sppkg and
 * read back by the local list service; tests/unit/provisioning.test.ts parses them and compares with
 * the model, so they cannot drift apart.
 */

const SP_NS = 'http://schemas.microsoft.com/sharepoint/';
/** The feature that defines the generic custom list (template 100). */
const CUSTOM_LIST_FEATURE = '00bfea71-de22-43b2-a848-c05709900100';
/** The feature that defines the document library (template 101). */
const DOCUMENT_LIBRARY_FEATURE = '00bfea71-e717-4e80-aa17-d0c71b360101';

/** The list template a list is made from: a document library (101) when its content type is a Document. */
export function listTemplateOf(list: ListDefinition): { featureId: string; templateType: 100 | 101 } {
  return isDocumentLibrary(list) ? { featureId: DOCUMENT_LIBRARY_FEATURE, templateType: 101 } : { featureId: CUSTOM_LIST_FEATURE, templateType: 100 };
}

export const FIELD_GROUP = 'Procurement maturity';

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function bool(value: boolean): string {
  return value ? 'TRUE' : 'FALSE';
}

export function schemaFileName(key: ListKey): string {
  return `schema-${key}.xml`;
}

/** Attributes every copy of a column shares: its identity and type. */
function fieldTypeAttributes(field: FieldDefinition): string[] {
  const attrs = [`ID="${field.id}"`, `Name="${field.internalName}"`, `StaticName="${field.internalName}"`, `DisplayName="${esc(field.displayName)}"`];
  switch (field.type) {
    case 'Text':
      attrs.push('Type="Text"');
      if (field.maxLength) attrs.push(`MaxLength="${field.maxLength}"`);
      break;
    case 'Note':
      attrs.push('Type="Note"', 'NumLines="6"', 'RichText="FALSE"', 'UnlimitedLengthInDocumentLibrary="FALSE"');
      break;
    case 'Number':
      attrs.push('Type="Number"', 'Decimals="0"');
      break;
    case 'Choice':
      attrs.push('Type="Choice"', 'Format="Dropdown"', 'FillInChoice="FALSE"');
      break;
    case 'DateOnly':
      attrs.push('Type="DateTime"', 'Format="DateOnly"', 'FriendlyDisplayFormat="Disabled"');
      break;
    case 'DateTime':
      attrs.push('Type="DateTime"', 'Format="DateTime"', 'FriendlyDisplayFormat="Disabled"');
      break;
    case 'User':
      attrs.push('Type="User"', 'List="UserInfo"', 'ShowField="ImnName"', 'UserSelectionMode="PeopleOnly"', 'UserSelectionScope="0"', 'Mult="FALSE"');
      break;
    case 'Boolean':
      attrs.push('Type="Boolean"');
      break;
  }
  return attrs;
}

function fieldXml(field: FieldDefinition, indent: string, withListSettings: boolean): string {
  const attrs = fieldTypeAttributes(field);
  attrs.push(`Group="${FIELD_GROUP}"`);
  if (withListSettings) {
    attrs.push(`Required="${bool(field.required)}"`, `Indexed="${bool(field.indexed)}"`);
    if (field.unique) attrs.push('EnforceUniqueValues="TRUE"');
  }
  const children: string[] = [];
  if (field.choices) {
    children.push(`${indent}  <CHOICES>`, ...field.choices.map((c) => `${indent}    <CHOICE>${esc(c)}</CHOICE>`), `${indent}  </CHOICES>`);
  }
  if (field.defaultValue !== undefined) children.push(`${indent}  <Default>${esc(field.defaultValue)}</Default>`);
  if (children.length === 0) return `${indent}<Field ${attrs.join(' ')} />`;
  return [`${indent}<Field ${attrs.join(' ')}>`, ...children, `${indent}</Field>`].join('\n');
}

/** Site columns (each once, even when two lists share it), content types and list instances. */
export function elementsXml(): string {
  const siteColumns = new Map<string, FieldDefinition>();
  LIST_KEYS.forEach((key) => LISTS[key].fields.forEach((f: FieldDefinition) => siteColumns.set(f.id, siteColumns.get(f.id) ?? f)));
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<Elements xmlns="${SP_NS}">`];
  siteColumns.forEach((field) => lines.push(fieldXml(field, '  ', false)));
  for (const key of LIST_KEYS) {
    const list: ListDefinition = LISTS[key];
    lines.push(
      `  <ContentType ID="${list.contentTypeId}" Name="${esc(list.title)}" Group="${FIELD_GROUP}" Description="${esc(list.description)}" Inherits="TRUE" Version="0">`,
      '    <FieldRefs>',
      ...list.fields.map((f) => `      <FieldRef ID="${f.id}" Name="${f.internalName}" Required="${bool(f.required)}" />`),
      '    </FieldRefs>',
      '  </ContentType>'
    );
  }
  for (const key of LIST_KEYS) {
    const list: ListDefinition = LISTS[key];
    const template = listTemplateOf(list);
    lines.push(
      `  <ListInstance CustomSchema="${schemaFileName(key)}" FeatureId="${template.featureId}" TemplateType="${template.templateType}" Title="${esc(list.title)}" Description="${esc(list.description)}" Url="${list.url}" VersioningEnabled="${bool(list.versioning)}" OnQuickLaunch="FALSE" />`
    );
  }
  lines.push('</Elements>', '');
  return lines.join('\n');
}

/** The list schema: its content type, its columns with list settings (required, indexed), one view. */
export function listSchemaXml(key: ListKey): string {
  const list: ListDefinition = LISTS[key];
  // A library's views and forms live in its Forms folder and list files (LinkFilename), not items.
  const library = isDocumentLibrary(list);
  const forms = library ? 'Forms/' : '';
  const viewFields = [...(library ? ['DocIcon', 'LinkFilename'] : ['LinkTitle']), ...list.fields.filter((f) => f.type !== 'Note').map((f) => f.internalName), 'Modified', 'Editor'];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<List xmlns:ows="Microsoft SharePoint" xmlns="${SP_NS}" Title="${esc(list.title)}" Url="${list.url}" BaseType="${library ? 1 : 0}" EnableContentTypes="TRUE" FolderCreation="FALSE" VersioningEnabled="${bool(list.versioning)}" DisableAttachments="${bool(!list.attachments)}" Direction="$Resources:Direction;">`,
    '  <MetaData>',
    '    <ContentTypes>',
    `      <ContentTypeRef ID="${list.contentTypeId}" />`,
    '    </ContentTypes>',
    '    <Fields>',
    ...list.fields.map((f) => fieldXml(f, '      ', true)),
    '    </Fields>',
    '    <Views>',
    `      <View BaseViewID="1" Type="HTML" WebPartZoneID="Main" DisplayName="All items" DefaultView="TRUE" MobileView="TRUE" MobileDefaultView="TRUE" SetupPath="pages\\viewpage.aspx" ImageUrl="/_layouts/images/generic.png" Url="${forms}AllItems.aspx">`,
    '        <RowLimit Paged="TRUE">30</RowLimit>',
    '        <XslLink Default="TRUE">main.xsl</XslLink>',
    '        <JSLink>clienttemplates.js</JSLink>',
    '        <Toolbar Type="Standard" />',
    '        <ViewFields>',
    ...viewFields.map((name) => `          <FieldRef Name="${name}" />`),
    '        </ViewFields>',
    '        <Query>',
    '          <OrderBy>',
    '            <FieldRef Name="ID" />',
    '          </OrderBy>',
    '        </Query>',
    '      </View>',
    '    </Views>',
    '    <Forms>',
    `      <Form Type="DisplayForm" Url="${forms}DispForm.aspx" SetupPath="pages\\form.aspx" WebPartZoneID="Main" />`,
    `      <Form Type="EditForm" Url="${forms}EditForm.aspx" SetupPath="pages\\form.aspx" WebPartZoneID="Main" />`,
    `      <Form Type="NewForm" Url="${forms}${library ? 'Upload' : 'NewForm'}.aspx" SetupPath="pages\\form.aspx" WebPartZoneID="Main" />`,
    '    </Forms>',
    '  </MetaData>',
    '</List>',
    '',
  ].join('\n');
}

/** Every provisioning file, by name, as it belongs in sharepoint/assets. */
export function provisioningFiles(): Record<string, string> {
  const files: Record<string, string> = { 'elements.xml': elementsXml() };
  for (const key of LIST_KEYS) files[schemaFileName(key)] = listSchemaXml(key);
  return files;
}
