/**
 * The site's state: kept whole in memory for query evaluation (lists stay well under ~20,000 items)
 * and written through to SQLite (node:sqlite, WAL, synchronous=FULL). Every change runs inside a
 * transaction that is committed before the HTTP response goes out, so anything a client was told
 * succeeded survives kill -9.
 *
 * Discipline for callers: validate first, then call the mutating methods, which write the database
 * row before touching memory. If a transaction is rolled back after writes, memory is reloaded from
 * the database so the two never drift apart.
 */
import { randomBytes, randomUUID } from 'crypto';
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { nowIso } from './dates';
import { SpError } from './errors';
import { DirectoryClaim, DirectoryGroup, findClaim, m365MembersClaim, m365OwnersClaim, SITE_OWNER } from './directory';
import { BUILT_IN_ROLES, FIRST_CUSTOM_ROLE_ID, Mask, RoleDefinition, ROLE_IDS, mask, maskHigh, maskLow } from './permissions';
import { FieldSchema, ListSchema, SchemaError, fieldDifference } from './xmlSchema';

export interface UserRecord {
  id: number;
  loginName: string;
  title: string;
  email: string;
  isSiteAdmin: boolean;
}

export interface GroupRecord {
  id: number;
  title: string;
  description: string;
  ownerId: number;
  allowMembersEditMembership: boolean;
  onlyAllowMembersViewMembership: boolean;
  members: Set<number>;
}

export interface RoleAssignmentRecord {
  /** 'web', a list id, or an item's scope (itemScope(listId, itemId)) when it has unique permissions. */
  scope: string;
  principalId: number;
  roleId: number;
}

export type FieldValue = string | number | boolean | null;

export interface ItemRecord {
  id: number;
  /** owshiddenversion: 1 when added, +1 on every change; the item's ETag. */
  version: number;
  guid: string;
  /** Column values by internal name (Title and the list's own columns; person columns hold user ids). */
  values: Record<string, FieldValue>;
  created: string;
  modified: string;
  authorId: number;
  editorId: number;
  attachments: string[];
  /** In a document library: the file's name (its content, version by version, is in the files table). */
  fileName?: string;
}

export interface VersionRecord {
  version: number;
  values: Record<string, FieldValue>;
  created: string;
  modified: string;
  authorId: number;
  editorId: number;
  attachments: boolean;
}

export interface ListRecord {
  id: string;
  title: string;
  url: string;
  description: string;
  versioning: boolean;
  attachments: boolean;
  /** A document library: each item is a file (from the XML's list template; not stored). */
  library: boolean;
  fields: FieldSchema[];
  created: string;
  lastItemModified: string;
  hasUniquePerms: boolean;
  /**
   * Item-level permissions (List settings, Advanced settings; SP.List.ReadSecurity / WriteSecurity):
   * 1 everyone reads all items / may create and edit all; ReadSecurity 2 each person reads only the items
   * they created; WriteSecurity 2 each person edits only the items they created, 4 nobody creates or edits.
   * People with CancelCheckout (Override List Behaviors) on the list are not limited by either.
   */
  readSecurity: ReadSecurity;
  writeSecurity: WriteSecurity;
  /** Ids of the items with their own permissions (their role assignments are under itemScope(list.id, id)). */
  uniqueItems: Set<number>;
  nextItemId: number;
  items: Map<number, ItemRecord>;
}

export type ReadSecurity = 1 | 2;
export type WriteSecurity = 1 | 2 | 4;

/** A tenant property (storage entity), as web/GetStorageEntity('key') returns it. */
export interface StorageEntity {
  key: string;
  value: string;
  description: string | null;
  comment: string | null;
}

/** The role-assignment scope of an item with unique permissions. */
export function itemScope(listId: string, itemId: number): string {
  return `${listId}/items/${itemId}`;
}

export interface OutboxMessage {
  id: number;
  kind: 'email' | 'share';
  sentAt: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
}

/** What SP.Web.ShareObject granted on an object below the site (a page, a file): who, which role, by whom, when. */
export interface ObjectShare {
  url: string;
  principalId: number;
  roleId: number;
  sharedBy: number;
  sharedAt: string;
}

export interface SiteInfo {
  siteId: string;
  webId: string;
  created: string;
  digestSecret: string;
  /** The Microsoft 365 group of a group-connected site (--group-connected); undefined for a plain team site. */
  groupId?: string;
}

/** What a site keeps of a person or a directory group when it becomes a site principal. */
export interface PrincipalInfo {
  loginName: string;
  displayName: string;
  email: string;
}

export interface StoreOptions {
  /** Connect the site to this Microsoft 365 group (on creation, or "groupify" an existing site). */
  group?: DirectoryGroup;
}

