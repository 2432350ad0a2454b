/**
 * SharePoint's form-style item writes: items(n)/validateupdatelistitem and
 * lists(...)/AddValidateUpdateItemUsingPath. Values come as the text a form would send
 * ({ formValues: [{ FieldName, FieldValue }], bNewDocumentUpdate }): dates in the site's regional format
 * (en-GB, dd/MM/yyyy [HH:mm], site time) or ISO, numbers as typed, a person as the people picker's JSON
 * ([{"Key":"i:0#.f|membership|x@y"}]). Each value is checked on its own and reported in the answer
 * ({ value: [{ ErrorCode, ErrorMessage, FieldName, FieldValue, HasException, ItemId }] }, HTTP 200); a
 * bad value is a per-field exception, not an HTTP error, and then nothing is saved. A person named in a
 * person column is added to the site's User Information List by the write itself, as SharePoint does
 * for this path, so it needs only EditListItems (AddListItems to add), not the ensureuser permission.
 */
import { ApiResponse, Ctx, json, jsonBody, requireMethod } from './context';
import { findPerson } from './directory';
import { fromSiteLocal, isoSeconds, parseDate, toSiteMidnight } from './dates';
import { errors, SpError } from './errors';
import { defaultValue } from './items';
import { PermissionKind } from './permissions';
import { WEB_PATH } from './site';
import { FieldValue, ItemRecord, ListRecord, PrincipalInfo } from './store';
import { FieldSchema } from './xmlSchema';

interface FormValue {
  FieldName: string;
  FieldValue: string | null;
}

interface FormResult {
  ErrorCode: number;
  ErrorMessage: string | null;
  FieldName: string;
  FieldValue: string | null;
  HasException: boolean;
  ItemId: number;
}

/** SharePoint's general exception HRESULT, which it reports for form validation failures. */
const FIELD_ERROR_CODE = -2146232832;

const TITLE_FIELD: FieldSchema = {
  id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247',
  internalName: 'Title',
  displayName: 'Title',
  type: 'Text',
  dateOnly: false,
  required: true,
  indexed: false,
  unique: false,
  maxLength: 255,
};

/** Built-in columns a form cannot set here (SharePoint lets Author/Editor/Created/Modified be set this way; not implemented). */
const BUILT_IN = new Set(['id', 'created', 'modified', 'author', 'editor', 'attachments', 'guid', 'contenttypeid', 'fsobjtype', 'fileleafref']);

type Parsed = { value: FieldValue; person?: PrincipalInfo } | { error: string };

function readFormValues(ctx: Ctx): { formValues: FormValue[]; datesInUTC: boolean; body: Record<string, unknown> } {
  const body = jsonBody(ctx);
  const raw = body.formValues as unknown;
  const list = Array.isArray(raw) ? raw : Array.isArray((raw as { results?: unknown })?.results) ? (raw as { results: unknown[] }).results : undefined;
  if (!list) throw errors.badArgument('The parameter formValues must be a list of { FieldName, FieldValue }.');
  const formValues = list.map((v): FormValue => {
    const entry = (v ?? {}) as Record<string, unknown>;
    if (typeof entry.FieldName !== 'string' || entry.FieldName.trim() === '') throw errors.badArgument('Every form value needs a FieldName.');
    const value = entry.FieldValue;
    if (value !== null && value !== undefined && typeof value !== 'string') throw errors.badQuery("Cannot convert a primitive value to the expected type 'Edm.String'. See the inner exception for more details.");
    return { FieldName: entry.FieldName, FieldValue: (value as string | null | undefined) ?? null };
  });
  return { formValues, datesInUTC: body.datesInUTC === true, body };
}

const GB_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/i;

/** A date as a form sends it: the site's en-GB format or ISO; without a zone it is site time (UTC with datesInUTC). */
function parseFormDate(text: string, datesInUTC: boolean): number | undefined {
  const gb = GB_DATE.exec(text);
  const iso = gb ? undefined : ISO_LOCAL.exec(text);
  if (!gb && !iso) return /[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) ? parseDate(text) : undefined;
  const [year, month, day] = gb ? [Number(gb[3]), Number(gb[2]), Number(gb[1])] : [Number(iso![1]), Number(iso![2]), Number(iso![3])];
  const m = (gb ?? iso)!;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!datesInUTC) return fromSiteLocal(year, month, day, hour, minute, second);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return parseDate(`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`);
}

