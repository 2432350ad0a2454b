/**
 * Reads the lists the package provisions from its own feature XML (sharepoint/assets): the
 * ListInstance elements of elements.xml and each list's CustomSchema file. The service builds the site
 * from these files, not from the TypeScript model, so a mistake in the XML shows up locally as it
 * would when SharePoint provisions the package.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type FieldKind = 'Text' | 'Note' | 'Number' | 'Choice' | 'Boolean' | 'User' | 'DateTime';

export interface FieldSchema {
  id: string;
  internalName: string;
  displayName: string;
  type: FieldKind;
  /** DateTime with Format="DateOnly". */
  dateOnly: boolean;
  required: boolean;
  indexed: boolean;
  unique: boolean;
  maxLength?: number;
  choices?: string[];
  defaultValue?: string;
}

export interface ListSchema {
  title: string;
  /** Web-relative URL, e.g. Lists/ActionPlans. */
  url: string;
  description: string;
  versioning: boolean;
  attachments: boolean;
  /** A document library (ListInstance TemplateType 101, List BaseType 1): its items are files. */
  library: boolean;
  fields: FieldSchema[];
}

export class SchemaError extends Error {
  constructor(public readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

const FIELD_KINDS: FieldKind[] = ['Text', 'Note', 'Number', 'Choice', 'Boolean', 'User', 'DateTime'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['ListInstance', 'Field', 'CHOICE'].includes(name),
});

type XmlNode = Record<string, unknown>;

function readXml(dir: string, fileName: string): XmlNode {
  const path = join(dir, fileName);
  if (!existsSync(path)) throw new SchemaError(path, 'file is missing');
  const text = readFileSync(path, 'utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new SchemaError(path, `malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  return parser.parse(text) as XmlNode;
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return String(value).toUpperCase() === 'TRUE';
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return String((node as XmlNode)['#text'] ?? '');
  return String(node);
}

function parseField(file: string, raw: XmlNode): FieldSchema {
  const name = raw.Name ? String(raw.Name) : '';
  if (!name) throw new SchemaError(file, 'a Field has no Name');
  const type = String(raw.Type ?? '');
  if (!FIELD_KINDS.includes(type as FieldKind)) throw new SchemaError(file, `field ${name} has unsupported Type "${type}"`);
  const field: FieldSchema = {
    id: String(raw.ID ?? '').toLowerCase(),
    internalName: name,
    displayName: String(raw.DisplayName ?? name),
    type: type as FieldKind,
    dateOnly: type === 'DateTime' && String(raw.Format ?? '') === 'DateOnly',
    required: bool(raw.Required, false),
    indexed: bool(raw.Indexed, false),
    unique: bool(raw.EnforceUniqueValues, false),
  };
  if (type === 'Text') {
    const max = raw.MaxLength === undefined ? 255 : Number(raw.MaxLength);
    if (!Number.isInteger(max) || max < 1 || max > 255) throw new SchemaError(file, `field ${name} has invalid MaxLength "${String(raw.MaxLength)}"`);
    field.maxLength = max;
  }
  if (type === 'Choice') {
    const choices = ((raw.CHOICES as XmlNode | undefined)?.CHOICE as unknown[] | undefined) ?? [];
    if (choices.length === 0) throw new SchemaError(file, `choice field ${name} has no CHOICES`);
    field.choices = choices.map(text);
  }
  if (raw.Default !== undefined) field.defaultValue = text(raw.Default);
  if (field.unique && !field.indexed) throw new SchemaError(file, `field ${name} enforces unique values but is not indexed`);
  return field;
}

/** Loads every list the package provisions; throws SchemaError naming the file and the problem. */
export function loadListSchemas(assetsDir: string): ListSchema[] {
  const elementsPath = join(assetsDir, 'elements.xml');
  const elements = readXml(assetsDir, 'elements.xml').Elements as XmlNode | undefined;
  if (!elements) throw new SchemaError(elementsPath, 'no <Elements> root element');
  const instances = (elements.ListInstance as XmlNode[] | undefined) ?? [];
  if (instances.length === 0) throw new SchemaError(elementsPath, 'no ListInstance elements');
  const lists: ListSchema[] = [];
  for (const instance of instances) {
    const title = String(instance.Title ?? '');
    const url = String(instance.Url ?? '');
    const schemaFile = String(instance.CustomSchema ?? '');
    if (!title || !url) throw new SchemaError(elementsPath, 'a ListInstance lacks Title or Url');
    if (!schemaFile) throw new SchemaError(elementsPath, `ListInstance "${title}" has no CustomSchema`);
    const schemaPath = join(assetsDir, schemaFile);
    const list = readXml(assetsDir, schemaFile).List as XmlNode | undefined;
    if (!list) throw new SchemaError(schemaPath, 'no <List> root element');
    if (list.Url && String(list.Url) !== url) throw new SchemaError(schemaPath, `List Url "${String(list.Url)}" differs from the ListInstance Url "${url}"`);
    const rawFields = (((list.MetaData as XmlNode | undefined)?.Fields as XmlNode | undefined)?.Field as XmlNode[] | undefined) ?? [];
    const fields = rawFields.map((f) => parseField(schemaPath, f));
    const seen = new Set<string>();
    for (const f of fields) {
      const key = f.internalName.toLowerCase();
      if (seen.has(key) || key === 'title' || key === 'id') throw new SchemaError(schemaPath, `field ${f.internalName} is defined twice or clashes with a built-in field`);
      seen.add(key);
    }
    if (lists.some((l) => l.title.toLowerCase() === title.toLowerCase() || l.url.toLowerCase() === url.toLowerCase())) {
      throw new SchemaError(elementsPath, `two ListInstance elements use the title "${title}" or URL "${url}"`);
    }
    const template = String(instance.TemplateType ?? '100');
    const baseType = String(list.BaseType ?? '0');
    if (!['100', '101'].includes(template)) throw new SchemaError(elementsPath, `ListInstance "${title}" has TemplateType ${template}; only custom lists (100) and document libraries (101) are supported`);
    if ((template === '101') !== (baseType === '1')) throw new SchemaError(schemaPath, `List BaseType ${baseType} does not match the ListInstance TemplateType ${template} (a document library has BaseType 1)`);
    lists.push({
      title,
      url,
      library: template === '101',
      description: String(instance.Description ?? ''),
      versioning: bool(instance.VersioningEnabled, bool(list.VersioningEnabled, false)),
      attachments: !bool(list.DisableAttachments, false),
      fields,
    });
  }
  return lists;
}

/** Describes how a stored column differs from the XML, or returns undefined when they agree. */
export function fieldDifference(stored: FieldSchema, wanted: FieldSchema): string | undefined {
  const keys: (keyof FieldSchema)[] = ['type', 'dateOnly', 'required', 'indexed', 'unique', 'maxLength', 'defaultValue'];
  for (const key of keys) {
    if (stored[key] !== wanted[key]) return `${key} is ${JSON.stringify(stored[key])} in the stored list but ${JSON.stringify(wanted[key])} in the XML`;
  }
  if (JSON.stringify(stored.choices ?? []) !== JSON.stringify(wanted.choices ?? [])) return 'its choices differ from the XML';
  return undefined;
}
