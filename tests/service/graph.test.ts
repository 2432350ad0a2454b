/**
 * The local service's Microsoft Graph route: POST /v1.0/me/sendMail into the outbox as the caller,
 * Graph's error shapes, and the switch that withholds the Mail.Send approval.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { removeDir, RunningService, startListService } from '../support/listService';

const [aisha, tom] = DIRECTORY.filter((p) => p.role === 'officer');
const rachel = DIRECTORY.find((p) => p.role === 'headOfProcurement')!;
const councillor = DIRECTORY.find((p) => p.role === 'councillor')!;

let service: RunningService;

beforeAll(async () => {
  service = await startListService();
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

interface OutboxMessage {
  kind: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
}

const outbox = async (): Promise<OutboxMessage[]> => (await fetch(`${service.url}/_local/outbox`)).json();

const address = (a: string) => ({ emailAddress: { address: a } });

function sendMail(payload: unknown, caller: { user?: string; cookie?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (caller.user) headers['X-Local-User'] = caller.user;
  if (caller.cookie) headers.Cookie = `localUser=${encodeURIComponent(caller.cookie)}`;
  return fetch(`${service.url}/v1.0/me/sendMail`, { method: 'POST', headers, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

async function setApproved(mailSendApproved: boolean): Promise<unknown> {
  const res = await fetch(`${service.url}/_local/graph`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mailSendApproved }) });
  expect(res.status).toBe(200);
  return res.json();
}

const message = (overrides: Record<string, unknown> = {}) => ({
  message: {
    subject: 'Ready for sign-off',
    body: { contentType: 'HTML', content: '<p>Please sign it off.</p>' },
    toRecipients: [address(rachel.email)],
    ...overrides,
  },
  saveToSentItems: true,
});

describe('POST /v1.0/me/sendMail', () => {
  it('answers 202 with no body and puts the message in the outbox from the caller (X-Local-User)', async () => {
    const res = await sendMail(message({ ccRecipients: [address(tom.email)], bccRecipients: [address(councillor.email.toUpperCase())] }), { user: aisha.loginName });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const [sent] = await outbox();
    expect(sent).toMatchObject({
      kind: 'email',
      from: aisha.email,
      to: [rachel.email],
      cc: [tom.email],
      bcc: [councillor.email],
      subject: 'Ready for sign-off',
      body: '<p>Please sign it off.</p>',
    });
  });

  it('sends as the person in the localUser cookie, and as the site owner when nobody is named', async () => {
    expect((await sendMail(message({ subject: 'From the cookie' }), { cookie: tom.email })).status).toBe(202);
    expect((await outbox())[0]).toMatchObject({ from: tom.email, subject: 'From the cookie' });
    expect((await sendMail(message({ subject: 'From nobody' }))).status).toBe(202);
    expect((await outbox())[0]).toMatchObject({ from: SITE_OWNER.email, subject: 'From nobody' });
  });

  it('refuses a recipient outside the organisation with 400 in Graph\'s error shape, and sends nothing', async () => {
    const before = (await outbox()).length;
    const res = await sendMail(message({ toRecipients: [address(rachel.email), address('someone@gmail.example')] }), { user: aisha.loginName });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'ErrorInvalidRecipients' });
    expect(body.error.message).toContain("Recipient 'someone@gmail.example' is not resolved");
    expect((await outbox()).length).toBe(before);
  });

  it('refuses a message with no recipients, no message or a body that is not JSON', async () => {
    const noRecipients = await sendMail(message({ toRecipients: [] }), { user: aisha.loginName });
    expect(noRecipients.status).toBe(400);
    expect((await noRecipients.json()).error.code).toBe('ErrorInvalidRecipients');
    const noMessage = await sendMail({ saveToSentItems: false }, { user: aisha.loginName });
    expect(noMessage.status).toBe(400);
    expect((await noMessage.json()).error.code).toBe('ErrorInvalidParameter');
    const notJson = await sendMail('{not json', { user: aisha.loginName });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('BadRequest');
  });

  it('answers 401 to someone the tenant does not know, and 400 to other Graph paths', async () => {
    const stranger = await sendMail(message(), { user: 'mallory@evil.example' });
    expect(stranger.status).toBe(401);
    expect((await stranger.json()).error.code).toBe('InvalidAuthenticationToken');
    const other = await fetch(`${service.url}/v1.0/me/events`, { headers: { 'X-Local-User': aisha.loginName } });
    expect(other.status).toBe(400);
    expect((await other.json()).error).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'events'." });
    const get = await fetch(`${service.url}/v1.0/me/sendMail`, { headers: { 'X-Local-User': aisha.loginName } });
    expect(get.status).toBe(405);
  });

  it('answers 403 ErrorAccessDenied while Mail.Send is not approved, and sends nothing', async () => {
    expect(await (await fetch(`${service.url}/_local/graph`)).json()).toEqual({ mailSendApproved: true });
    expect(await setApproved(false)).toEqual({ mailSendApproved: false });
    try {
      const before = (await outbox()).length;
      const res = await sendMail(message(), { user: aisha.loginName });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });
      expect((await outbox()).length).toBe(before);
    } finally {
      await setApproved(true);
    }
    expect((await sendMail(message({ subject: 'Approved again' }), { user: aisha.loginName })).status).toBe(202);
    expect((await outbox())[0]).toMatchObject({ subject: 'Approved again', from: aisha.email });
  });

  it('refuses a switch body that does not say true or false', async () => {
    const res = await fetch(`${service.url}/_local/graph`, { method: 'POST', body: JSON.stringify({ mailSendApproved: 'no' }) });
    expect(res.status).toBe(400);
    expect(await (await fetch(`${service.url}/_local/graph`)).json()).toEqual({ mailSendApproved: true });
  });
});
