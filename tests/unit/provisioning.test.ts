import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FieldDefinition, LIST_KEYS, LISTS } from '../../src/data/schema';
import { listTemplateOf, provisioningFiles, schemaFileName } from '../../src/data/provisioningXml';

const assets = join(__dirname, '../../sharepoint/assets');
const read = (name: string): string => readFileSync(join(assets, name), 'utf8');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['Field', 'ContentType', 'ListInstance', 'FieldRef', 'CHOICE', 'ContentTypeRef'].includes(name) });
// The lists are provisioned by the site-scoped lists package; the app package (config/package-solution.json) has none.
const packageSolution = JSON.parse(readFileSync(join(__dirname, '../../config/package-solution-lists.json'), 'utf8'));

type XmlField = Record<string, any>;

/** What a Field element says, in the model's terms, so a difference reads as a difference of meaning. */
function fieldFromXml(f: XmlField, withListSettings: boolean): Partial<FieldDefinition> {
  const type = f.Type === 'DateTime' ? (f.Format === 'DateOnly' ? 'DateOnly' : 'DateTime') : f.Type;
  const field: Partial<FieldDefinition> = { id: f.ID, internalName: f.Name, displayName: f.DisplayName, type };
  if (withListSettings) {
    field.required = f.Required === 'TRUE';
    field.indexed = f.Indexed === 'TRUE';
    if (f.EnforceUniqueValues === 'TRUE') field.unique = true;
  }
  if (f.MaxLength) field.maxLength = Number(f.MaxLength);
  if (f.CHOICES) field.choices = f.CHOICES.CHOICE.map(String);
  if (f.Default !== undefined) field.defaultValue = String(f.Default);
  return field;
}

function modelField(f: FieldDefinition, withListSettings: boolean): Partial<FieldDefinition> {
  const { required, indexed, unique, ...shared } = f;
  return withListSettings ? { ...shared, required, indexed, ...(unique ? { unique } : {}) } : shared;
}

describe('provisioning XML matches the list model', () => {
  const elements = parser.parse(read('elements.xml')).Elements;

  it('every XML file in sharepoint/assets is well-formed', () => {
    for (const name of readdirSync(assets).filter((n) => n.endsWith('.xml'))) {
      expect({ name, valid: XMLValidator.validate(read(name)) }).toEqual({ name, valid: true });
    }
  });

  it('is what the model generates (run npm run provisioning after changing src/data/schema.ts)', () => {
    for (const [name, xml] of Object.entries(provisioningFiles())) expect({ name, xml: read(name) }).toEqual({ name, xml });
  });

  it('declares one list instance per list, with title, URL, versioning and its schema file', () => {
    const instances = elements.ListInstance.map((l: XmlField) => ({ title: l.Title, url: l.Url, versioning: l.VersioningEnabled, schema: l.CustomSchema, template: l.TemplateType }));
    expect(instances).toEqual(
      LIST_KEYS.map((key) => ({ title: LISTS[key].title, url: LISTS[key].url, versioning: 'TRUE', schema: schemaFileName(key), template: String(listTemplateOf(LISTS[key]).templateType) }))
    );
  });

  it('provisions the committee packs as a document library (template 101) and every other list as a custom list (template 100)', () => {
    const templates = Object.fromEntries(elements.ListInstance.map((l: XmlField) => [l.Title, `${l.TemplateType} ${l.FeatureId}`]));
    expect(templates[LISTS.committeePacks.title]).toBe('101 00bfea71-e717-4e80-aa17-d0c71b360101');
    expect(parser.parse(read(schemaFileName('committeePacks'))).List.BaseType).toBe('1');
    for (const key of LIST_KEYS.filter((k) => k !== 'committeePacks')) expect(templates[LISTS[key].title]).toBe('100 00bfea71-de22-43b2-a848-c05709900100');
  });

  it('declares every column once as a site column, identical wherever two lists share it', () => {
    const siteColumns = new Map<string, Partial<FieldDefinition>>(elements.Field.map((f: XmlField) => [f.ID, fieldFromXml(f, false)]));
    expect(siteColumns.size).toBe(elements.Field.length);
    for (const key of LIST_KEYS) {
      for (const field of LISTS[key].fields) expect(siteColumns.get(field.id)).toEqual(modelField(field, false));
    }
    const modelIds = new Set(LIST_KEYS.flatMap((key) => LISTS[key].fields.map((f) => f.id)));
    expect([...siteColumns.keys()].sort()).toEqual([...modelIds].sort());
  });

  it('gives each list a content type that carries exactly its columns', () => {
    for (const key of LIST_KEYS) {
      const ct = elements.ContentType.find((c: XmlField) => c.ID === LISTS[key].contentTypeId);
      expect(ct?.Name).toBe(LISTS[key].title);
      expect(ct.FieldRefs.FieldRef.map((r: XmlField) => r.Name)).toEqual(LISTS[key].fields.map((f) => f.internalName));
    }
  });

  it.each(LIST_KEYS)('schema for the %s list has exactly the model columns, required and indexed as modelled', (key) => {
    const list = parser.parse(read(schemaFileName(key))).List;
    expect({ title: list.Title, url: list.Url, versioning: list.VersioningEnabled, attachments: list.DisableAttachments === 'FALSE' }).toEqual({
      title: LISTS[key].title, url: LISTS[key].url, versioning: 'TRUE', attachments: LISTS[key].attachments,
    });
    expect(list.MetaData.ContentTypes.ContentTypeRef.map((c: XmlField) => c.ID)).toEqual([LISTS[key].contentTypeId]);
    expect(list.MetaData.Fields.Field.map((f: XmlField) => fieldFromXml(f, true))).toEqual(LISTS[key].fields.map((f) => modelField(f, true)));
  });

  it('keeps every list versioned and every column name prefixed so it cannot clash with a council column', () => {
    for (const key of LIST_KEYS) {
      expect(LISTS[key].versioning).toBe(true);
      for (const f of LISTS[key].fields) expect(f.internalName).toMatch(/^Nps[A-Z]\w+$/);
    }
  });

  it('is declared on the feature of the lists package, which is added per site so its lists are provisioned', () => {
    expect(packageSolution.solution.skipFeatureDeployment).toBe(false);
    const feature = packageSolution.solution.features[0];
    expect(feature.assets.elementManifests).toEqual(['elements.xml']);
    expect(feature.assets.elementFiles.sort()).toEqual(LIST_KEYS.map(schemaFileName).sort());
    expect(feature.assets.upgradeActions).toEqual(['upgrade-actions.xml']);
    expect(feature.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});
