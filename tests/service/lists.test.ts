/**
 * The site and its lists come from the package's own provisioning XML; a missing, malformed or
 * contradicting XML file stops the service with a message naming the file. Also: the command line,
 * and the static preview folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { request } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { FieldDefinition, LISTS, LIST_KEYS } from '../../src/data/schema';
import { SITE_OWNER } from '../../preview/server/directory';
import { ASSETS_DIR, rawFetch, removeDir, runServiceExpectingExit, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

let service: RunningService;
let sp: SPFI;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'preview-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Preview</title>');
  writeFileSync(join(staticDir, 'preview.js'), 'console.log(1);');
  writeFileSync(join(staticDir, 'preview.js.map'), '{}');
  mkdirSync(join(staticDir, 'fonts'));
  writeFileSync(join(staticDir, 'fonts', 'icons.woff'), Buffer.from([0x77, 0x4f, 0x46, 0x46]));
  writeFileSync(join(tmpdir(), 'outside-static.txt'), 'secret');
  service = await startListService({ extraArgs: ['--static', staticDir] });
  sp = spAs(service.siteUrl, SITE_OWNER.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
  removeDir(staticDir);
  removeDir(join(tmpdir(), 'outside-static.txt'));
});

function copyAssets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'assets-'));
  for (const f of readdirSync(ASSETS_DIR)) copyFileSync(join(ASSETS_DIR, f), join(dir, f));
  return dir;
}

describe('the site and its lists', () => {
  it('prints exactly one line once listening, and no warnings', () => {
    expect(service.stdout()).toBe(`Local SharePoint list service: ${service.siteUrl}\n`);
    expect(service.stderr()).toBe('');
  });

  it('is a web called Procurement at /sites/procurement', async () => {
    const web = await sp.web.select('Title', 'ServerRelativeUrl', 'Url', 'Id')();
    expect(web).toMatchObject({ Title: 'Procurement', ServerRelativeUrl: '/sites/procurement', Url: service.siteUrl });
    expect(web.Id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has the lists of the provisioning XML, with their settings', async () => {
    const lists = await sp.web.lists.select('Title', 'EnableVersioning', 'EnableAttachments', 'ItemCount', 'Id')();
    expect(lists.map((l: { Title: string }) => l.Title)).toEqual(LIST_KEYS.map((k) => LISTS[k].title));
    for (const key of LIST_KEYS) {
      const list = lists.find((l: { Title: string }) => l.Title === LISTS[key].title)!;
      expect({ key, versioning: list.EnableVersioning, attachments: list.EnableAttachments, items: list.ItemCount }).toEqual({
        key,
        versioning: LISTS[key].versioning,
        attachments: LISTS[key].attachments,
        items: 0,
      });
      expect((await sp.web.lists.getById(list.Id).select('Title')()).Title).toBe(LISTS[key].title);
    }
    const filtered = await sp.web.lists.filter(`Title eq 'Action plans'`).select('Title')();
    expect(filtered.map((l: { Title: string }) => l.Title)).toEqual(['Action plans']);
  });

  it('has each list\'s columns as the XML defines them', async () => {
    for (const key of LIST_KEYS) {
      const fields = await sp.web.lists.getByTitle(LISTS[key].title).fields.filter('Hidden eq false')();
      const byName = new Map(fields.map((f: { InternalName: string }) => [f.InternalName, f]));
      expect(byName.get('Title')).toMatchObject({ TypeAsString: 'Text', MaxLength: 255 });
      for (const def of LISTS[key].fields as readonly FieldDefinition[]) {
        const f = byName.get(def.internalName) as Record<string, unknown>;
        const type = def.type === 'DateOnly' ? 'DateTime' : def.type;
        expect({ name: def.internalName, type: f?.TypeAsString, required: f?.Required, indexed: f?.Indexed, unique: f?.EnforceUniqueValues, title: f?.Title }).toEqual({
          name: def.internalName,
          type,
          required: def.required,
          indexed: def.indexed,
          unique: def.unique ?? false,
          title: def.displayName,
        });
        if (def.maxLength) expect(f.MaxLength).toBe(def.maxLength);
        if (def.choices) expect(f.Choices).toEqual(def.choices);
        if (def.type === 'DateOnly') expect(f.DisplayFormat).toBe(0);
      }
    }
    const one = await sp.web.lists.getByTitle('Maturity indices').fields.getByInternalNameOrTitle('NpsRetired')();
    expect(one).toMatchObject({ TypeAsString: 'Boolean', DefaultValue: '0' });
  });

  it('finds lists by title case-insensitively, with quotes doubled, and answers 404 for unknown ones', async () => {
    expect((await sp.web.lists.getByTitle('ACTION plans').select('Title')()).Title).toBe('Action plans');
    const err = await sp.web.lists.getByTitle("Megan's list").items().catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.message).toContain("List 'Megan's list' does not exist at site with URL");
  });
});

describe('start-up checks against the XML', () => {
  it('stops with the file named when a schema file is missing or malformed', async () => {
    const missing = copyAssets();
    removeDir(join(missing, 'schema-actions.xml'));
    const a = await runServiceExpectingExit(['--port', '0', '--data', join(missing, 'data'), '--assets', missing]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('schema-actions.xml');
    expect(a.stderr).toContain('missing');
    expect(a.stdout).toBe('');

    const malformed = copyAssets();
    writeFileSync(join(malformed, 'schema-periods.xml'), readFileSync(join(ASSETS_DIR, 'schema-periods.xml'), 'utf8').replace('</Fields>', '</Field>'));
    const b = await runServiceExpectingExit(['--port', '0', '--data', join(malformed, 'data'), '--assets', malformed]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/schema-periods\.xml: malformed XML/);
    removeDir(missing);
    removeDir(malformed);
  });

  it('adds a column that appears in the XML later, and stops when a stored list contradicts the XML', async () => {
    const assets = copyAssets();
    const data = join(assets, 'data');
    const first = await startListService({ assetsDir: assets, dataDir: data });
    await first.stop();

    const actions = join(assets, 'schema-actions.xml');
    const original = readFileSync(actions, 'utf8');
    const newField =
      '<Field ID="{0b0c2a4e-1f6d-4c38-9d7c-1f1e6a5b9c01}" Name="NpsPriority" StaticName="NpsPriority" DisplayName="Priority" Type="Text" MaxLength="20" Required="FALSE" Indexed="FALSE" />';
    writeFileSync(actions, original.replace('</Fields>', `${newField}\n</Fields>`));
    const second = await startListService({ assetsDir: assets, dataDir: data });
    const spSecond = spAs(second.siteUrl, SITE_OWNER.loginName);
    const added = await spSecond.web.lists.getByTitle('Action plans').items.add({ Title: 'x', NpsPriority: 'High' });
    expect(added.NpsPriority).toBe('High');
    await second.stop();

    const contradicting = readFileSync(actions, 'utf8').replace(
      /(Name="NpsPeriodName"[^>]*?)Required="TRUE"/,
      '$1Required="FALSE"'
    );
    expect(contradicting).not.toBe(readFileSync(actions, 'utf8'));
    writeFileSync(actions, contradicting);
    const third = await runServiceExpectingExit(['--port', '0', '--data', data, '--assets', assets]);
    expect(third.code).toBe(1);
    expect(third.stderr).toContain('Action plans');
    expect(third.stderr).toContain('NpsPeriodName');
    expect(third.stderr).toContain('required');
    removeDir(assets);
  });

  it('--reset starts from an empty site', async () => {
    const data = mkdtempSync(join(tmpdir(), 'reset-'));
    const before = await startListService({ dataDir: data });
    await spAs(before.siteUrl, SITE_OWNER.loginName).web.lists.getByTitle('Action plans').items.add({ Title: 'gone after reset' });
    await before.stop();
    const after = await startListService({ dataDir: data, extraArgs: ['--reset'] });
    expect(await spAs(after.siteUrl, SITE_OWNER.loginName).web.lists.getByTitle('Action plans').items()).toEqual([]);
    await after.stop();
    removeDir(data);
  });
});

describe('the static preview folder', () => {
  const get = (path: string): Promise<{ status: number; type: string; body: string }> =>
    new Promise((resolve, reject) => {
      // A raw request so the path reaches the server exactly as written (fetch would normalise "..").
      const req = request({ host: '127.0.0.1', port: Number(new URL(service.url).port), path, method: 'GET' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves index.html for / and files with their content types', async () => {
    expect(await get('/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>Preview</title>' });
    expect((await get('/preview.js')).type).toBe('text/javascript; charset=utf-8');
    expect((await get('/preview.js.map')).type).toBe('application/json; charset=utf-8');
    expect((await get('/fonts/icons.woff')).type).toBe('font/woff');
  });

  it('lists no directories and refuses paths outside the folder', async () => {
    expect((await get('/fonts/')).status).toBe(404);
    expect((await get('/fonts')).status).toBe(404);
    expect((await get('/../outside-static.txt')).status).toBe(404);
    expect((await get('/%2e%2e/outside-static.txt')).status).toBe(404);
    expect((await get('/..%2foutside-static.txt')).status).toBe(404);
    expect((await get('/nope.js')).status).toBe(404);
  });

  it('answers the REST API alongside: the procurement site, and the tenant\'s root site under /_api/', async () => {
    expect((await (await rawFetch(service.siteUrl, '_api/web/title')).json()).value).toBe('Procurement');
    // The root is another site, as in a tenant (where Teams personal apps run).
    expect((await (await rawFetch(service.url, '_api/web/title')).json()).value).not.toBe('Procurement');
  });
});