export const GROUP_NAMES = { owners: 'Procurement Owners', members: 'Procurement Members', visitors: 'Procurement Visitors' };

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users(id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, title TEXT NOT NULL, email TEXT NOT NULL, is_site_admin INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS groups(id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, description TEXT NOT NULL, owner_id INTEGER NOT NULL,
  allow_members_edit INTEGER NOT NULL, only_members_view INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS group_members(group_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY(group_id, user_id));
CREATE TABLE IF NOT EXISTS role_definitions(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, high TEXT NOT NULL,
  low TEXT NOT NULL, sort_order INTEGER NOT NULL, type_kind INTEGER NOT NULL, hidden INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS role_assignments(scope TEXT NOT NULL, principal_id INTEGER NOT NULL, role_id INTEGER NOT NULL, PRIMARY KEY(scope, principal_id, role_id));
CREATE TABLE IF NOT EXISTS lists(id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT NOT NULL, description TEXT NOT NULL, versioning INTEGER NOT NULL,
  attachments INTEGER NOT NULL, fields TEXT NOT NULL, created TEXT NOT NULL, last_modified TEXT NOT NULL, unique_perms INTEGER NOT NULL, next_item_id INTEGER NOT NULL,
  read_security INTEGER NOT NULL DEFAULT 1, write_security INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS items(list_id TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY(list_id, id));
CREATE TABLE IF NOT EXISTS item_versions(list_id TEXT NOT NULL, item_id INTEGER NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY(list_id, item_id, version));
CREATE TABLE IF NOT EXISTS attachments(list_id TEXT NOT NULL, item_id INTEGER NOT NULL, name TEXT NOT NULL, content BLOB NOT NULL, created TEXT NOT NULL,
  PRIMARY KEY(list_id, item_id, name));
CREATE TABLE IF NOT EXISTS outbox(id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unique_items(list_id TEXT NOT NULL, item_id INTEGER NOT NULL, PRIMARY KEY(list_id, item_id));
CREATE TABLE IF NOT EXISTS storage_entities(key TEXT PRIMARY KEY, value TEXT NOT NULL, description TEXT, comment TEXT);
CREATE TABLE IF NOT EXISTS files(list_id TEXT NOT NULL, item_id INTEGER NOT NULL, version INTEGER NOT NULL, content BLOB NOT NULL, PRIMARY KEY(list_id, item_id, version));
CREATE TABLE IF NOT EXISTS object_shares(url TEXT NOT NULL, principal_id INTEGER NOT NULL, role_id INTEGER NOT NULL, shared_by INTEGER NOT NULL, shared_at TEXT NOT NULL,
  PRIMARY KEY(url, principal_id, role_id));
`;

/** Data directories from before item-level permissions: their lists read and write everything (1). */
function addMissingColumns(db: DatabaseSync): void {
  const columns = new Set((db.prepare('PRAGMA table_info(lists)').all() as Array<{ name: string }>).map((c) => String(c.name)));
  if (!columns.has('read_security')) db.exec('ALTER TABLE lists ADD COLUMN read_security INTEGER NOT NULL DEFAULT 1');
  if (!columns.has('write_security')) db.exec('ALTER TABLE lists ADD COLUMN write_security INTEGER NOT NULL DEFAULT 1');
}

/** node:sqlite is loaded lazily so its "experimental" warning can be kept off the console. */
async function openDatabase(path: string): Promise<DatabaseSync> {
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/i.test(text)) return;
    return (original as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    let sqlite: typeof import('node:sqlite');
    try {
      sqlite = await import('node:sqlite');
    } catch {
      throw new Error(
        `it needs Node.js 22.5 or later for node:sqlite, but runs on ${process.version}. Use the repository's Node (npm scripts, or node_modules/.bin/node).`
      );
    }
    return new sqlite.DatabaseSync(path);
  } finally {
    process.emitWarning = original;
  }
}

export class Store {
  site!: SiteInfo;
  readonly users = new Map<number, UserRecord>();
  readonly groups = new Map<number, GroupRecord>();
  readonly roles = new Map<number, RoleDefinition>();
  assignments: RoleAssignmentRecord[] = [];
  readonly lists = new Map<string, ListRecord>();
  private nextPrincipalId = 1;
  private depth = 0;
  private writesInTransaction = 0;
  private readonly statements = new Map<string, StatementSync>();

  private constructor(private readonly db: DatabaseSync) {}

  static async open(dataDir: string, schemas: ListSchema[], options: StoreOptions = {}): Promise<Store> {
    mkdirSync(dataDir, { recursive: true });
    const db = await openDatabase(join(dataDir, 'site.db'));
    db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;');
    db.exec(SCHEMA_SQL);
    addMissingColumns(db);
    const store = new Store(db);
    store.transaction(() => {
      if (!store.getMeta('siteId')) store.createSite(!!options.group);
    });
    store.load();
    const group = options.group;
    if (group && !store.site.groupId) store.transaction(() => store.connectToGroup(group));
    store.transaction(() => store.provisionLists(schemas));
    return store;
  }

  close(): void {
    this.db.close();
  }

  // ---- transactions -------------------------------------------------------------------------

  /**
   * Runs fn atomically; nested calls use savepoints so one failing $batch part leaves the others intact.
   * Nothing here stops the process: if SQLite cannot commit (disk full, I/O error), the transaction is
   * rolled back, memory is reloaded from the database, and the request fails with a 500 like any other
   * error, so the service (and an in-process launcher) keeps running on data that matches the disk.
   */
  transaction<T>(fn: () => T): T {
    const savepoint = `sp${this.depth}`;
    const outer = this.depth === 0;
    const writesBefore = this.writesInTransaction;
    this.db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    this.depth += 1;
    let result: T;
    try {
      result = fn();
    } catch (err) {
      this.depth -= 1;
      this.undo(outer, savepoint, writesBefore);
      throw err;
    }
    this.depth -= 1;
    if (!outer) {
      this.db.exec(`RELEASE ${savepoint}`);
      return result;
    }
    try {
      this.db.exec('COMMIT');
      this.writesInTransaction = 0;
    } catch (err) {
      console.error('Local SharePoint list service: could not commit to the database; the change was undone.', err);
      this.undo(true, savepoint, writesBefore);
      throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', `The change could not be saved: ${err instanceof Error ? err.message : String(err)}`);
    }
    return result;
  }

  /** Rolls back to where a transaction (or savepoint) began and, if it wrote, reloads memory from the database. */
  private undo(outer: boolean, savepoint: string, writesBefore: number): void {
    const wrote = this.writesInTransaction > writesBefore;
    try {
      this.db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    } catch {
      // SQLite may already have rolled the whole transaction back itself (disk full, I/O error).
    }
    this.writesInTransaction = outer ? 0 : writesBefore;
    // Memory may hold changes the database no longer has: reload it from the database.
    if (wrote) this.load();
  }

  private run(sql: string, ...params: (string | number | null | Uint8Array)[]): void {
    if (this.depth === 0) throw new Error('Store write outside a transaction');
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    st.run(...params);
    this.writesInTransaction += 1;
  }

  private all(sql: string, ...params: (string | number)[]): Record<string, unknown>[] {
    return this.db.prepare(sql).all(...params) as Record<string, unknown>[];
  }

  private getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key);
    return row ? String(row.value) : undefined;
  }

  private setMeta(key: string, value: string): void {
    this.run('INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, value);
  }

  // ---- creation and loading -----------------------------------------------------------------

  /**
   * A new team site: built-in roles, the three default groups with their roles on the web, the owner as
   * admin (and in the Owners group, unless the site is group-connected: then the group's claims are).
   */
  private createSite(groupConnected: boolean): void {
    const created = nowIso();
    this.setMeta('siteId', randomUUID());
    this.setMeta('webId', randomUUID());
    this.setMeta('created', created);
    this.setMeta('digestSecret', randomBytes(32).toString('hex'));
    for (const r of BUILT_IN_ROLES) {
      this.run(
        'INSERT INTO role_definitions VALUES(?, ?, ?, ?, ?, ?, ?, ?)',
        r.id,
        r.name,
        r.description,
        maskHigh(r.mask),
        maskLow(r.mask),
        r.order,
        r.roleTypeKind,
        r.hidden ? 1 : 0
      );
    }
    // SharePoint numbers the default groups 3, 4, 5 and its first real user after them.
    const owners = 3;
    const visitors = 4;
    const members = 5;
    const addGroup = (id: number, title: string, description: string) =>
      this.run('INSERT INTO groups VALUES(?, ?, ?, ?, ?, ?)', id, title, description, owners, 0, 0);
    addGroup(owners, GROUP_NAMES.owners, `Use this group to grant people full control permissions to the SharePoint site: Procurement`);
    addGroup(visitors, GROUP_NAMES.visitors, `Use this group to grant people read permissions to the SharePoint site: Procurement`);
    addGroup(members, GROUP_NAMES.members, `Use this group to grant people contribute permissions to the SharePoint site: Procurement`);
    const ownerUser = 6;
    this.run('INSERT INTO users VALUES(?, ?, ?, ?, 1)', ownerUser, SITE_OWNER.loginName, SITE_OWNER.displayName, SITE_OWNER.email);
    if (!groupConnected) this.run('INSERT INTO group_members VALUES(?, ?)', owners, ownerUser);
    this.run('INSERT INTO role_assignments VALUES(?, ?, ?)', 'web', owners, ROLE_IDS.fullControl);
    this.run('INSERT INTO role_assignments VALUES(?, ?, ?)', 'web', members, ROLE_IDS.edit);
    this.run('INSERT INTO role_assignments VALUES(?, ?, ?)', 'web', visitors, ROLE_IDS.read);
    this.setMeta('nextPrincipalId', '7');
  }

  /** (Re)reads everything from the database into memory. */
  load(): void {
    this.site = {
      siteId: this.getMeta('siteId') ?? '',
      webId: this.getMeta('webId') ?? '',
      created: this.getMeta('created') ?? nowIso(),
      digestSecret: this.getMeta('digestSecret') ?? '',
      groupId: this.getMeta('groupId'),
    };
    this.nextPrincipalId = Number(this.getMeta('nextPrincipalId') ?? '7');
    this.users.clear();
    for (const r of this.all('SELECT * FROM users')) {
      this.users.set(Number(r.id), { id: Number(r.id), loginName: String(r.login), title: String(r.title), email: String(r.email), isSiteAdmin: r.is_site_admin === 1 });
    }
    this.groups.clear();
    for (const r of this.all('SELECT * FROM groups')) {
      this.groups.set(Number(r.id), {
        id: Number(r.id),
        title: String(r.title),
        description: String(r.description),
        ownerId: Number(r.owner_id),
        allowMembersEditMembership: r.allow_members_edit === 1,
        onlyAllowMembersViewMembership: r.only_members_view === 1,
        members: new Set(),
      });
    }
    for (const r of this.all('SELECT * FROM group_members')) this.groups.get(Number(r.group_id))?.members.add(Number(r.user_id));
    this.roles.clear();
    for (const r of this.all('SELECT * FROM role_definitions')) {
      this.roles.set(Number(r.id), {
        id: Number(r.id),
        name: String(r.name),
        description: String(r.description),
        mask: mask(String(r.high), String(r.low)),
        order: Number(r.sort_order),
        roleTypeKind: Number(r.type_kind),
        hidden: r.hidden === 1,
      });
    }
    this.assignments = this.all('SELECT * FROM role_assignments').map((r) => ({ scope: String(r.scope), principalId: Number(r.principal_id), roleId: Number(r.role_id) }));
    this.lists.clear();
    for (const r of this.all('SELECT * FROM lists')) {
      const list: ListRecord = {
        id: String(r.id),
        title: String(r.title),
        url: String(r.url),
        description: String(r.description),
        versioning: r.versioning === 1,
        attachments: r.attachments === 1,
        library: false,
        fields: JSON.parse(String(r.fields)) as FieldSchema[],
        created: String(r.created),
        lastItemModified: String(r.last_modified),
        hasUniquePerms: r.unique_perms === 1,
        readSecurity: Number(r.read_security) === 2 ? 2 : 1,
        writeSecurity: Number(r.write_security) === 2 ? 2 : Number(r.write_security) === 4 ? 4 : 1,
        uniqueItems: new Set(),
        nextItemId: Number(r.next_item_id),
        items: new Map(),
      };
      this.lists.set(list.id, list);
    }
    for (const list of this.lists.values()) {
      for (const r of this.all('SELECT data FROM items WHERE list_id = ? ORDER BY id', list.id)) {
        const item = JSON.parse(String(r.data)) as ItemRecord;
        list.items.set(item.id, item);
      }
    }
    for (const r of this.all('SELECT list_id, item_id FROM unique_items')) this.lists.get(String(r.list_id))?.uniqueItems.add(Number(r.item_id));
  }

  /** Creates the lists the XML describes; checks lists already stored agree with it (new columns are added). */
  private provisionLists(schemas: ListSchema[]): void {
    for (const schema of schemas) {
      const existing = [...this.lists.values()].find((l) => l.url.toLowerCase() === schema.url.toLowerCase());
      if (!existing) {
        const created = nowIso();
        const list: ListRecord = {
          id: randomUUID(),
          title: schema.title,
          url: schema.url,
          description: schema.description,
          versioning: schema.versioning,
          attachments: schema.attachments,
          library: schema.library,
          fields: schema.fields,
          created,
          lastItemModified: created,
          hasUniquePerms: false,
          readSecurity: 1,
          writeSecurity: 1,
          uniqueItems: new Set(),
          nextItemId: 1,
          items: new Map(),
        };
        this.run(
          'INSERT INTO lists(id, url, title, description, versioning, attachments, fields, created, last_modified, unique_perms, next_item_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          list.id,
          list.url,
          list.title,
          list.description,
          list.versioning ? 1 : 0,
          list.attachments ? 1 : 0,
          JSON.stringify(list.fields),
          created,
          created,
          0,
          1
        );
        this.lists.set(list.id, list);
        continue;
      }
      existing.library = schema.library;
      const where = `the stored list "${existing.title}" (${existing.url}) disagrees with the XML`;
      if (existing.title !== schema.title) throw new SchemaError(schema.url, `${where}: its title is "${existing.title}", the XML says "${schema.title}"`);
      if (existing.versioning !== schema.versioning || existing.attachments !== schema.attachments) {
        throw new SchemaError(schema.url, `${where}: versioning or attachments settings differ`);
      }
      for (const stored of existing.fields) {
        const wanted = schema.fields.find((f) => f.internalName === stored.internalName);
        if (!wanted) throw new SchemaError(schema.url, `${where}: column ${stored.internalName} is not in the XML`);
        const diff = fieldDifference(stored, wanted);
        if (diff) throw new SchemaError(schema.url, `${where}: column ${stored.internalName}: ${diff}`);
      }
      const added = schema.fields.filter((f) => !existing.fields.some((s) => s.internalName === f.internalName));
      if (added.length > 0) {
        const fields = [...existing.fields, ...added];
        this.run('UPDATE lists SET fields = ? WHERE id = ?', JSON.stringify(fields), existing.id);
        existing.fields = fields;
      }
    }
  }

  // ---- principals ---------------------------------------------------------------------------

  private takePrincipalId(): number {
    const id = this.nextPrincipalId;
    this.setMeta('nextPrincipalId', String(id + 1));
    this.nextPrincipalId = id + 1;
    return id;
  }

  userByLogin(loginName: string): UserRecord | undefined {
    const key = loginName.toLowerCase();
    for (const u of this.users.values()) if (u.loginName.toLowerCase() === key) return u;
    return undefined;
  }

  /**
   * Adds a directory person, or a directory group by its claim, to the site's users (SharePoint's User
   * Information List, which holds security groups too), or returns them.
   */
  ensureUser(principal: PrincipalInfo): UserRecord {
    const existing = this.userByLogin(principal.loginName);
    if (existing) return existing;
    const id = this.takePrincipalId();
    this.run('INSERT INTO users VALUES(?, ?, ?, ?, 0)', id, principal.loginName, principal.displayName, principal.email);
    const user: UserRecord = { id, loginName: principal.loginName, title: principal.displayName, email: principal.email, isSiteAdmin: false };
    this.users.set(id, user);
    return user;
  }

  /**
   * Connects the site to a Microsoft 365 group, as a Teams-connected site is: the group's owners claim
   * goes into the Owners group and its members claim into the Members group; nobody is added one by one.
   */
  connectToGroup(group: DirectoryGroup): void {
    const owners = this.groupByTitle(GROUP_NAMES.owners);
    const members = this.groupByTitle(GROUP_NAMES.members);
    const claim = (login: string): DirectoryClaim => {
      const found = findClaim(login);
      if (!found) throw new Error(`The directory has no claim ${login}.`);
      return found;
    };
    const ownersClaim = this.ensureUser(claim(m365OwnersClaim(group.objectId)));
    const membersClaim = this.ensureUser(claim(m365MembersClaim(group.objectId)));
    if (owners) this.addGroupMember(owners, ownersClaim.id);
    if (members) this.addGroupMember(members, membersClaim.id);
    this.setMeta('groupId', group.objectId);
    this.site.groupId = group.objectId;
  }

  removeUser(userId: number): void {
    this.run('DELETE FROM users WHERE id = ?', userId);
    this.run('DELETE FROM group_members WHERE user_id = ?', userId);
    this.run('DELETE FROM role_assignments WHERE principal_id = ?', userId);
    this.users.delete(userId);
    for (const g of this.groups.values()) g.members.delete(userId);
    this.assignments = this.assignments.filter((a) => a.principalId !== userId);
  }

  groupByTitle(title: string): GroupRecord | undefined {
    const key = title.toLowerCase();
    for (const g of this.groups.values()) if (g.title.toLowerCase() === key) return g;
    return undefined;
  }

  /** A new group; as in SharePoint Online, only its members (and owners) see who is in it unless told otherwise. */
  addGroup(
    title: string,
    description: string,
    ownerId: number,
    settings: Partial<Pick<GroupRecord, 'allowMembersEditMembership' | 'onlyAllowMembersViewMembership'>> = {}
  ): GroupRecord {
    const id = this.takePrincipalId();
    const allowMembersEditMembership = settings.allowMembersEditMembership ?? false;
    const onlyAllowMembersViewMembership = settings.onlyAllowMembersViewMembership ?? true;
    this.run('INSERT INTO groups VALUES(?, ?, ?, ?, ?, ?)', id, title, description, ownerId, allowMembersEditMembership ? 1 : 0, onlyAllowMembersViewMembership ? 1 : 0);
    const group: GroupRecord = { id, title, description, ownerId, allowMembersEditMembership, onlyAllowMembersViewMembership, members: new Set() };
    this.groups.set(id, group);
    return group;
  }

  updateGroup(group: GroupRecord, changes: Partial<Pick<GroupRecord, 'title' | 'description' | 'ownerId' | 'allowMembersEditMembership' | 'onlyAllowMembersViewMembership'>>): void {
    const next = { ...group, ...changes };
    this.run(
      'UPDATE groups SET title = ?, description = ?, owner_id = ?, allow_members_edit = ?, only_members_view = ? WHERE id = ?',
      next.title,
      next.description,
      next.ownerId,
      next.allowMembersEditMembership ? 1 : 0,
      next.onlyAllowMembersViewMembership ? 1 : 0,
      group.id
    );
    Object.assign(group, changes);
  }

  deleteGroup(groupId: number): void {
    this.run('DELETE FROM groups WHERE id = ?', groupId);
    this.run('DELETE FROM group_members WHERE group_id = ?', groupId);
    this.run('DELETE FROM role_assignments WHERE principal_id = ?', groupId);
    this.groups.delete(groupId);
    this.assignments = this.assignments.filter((a) => a.principalId !== groupId);
  }

  addGroupMember(group: GroupRecord, userId: number): void {
    if (group.members.has(userId)) return;
    this.run('INSERT INTO group_members VALUES(?, ?)', group.id, userId);
    group.members.add(userId);
  }

  removeGroupMember(group: GroupRecord, userId: number): void {
    this.run('DELETE FROM group_members WHERE group_id = ? AND user_id = ?', group.id, userId);
    group.members.delete(userId);
  }

  // ---- roles and assignments ----------------------------------------------------------------

  addRoleDefinition(name: string, description: string, m: Mask, order: number): RoleDefinition {
    const id = Math.max(FIRST_CUSTOM_ROLE_ID - 1, ...this.roles.keys()) + 1;
    const role: RoleDefinition = { id, name, description, mask: m, order, roleTypeKind: 0, hidden: false };
    this.run('INSERT INTO role_definitions VALUES(?, ?, ?, ?, ?, ?, 0, 0)', id, name, description, maskHigh(m), maskLow(m), order);
    this.roles.set(id, role);
    return role;
  }

  updateRoleDefinition(role: RoleDefinition, changes: Partial<Pick<RoleDefinition, 'name' | 'description' | 'mask' | 'order'>>): void {
    const next = { ...role, ...changes };
    this.run(
      'UPDATE role_definitions SET name = ?, description = ?, high = ?, low = ?, sort_order = ? WHERE id = ?',
      next.name,
      next.description,
      maskHigh(next.mask),
      maskLow(next.mask),
      next.order,
      role.id
    );
    Object.assign(role, changes);
  }

  deleteRoleDefinition(roleId: number): void {
    this.run('DELETE FROM role_definitions WHERE id = ?', roleId);
    this.run('DELETE FROM role_assignments WHERE role_id = ?', roleId);
    this.roles.delete(roleId);
    this.assignments = this.assignments.filter((a) => a.roleId !== roleId);
  }

  addAssignment(scope: string, principalId: number, roleId: number): void {
    if (this.assignments.some((a) => a.scope === scope && a.principalId === principalId && a.roleId === roleId)) return;
    this.run('INSERT INTO role_assignments VALUES(?, ?, ?)', scope, principalId, roleId);
    this.assignments.push({ scope, principalId, roleId });
  }

  /** Removes one binding, or every binding of the principal on the scope when roleId is undefined. */
  removeAssignment(scope: string, principalId: number, roleId?: number): void {
    if (roleId === undefined) this.run('DELETE FROM role_assignments WHERE scope = ? AND principal_id = ?', scope, principalId);
    else this.run('DELETE FROM role_assignments WHERE scope = ? AND principal_id = ? AND role_id = ?', scope, principalId, roleId);
    this.assignments = this.assignments.filter((a) => !(a.scope === scope && a.principalId === principalId && (roleId === undefined || a.roleId === roleId)));
  }

  private dropScope(scope: string): void {
    this.run('DELETE FROM role_assignments WHERE scope = ?', scope);
    this.assignments = this.assignments.filter((a) => a.scope !== scope);
  }

  private copyScope(from: string, to: string): void {
    for (const a of this.assignments.filter((x) => x.scope === from)) this.addAssignment(to, a.principalId, a.roleId);
  }

  /**
   * Breaks (unique) or resets a list's inheritance. Its items' own permissions are left alone unless
   * clearSubscopes is set, as SharePoint's BreakRoleInheritance(copy, clearSubscopes) does.
   */
  setUniquePermissions(list: ListRecord, unique: boolean, copyFromWeb: boolean, clearSubscopes = false): void {
    this.run('UPDATE lists SET unique_perms = ? WHERE id = ?', unique ? 1 : 0, list.id);
    this.dropScope(list.id);
    list.hasUniquePerms = unique;
    if (unique && copyFromWeb) this.copyScope('web', list.id);
    if (clearSubscopes) for (const itemId of [...list.uniqueItems]) this.setItemUniquePermissions(list, itemId, false);
  }

  /** Sets a list's item-level permissions (ReadSecurity, WriteSecurity). */
  setItemLevelSecurity(list: ListRecord, changes: { readSecurity?: ReadSecurity; writeSecurity?: WriteSecurity }): void {
    const read = changes.readSecurity ?? list.readSecurity;
    const write = changes.writeSecurity ?? list.writeSecurity;
    this.run('UPDATE lists SET read_security = ?, write_security = ? WHERE id = ?', read, write, list.id);
    list.readSecurity = read;
    list.writeSecurity = write;
  }

  /** Gives an item its own permissions (copying them from copyFrom, a scope, when given) or makes it inherit again. */
  setItemUniquePermissions(list: ListRecord, itemId: number, unique: boolean, copyFrom?: string): void {
    const scope = itemScope(list.id, itemId);
    this.dropScope(scope);
    if (unique) {
      this.run('INSERT OR IGNORE INTO unique_items VALUES(?, ?)', list.id, itemId);
      list.uniqueItems.add(itemId);
      if (copyFrom) this.copyScope(copyFrom, scope);
    } else {
      this.run('DELETE FROM unique_items WHERE list_id = ? AND item_id = ?', list.id, itemId);
      list.uniqueItems.delete(itemId);
    }
  }

  // ---- items --------------------------------------------------------------------------------

  listByTitle(title: string): ListRecord | undefined {
    const key = title.toLowerCase();
    for (const l of this.lists.values()) if (l.title.toLowerCase() === key) return l;
    return undefined;
  }

  private saveItem(list: ListRecord, item: ItemRecord): void {
    this.run('INSERT INTO items VALUES(?, ?, ?) ON CONFLICT(list_id, id) DO UPDATE SET data = excluded.data', list.id, item.id, JSON.stringify(item));
  }

  private saveVersion(list: ListRecord, item: ItemRecord): void {
    const v: VersionRecord = {
      version: item.version,
      values: item.values,
      created: item.created,
      modified: item.modified,
      authorId: item.authorId,
      editorId: item.editorId,
      attachments: item.attachments.length > 0,
    };
    this.run('INSERT OR REPLACE INTO item_versions VALUES(?, ?, ?, ?)', list.id, item.id, item.version, JSON.stringify(v));
  }

  private touchList(list: ListRecord, when: string): void {
    this.run('UPDATE lists SET last_modified = ?, next_item_id = ? WHERE id = ?', when, list.nextItemId, list.id);
    list.lastItemModified = when;
  }

  /** Adds an item with the next id (ids are never reused, as in SharePoint). */
  addItem(list: ListRecord, values: Record<string, FieldValue>, userId: number, fileName?: string): ItemRecord {
    const now = nowIso();
    const item: ItemRecord = { id: list.nextItemId, version: 1, guid: randomUUID(), values, created: now, modified: now, authorId: userId, editorId: userId, attachments: [] };
    if (fileName !== undefined) item.fileName = fileName;
    list.nextItemId += 1;
    try {
      this.saveItem(list, item);
      this.saveVersion(list, item);
      this.touchList(list, now);
    } catch (err) {
      list.nextItemId -= 1;
      throw err;
    }
    list.items.set(item.id, item);
    return item;
  }

  /** Replaces an item's state with a new version; the previous versions stay in item_versions. */
  updateItem(list: ListRecord, item: ItemRecord, changes: { values?: Record<string, FieldValue>; attachments?: string[] }, userId: number): ItemRecord {
    const now = nowIso();
    const next: ItemRecord = {
      ...item,
      values: { ...item.values, ...(changes.values ?? {}) },
      attachments: changes.attachments ?? item.attachments,
      version: item.version + 1,
      modified: now,
      editorId: userId,
    };
    this.saveItem(list, next);
    this.saveVersion(list, next);
    this.touchList(list, now);
    list.items.set(item.id, next);
    return next;
  }

  /** Sets columns of an item's current version without making a new one (a library file's columns set with its upload). */
  amendCurrentVersion(list: ListRecord, item: ItemRecord, values: Record<string, FieldValue>): ItemRecord {
    const next: ItemRecord = { ...item, values: { ...item.values, ...values } };
    this.saveItem(list, next);
    this.saveVersion(list, next);
    list.items.set(item.id, next);
    return next;
  }

  deleteItem(list: ListRecord, itemId: number): void {
    this.run('DELETE FROM items WHERE list_id = ? AND id = ?', list.id, itemId);
    this.run('DELETE FROM files WHERE list_id = ? AND item_id = ?', list.id, itemId);
    this.run('DELETE FROM attachments WHERE list_id = ? AND item_id = ?', list.id, itemId);
    if (list.uniqueItems.has(itemId)) this.setItemUniquePermissions(list, itemId, false);
    this.touchList(list, nowIso());
    list.items.delete(itemId);
  }

  versions(list: ListRecord, itemId: number): VersionRecord[] {
    return this.all('SELECT data FROM item_versions WHERE list_id = ? AND item_id = ? ORDER BY version DESC', list.id, itemId).map(
      (r) => JSON.parse(String(r.data)) as VersionRecord
    );
  }

  saveAttachment(list: ListRecord, itemId: number, name: string, content: Uint8Array): void {
    this.run('INSERT OR REPLACE INTO attachments VALUES(?, ?, ?, ?, ?)', list.id, itemId, name, content, nowIso());
  }

  removeAttachment(list: ListRecord, itemId: number, name: string): void {
    this.run('DELETE FROM attachments WHERE list_id = ? AND item_id = ? AND name = ?', list.id, itemId, name);
  }

  attachmentContent(list: ListRecord, itemId: number, name: string): Buffer | undefined {
    const row = this.db.prepare('SELECT content FROM attachments WHERE list_id = ? AND item_id = ? AND name = ?').get(list.id, itemId, name);
    return row ? Buffer.from(row.content as Uint8Array) : undefined;
  }

  // ---- library files ------------------------------------------------------------------------

  /** A library file's content as of one version of its item. */
  saveFileContent(list: ListRecord, itemId: number, version: number, content: Uint8Array): void {
    this.run('INSERT OR REPLACE INTO files VALUES(?, ?, ?, ?)', list.id, itemId, version, content);
  }

  /** The content of a file as of a version (the newest when not given). */
  fileContent(list: ListRecord, itemId: number, version?: number): Buffer | undefined {
    const row =
      version === undefined
        ? this.db.prepare('SELECT content FROM files WHERE list_id = ? AND item_id = ? ORDER BY version DESC LIMIT 1').get(list.id, itemId)
        : // A version that changed only the item's columns keeps the content of the one before.
          this.db.prepare('SELECT content FROM files WHERE list_id = ? AND item_id = ? AND version <= ? ORDER BY version DESC LIMIT 1').get(list.id, itemId, version);
    return row ? Buffer.from(row.content as Uint8Array) : undefined;
  }

  // ---- sharing -------------------------------------------------------------------------------

  addObjectShare(share: Omit<ObjectShare, 'sharedAt'>): ObjectShare {
    const sharedAt = nowIso();
    this.run('INSERT OR REPLACE INTO object_shares VALUES(?, ?, ?, ?, ?)', share.url, share.principalId, share.roleId, share.sharedBy, sharedAt);
    return { ...share, sharedAt };
  }

  objectShares(): ObjectShare[] {
    return this.all('SELECT * FROM object_shares ORDER BY shared_at, url').map((r) => ({
      url: String(r.url),
      principalId: Number(r.principal_id),
      roleId: Number(r.role_id),
      sharedBy: Number(r.shared_by),
      sharedAt: String(r.shared_at),
    }));
  }

  // ---- tenant properties --------------------------------------------------------------------

  storageEntity(key: string): StorageEntity | undefined {
    const row = this.db.prepare('SELECT * FROM storage_entities WHERE key = ?').get(key);
    if (!row) return undefined;
    return { key: String(row.key), value: String(row.value), description: row.description === null ? null : String(row.description), comment: row.comment === null ? null : String(row.comment) };
  }

  setStorageEntity(entity: StorageEntity): void {
    this.run(
      'INSERT INTO storage_entities VALUES(?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, description = excluded.description, comment = excluded.comment',
      entity.key,
      entity.value,
      entity.description,
      entity.comment
    );
  }

  removeStorageEntity(key: string): void {
    this.run('DELETE FROM storage_entities WHERE key = ?', key);
  }

  // ---- outbox -------------------------------------------------------------------------------

  addOutbox(message: Omit<OutboxMessage, 'id' | 'sentAt'>): OutboxMessage {
    const sentAt = nowIso();
    this.run('INSERT INTO outbox(data) VALUES(?)', JSON.stringify({ ...message, sentAt }));
    const row = this.db.prepare('SELECT last_insert_rowid() AS id').get();
    return { ...message, id: Number(row?.id), sentAt };
  }

  outbox(): OutboxMessage[] {
    return this.all('SELECT id, data FROM outbox ORDER BY id DESC').map((r) => ({ ...(JSON.parse(String(r.data)) as OutboxMessage), id: Number(r.id) }));
  }
}