/** A person column's value: the people picker's JSON, one entry (these columns take one person). */
function parsePerson(text: string): Parsed {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    return { error: 'The user does not exist or is not unique.' };
  }
  if (!Array.isArray(entries)) entries = [entries];
  const keys = (entries as unknown[]).map((e) => (typeof e === 'string' ? e : String((e as { Key?: unknown } | null)?.Key ?? '')));
  if (keys.length === 0) return { value: null };
  if (keys.length > 1) return { error: 'You can only enter one name.' };
  // These columns are "People Only": a group (SharePoint or Entra ID) is not a value for them.
  const person = findPerson(keys[0]);
  if (!person) return { error: 'The user does not exist or is not unique.' };
  return { value: null, person };
}

function parseValue(f: FieldSchema, text: string | null, datesInUTC: boolean): Parsed {
  const t = text ?? '';
  if (t.trim() === '' || (f.type === 'User' && t.trim() === '[]')) {
    return f.required ? { error: "You can't leave this blank." } : { value: f.type === 'Boolean' ? false : null };
  }
  switch (f.type) {
    case 'Text':
    case 'Choice':
      if (f.maxLength !== undefined && t.length > f.maxLength) {
        return { error: `The value of the field '${f.displayName}' (${f.internalName}) is ${t.length} characters long, more than its maximum length of ${f.maxLength}.` };
      }
      return { value: t };
    case 'Note':
      return { value: t };
    case 'Number': {
      const clean = t.trim();
      if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/.test(clean)) return { error: 'Invalid number value. A number field contains invalid data. Please check the value and try again.' };
      return { value: Number(clean.replace(/,/g, '')) };
    }
    case 'Boolean': {
      const v = t.trim().toLowerCase();
      if (['1', 'true', 'yes'].includes(v)) return { value: true };
      if (['0', 'false', 'no'].includes(v)) return { value: false };
      return { error: 'Invalid Yes/No value. A Yes/No field contains invalid data. Please check the value and try again.' };
    }
    case 'DateTime': {
      const ms = parseFormDate(t.trim(), datesInUTC);
      if (ms === undefined) return { error: 'Invalid date/time value. A date/time field contains invalid data. Please check the value and try again.' };
      return { value: isoSeconds(f.dateOnly ? toSiteMidnight(ms) : ms) };
    }
    case 'User':
      return parsePerson(t);
  }
}

function duplicateIn(list: ListRecord, f: FieldSchema, value: FieldValue, selfId?: number): boolean {
  if (!f.unique || value === null) return false;
  const key = String(value).toLowerCase();
  for (const other of list.items.values()) {
    if (other.id !== selfId && other.values[f.internalName] !== null && other.values[f.internalName] !== undefined && String(other.values[f.internalName]).toLowerCase() === key) return true;
  }
  return false;
}

/**
 * Checks every form value; returns the values to write, the people to add to the site, and the
 * per-field results (all without an exception when the write may go ahead).
 */
function validate(list: ListRecord, formValues: FormValue[], datesInUTC: boolean, item?: ItemRecord) {
  const values: Record<string, FieldValue> = {};
  const people: { field: string; person: PrincipalInfo }[] = [];
  const results: FormResult[] = [];
  for (const fv of formValues) {
    const result: FormResult = { ErrorCode: 0, ErrorMessage: null, FieldName: fv.FieldName, FieldValue: fv.FieldValue, HasException: false, ItemId: item?.id ?? 0 };
    results.push(result);
    const fail = (message: string) => Object.assign(result, { ErrorCode: FIELD_ERROR_CODE, ErrorMessage: message, HasException: true });
    const name = fv.FieldName.trim();
    const f = name.toLowerCase() === 'title' ? TITLE_FIELD : list.fields.find((x) => x.internalName.toLowerCase() === name.toLowerCase());
    if (!f) {
      fail(BUILT_IN.has(name.toLowerCase()) ? `The field '${name}' cannot be set with validateupdatelistitem on this service.` : `Column '${name}' does not exist. It may have been deleted by another user.`);
      continue;
    }
    const parsed = parseValue(f, fv.FieldValue, datesInUTC);
    if ('error' in parsed) {
      fail(parsed.error);
      continue;
    }
    if (parsed.person) {
      people.push({ field: f.internalName, person: parsed.person });
      continue;
    }
    if (duplicateIn(list, f, parsed.value, item?.id)) {
      fail('This value already exists in the list.');
      continue;
    }
    values[f.internalName] = parsed.value;
  }
  const ok = results.every((r) => !r.HasException);
  return { ok, values, people, results };
}

