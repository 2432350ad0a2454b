/**
 * Durability: a write the service answered with success survives kill -9 and a restart on the same
 * data directory, byte for byte: items, versions, attachments, groups and the outbox.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { removeDir, RunningService, spAs, startListService } from '../support/listService';

const officer = DIRECTORY.find((p) => p.role === 'officer')!;

let service: RunningService;

beforeAll(async () => {
  service = await startListService();
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

it('keeps everything answered with success across kill -9 and restart', async () => {
  const sp = spAs(service.siteUrl, SITE_OWNER.loginName);
  await sp.web.siteGroups.getByName('Procurement Members').users.add(officer.loginName);
  const asOfficer = spAs(service.siteUrl, officer.loginName);
  const list = () => asOfficer.web.lists.getByTitle('Maturity assessments');
  const added = await list().items.add({
    Title: 'KA1 2025/26',
    NpsPeriodName: '2025/26',
    NpsIndexId: 'KA1',
    NpsCurrentLevel: 'Developing',
    NpsTargetLevel: 'Mature',
    NpsTargetDate: '2027-03-31T12:00:00Z',
    NpsRationale: 'Pipeline published; “smart quotes”, emoji 🚀 and a newline\nare kept.',
  });
  await list().items.getById(added.Id).update({ NpsCurrentLevel: 'Mature' }, '"1"');
  await list().items.getById(added.Id).attachmentFiles.add('evidence.bin', Buffer.from([0, 1, 2, 254, 255]));
  // Many small writes in a row, the last answered just before the kill.
  const [batched, execute] = asOfficer.batched();
  const more = [1, 2, 3, 4, 5].map((n) => batched.web.lists.getByTitle('Maturity assessments').items.add({ Title: `Batch ${n}`, NpsIndexId: `EN${n}` }));
  await execute();
  await Promise.all(more);
  await sp.utility.sendEmail({ To: [officer.email], Subject: 'Durable mail', Body: 'kept' });
  const last = await list().items.add({ Title: 'Written just before the kill' });

  const before = {
    item: await list().items.getById(added.Id)(),
    all: await list().items.orderBy('Id')(),
    versions: await list().items.getById(added.Id).versions(),
    attachment: Buffer.from(await list().items.getById(added.Id).attachmentFiles.getByName('evidence.bin').getBuffer()),
    members: await sp.web.siteGroups.getByName('Procurement Members').users(),
  };
  expect(before.all.map((i: { Id: number }) => i.Id)).toContain(last.Id);

  await service.kill9();
  await service.restart();

  const after = {
    item: await list().items.getById(added.Id)(),
    all: await list().items.orderBy('Id')(),
    versions: await list().items.getById(added.Id).versions(),
    attachment: Buffer.from(await list().items.getById(added.Id).attachmentFiles.getByName('evidence.bin').getBuffer()),
    members: await sp.web.siteGroups.getByName('Procurement Members').users(),
  };
  expect(after).toEqual(before);
  expect(after.item.NpsRationale).toBe('Pipeline published; “smart quotes”, emoji 🚀 and a newline\nare kept.');
  expect(after.item.NpsTargetDate).toBe('2027-03-30T23:00:00Z');
  const outbox = await (await fetch(`${service.url}/_local/outbox`)).json();
  expect(outbox[0].subject).toBe('Durable mail');
  // Ids carry on after the restart; the old ETag still guards against stale edits.
  const next = await list().items.add({ Title: 'after restart' });
  expect(next.Id).toBe(last.Id + 1);
  await expect(list().items.getById(added.Id).update({ NpsCurrentLevel: 'Leader' }, '"1"')).rejects.toMatchObject({ status: 412 });
});
