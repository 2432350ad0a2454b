/**
 * Attachments are served as SharePoint serves them: as downloads (Content-Disposition: attachment,
 * X-Content-Type-Options: nosniff), so an uploaded HTML file with a script never renders on the
 * service's origin, at the file URL or through AttachmentFiles('x')/$value (also inside $batch).
 */
import { SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import { FIXTURE_ASSETS, RECORDS } from './fixtures/lists';
import type { SPFI } from '@pnp/sp';

let service: RunningService;
let sp: SPFI;

beforeAll(async () => {
  service = await startListService({ assetsDir: FIXTURE_ASSETS });
  sp = spAs(service.siteUrl, SITE_OWNER.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const records = () => sp.web.lists.getByTitle(RECORDS);
const HTML = '<!doctype html><html><body><script>document.title = "pwned"; fetch("/_api/web/sitegroups")</script></body></html>';

function expectDownload(res: Response, disposition: string, type: string): void {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe(disposition);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-type')).toBe(type);
}

it('serves an uploaded HTML file with a script as a download, never inline', async () => {
  const item = await records().items.add({ Title: 'Has an HTML attachment' });
  await records().items.getById(item.Id).attachmentFiles.add('evidence.html', HTML);
  const [file] = await records().items.getById(item.Id).attachmentFiles();
  expect(file.ServerRelativeUrl).toBe(`/sites/procurement/Lists/TestRecords/Attachments/${item.Id}/evidence.html`);

  const direct = await fetch(`${service.url}${file.ServerRelativeUrl}`, { headers: { 'X-Local-User': SITE_OWNER.email } });
  expectDownload(direct, 'attachment; filename="evidence.html"', 'text/html; charset=utf-8');
  expect(await direct.text()).toBe(HTML);

  const value = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('${RECORDS}')/items(${item.Id})/AttachmentFiles('evidence.html')/$value`, { user: SITE_OWNER.email });
  expectDownload(value, 'attachment; filename="evidence.html"', 'text/html; charset=utf-8');
  expect(await value.text()).toBe(HTML);
  // PnPjs reads it unchanged.
  expect(await records().items.getById(item.Id).attachmentFiles.getByName('evidence.html').getText()).toBe(HTML);
});

it('names non-ASCII files with RFC 5987 filename* and an ASCII fallback', async () => {
  const item = await records().items.add({ Title: 'Has a non-ASCII attachment' });
  const name = 'Résumé – plan (v2).txt';
  await records().items.getById(item.Id).attachmentFiles.add(name, 'hello');
  const expected = `attachment; filename="R_sum_ _ plan (v2).txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%93%20plan%20%28v2%29.txt`;
  const direct = await fetch(`${service.siteUrl}/Lists/TestRecords/Attachments/${item.Id}/${encodeURIComponent(name)}`, { headers: { 'X-Local-User': SITE_OWNER.email } });
  expectDownload(direct, expected, 'text/plain; charset=utf-8');
  expect(await direct.text()).toBe('hello');
  const value = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('${RECORDS}')/items(${item.Id})/AttachmentFiles('${encodeURIComponent(name)}')/$value`, { user: SITE_OWNER.email });
  expectDownload(value, expected, 'text/plain; charset=utf-8');
});

it('sends the same headers for $value inside $batch', async () => {
  const item = await records().items.add({ Title: 'Batched download' });
  await records().items.getById(item.Id).attachmentFiles.add('page.htm', HTML);
  const boundary = 'batch_1';
  const body = [
    `--${boundary}`,
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    `GET ${service.siteUrl}/_api/web/lists/getbytitle('Test%20records')/items(${item.Id})/AttachmentFiles('page.htm')/$value HTTP/1.1`,
    'Accept: application/json',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  const res = await rawFetch(service.siteUrl, '_api/$batch', {
    method: 'POST',
    user: SITE_OWNER.email,
    digest: true,
    headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` },
    body,
  });
  const text = await res.text();
  expect(text).toContain('HTTP/1.1 200 OK');
  expect(text).toContain('Content-Disposition: attachment; filename="page.htm"');
  expect(text).toContain('X-Content-Type-Options: nosniff');
});