function answer(ctx: Ctx, results: FormResult[]): ApiResponse {
  return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#Collection(SP.ListItemFormUpdateValue)`, value: results });
}

/** Adds the people the form named to the site (no ensureuser permission needed on this path) and sets their columns. */
function resolvePeople(ctx: Ctx, values: Record<string, FieldValue>, people: { field: string; person: PrincipalInfo }[]): void {
  for (const { field, person } of people) values[field] = (ctx.store.userByLogin(person.loginName) ?? ctx.store.ensureUser(person)).id;
}

/** POST items(n)/validateupdatelistitem: EditListItems on the item (its own scope when it has one). */
export function validateUpdateListItem(ctx: Ctx, list: ListRecord, item: ItemRecord): ApiResponse {
  requireMethod(ctx, 'POST');
  ctx.security.require(ctx.user, PermissionKind.EditListItems, list, item);
  const { formValues, datesInUTC } = readFormValues(ctx);
  const { ok, values, people, results } = validate(list, formValues, datesInUTC, item);
  if (!ok) return answer(ctx, results);
  resolvePeople(ctx, values, people);
  // bNewDocumentUpdate on a library file sets the columns of the version just uploaded, as SharePoint
  // does; on a list item it is accepted and the change is a new item version either way.
  const body = jsonBody(ctx);
  if (formValues.length > 0 && list.library && body.bNewDocumentUpdate === true) ctx.store.amendCurrentVersion(list, item, values);
  else if (formValues.length > 0) ctx.store.updateItem(list, item, { values }, ctx.user!.id);
  return answer(ctx, results);
}

/** The list's root folder, which is the only folder this service has. */
function checkFolder(list: ListRecord, info: Record<string, unknown>): void {
  if (info.UnderlyingObjectType !== undefined && Number(info.UnderlyingObjectType) !== 0) throw errors.badArgument('Folders are not supported by the local list service.');
  const path = info.FolderPath as { DecodedUrl?: unknown } | string | undefined;
  const url = typeof path === 'string' ? path : typeof path?.DecodedUrl === 'string' ? path.DecodedUrl : '';
  if (url.trim() === '') return;
  const wanted = `${WEB_PATH}/${list.url}`.toLowerCase();
  let given = url.trim().replace(/\/+$/, '').toLowerCase();
  if (/^https?:\/\//.test(given)) given = given.replace(/^https?:\/\/[^/]+/, '');
  if (given !== wanted && given !== list.url.toLowerCase()) throw new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
}

/**
 * POST lists(...)/AddValidateUpdateItemUsingPath: AddListItems on the list. On success the answer ends
 * with { FieldName: "Id", FieldValue: "<new id>" }; with any exception no item is added (ItemId 0).
 */
export function addValidateUpdateItem(ctx: Ctx, list: ListRecord): ApiResponse {
  requireMethod(ctx, 'POST');
  ctx.security.require(ctx.user, PermissionKind.AddListItems, list);
  const { formValues, datesInUTC, body } = readFormValues(ctx);
  checkFolder(list, (body.listItemCreateInfo ?? {}) as Record<string, unknown>);
  const { ok, values, people, results } = validate(list, formValues, datesInUTC);
  if (!ok) return answer(ctx, results);
  resolvePeople(ctx, values, people);
  for (const f of list.fields) if (!(f.internalName in values)) values[f.internalName] = defaultValue(f);
  if (!('Title' in values)) values.Title = null;
  const item = ctx.store.addItem(list, values, ctx.user!.id);
  for (const r of results) r.ItemId = item.id;
  results.push({ ErrorCode: 0, ErrorMessage: null, FieldName: 'Id', FieldValue: String(item.id), HasException: false, ItemId: item.id });
  return answer(ctx, results);
}
