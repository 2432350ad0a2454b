import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { AbortAfter, getSPForSite } from '../../src/data/sp';
import { PeriodRepository } from '../../src/data/repositories/periodRepository';
import { DataError, toDataError } from '../../src/data/errors';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sites/procurement`)));
}

describe('when SharePoint does not answer', () => {
  it('gives up after the timeout with a message, not an endless spinner', async () => {
    const hanging = createServer(() => undefined);
    const siteUrl = await listen(hanging);
    try {
      const error = await new PeriodRepository(getSPForSite(siteUrl, AbortAfter(300))).all().catch((e) => e);
      expect(error).toBeInstanceOf(DataError);
      expect(error.kind).toBe('offline');
      expect(error.message).toBe('SharePoint did not answer in time. Check your connection and try again; what you typed is kept on this device.');
    } finally {
      (hanging as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      hanging.close();
    }
  });

  it('says it cannot reach SharePoint when the connection is refused', async () => {
    const server = createServer();
    const siteUrl = await listen(server);
    await new Promise((r) => server.close(r));
    const error = await new PeriodRepository(getSPForSite(siteUrl)).all().catch((e) => e);
    expect(error.kind).toBe('offline');
    expect(error.message).toMatch(/could not be reached/);
  }, 20000);

  it('reads SharePoint\'s own words from an error body', () => {
    const error = toDataError({ status: 400, message: 'Error making HttpClient request in queryable [400] Bad Request ::> {"odata.error":{"code":"-1","message":{"lang":"en-US","value":"Column \'Foo\' does not exist."}}}' });
    expect(error.message).toBe("SharePoint refused the request: Column 'Foo' does not exist. Try again; if it keeps happening, tell the site owner.");
  });
});

describe('reading SharePoint\'s answers (JsonParse)', () => {
  it('gives the list of an OData answer, {} for an empty or blank body, and SharePoint\'s error for a failure', async () => {
    const bodies: Record<string, [number, string]> = {
      '/sites/procurement/_api/web/lists/getByTitle(\'Assessment%20periods\')/items': [200, '{"value":[{"Id":1,"Title":"2025/26"}]}'],
      '/sites/procurement/_api/web/blank': [200, ' \n\t '],
      '/sites/procurement/_api/web/empty': [200, ''],
      '/sites/procurement/_api/web/missing': [404, '{"odata.error":{"code":"-1","message":{"lang":"en-US","value":"List does not exist."}}}'],
    };
    const server = createServer((req, res) => {
      const [status, body] = bodies[(req.url ?? '').split('?')[0]] ?? [500, ''];
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    const siteUrl = await listen(server);
    try {
      const sp = getSPForSite(siteUrl);
      expect(await sp.web.lists.getByTitle('Assessment periods').items()).toEqual([{ Id: 1, Title: '2025/26' }]);
      expect(await sp.web.concat('/blank')()).toEqual({});
      expect(await sp.web.concat('/empty')()).toEqual({});
      const failure = await sp.web.concat('/missing')().catch((e) => e);
      expect(failure.status).toBe(404);
      expect(toDataError(failure).kind).toBe('notFound');
    } finally {
      server.close();
    }
  });
});
