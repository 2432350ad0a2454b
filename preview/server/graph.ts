/**
 * The few Microsoft Graph routes the product uses, at /v1.0/ on the same origin as the site:
 * `POST /v1.0/me/sendMail` puts the message in the local outbox, sent by the caller (the same identity
 * as the REST API: X-Local-User header or localUser cookie, nobody named means the site owner).
 * Answers and errors have Graph's shapes: 202 with no body; {"error":{"code","message","innerError"}}.
 *
 * Testing switch (not Graph): `POST /_local/graph {"mailSendApproved": false}` makes sendMail answer
 * 403 ErrorAccessDenied, as Graph does when an administrator has not approved Mail.Send; `GET` reads it.
 * It is held in memory only, so a restart approves Mail.Send again.
 */
import { randomUUID } from 'crypto';
import { ApiResponse } from './context';
import { DirectoryPerson, findPerson, SITE_OWNER } from './directory';
import { Store } from './store';

export interface GraphService {
  /** Handles /v1.0/... and /_local/graph; `who` is the X-Local-User header or localUser cookie. */
  handle(method: string, url: URL, body: Buffer, who: string | undefined): ApiResponse;
}

class GraphError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string
  ) {
    super(message);
  }
}

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function graphError(err: GraphError, requestId: string): ApiResponse {
  return {
    status: err.status,
    headers: { 'Content-Type': JSON_TYPE, 'request-id': requestId, 'client-request-id': requestId },
    body: JSON.stringify({ error: { code: err.code, message: err.message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': requestId } } }),
  };
}

const invalidRecipients = (detail: string) => new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid., ${detail}`);

function parseJson(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new GraphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  return parsed as Record<string, unknown>;
}

/** toRecipients / ccRecipients / bccRecipients: [{ emailAddress: { address, name? } }], each a person of the organisation. */
function recipients(message: Record<string, unknown>, property: string): DirectoryPerson[] {
  const value = message[property];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GraphError(400, 'RequestBodyRead', `An unexpected 'StartObject' node was found for property named '${property}' when reading from the JSON reader. A 'StartArray' node was expected.`);
  return value.map((r) => {
    const address = (r as { emailAddress?: { address?: unknown } } | null)?.emailAddress?.address;
    if (typeof address !== 'string' || !address.trim()) throw invalidRecipients('A recipient has no email address.');
    const person = findPerson(address);
    if (!person) throw invalidRecipients(`Recipient '${address}' is not resolved. All recipients must be resolved before a message can be submitted.`);
    return person;
  });
}

export function createGraphService(store: Store): GraphService {
  const state = { mailSendApproved: true };

  const sendMail = (person: DirectoryPerson, body: Buffer): ApiResponse => {
    if (!state.mailSendApproved) throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    const payload = parseJson(body);
    const message = payload.message;
    if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new GraphError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
    if (payload.saveToSentItems !== undefined && typeof payload.saveToSentItems !== 'boolean') {
      throw new GraphError(400, 'RequestBodyRead', "Cannot convert the literal to the expected type 'Edm.Boolean'.");
    }
    const m = message as Record<string, unknown>;
    const to = recipients(m, 'toRecipients');
    const cc = recipients(m, 'ccRecipients');
    const bcc = recipients(m, 'bccRecipients');
    if (to.length + cc.length + bcc.length === 0) throw invalidRecipients("A message can't be sent because it contains no recipients.");
    const content = (m.body as { content?: unknown } | undefined)?.content;
    const contentType = String((m.body as { contentType?: unknown } | undefined)?.contentType ?? 'text').toLowerCase();
    if (contentType !== 'text' && contentType !== 'html') throw new GraphError(400, 'RequestBodyRead', `The value '${contentType}' is not valid for property 'contentType'.`);
    store.transaction(() =>
      store.addOutbox({
        kind: 'email',
        from: person.email,
        to: to.map((p) => p.email),
        cc: cc.map((p) => p.email),
        bcc: bcc.map((p) => p.email),
        subject: typeof m.subject === 'string' ? m.subject : '',
        body: typeof content === 'string' ? content : '',
      })
    );
    return { status: 202, headers: {} };
  };

  const localSwitch = (method: string, body: Buffer): ApiResponse => {
    if (method === 'POST') {
      const parsed = parseJson(body);
      if (typeof parsed.mailSendApproved !== 'boolean') throw new GraphError(400, 'BadRequest', 'The Graph switch needs a JSON body such as {"mailSendApproved": false}.');
      state.mailSendApproved = parsed.mailSendApproved;
    } else if (method !== 'GET') {
      throw new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    }
    return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ ...state }) };
  };

  return {
    handle(method, url, body, who) {
      const requestId = randomUUID();
      try {
        const path = url.pathname.toLowerCase().replace(/\/+$/, '');
        if (path === '/_local/graph') return localSwitch(method, body);
        const person = who && who.trim() ? findPerson(who) : SITE_OWNER;
        if (!person) throw new GraphError(401, 'InvalidAuthenticationToken', `Access token validation failure. The user '${who}' is not known to this tenant.`);
        const segments = path.split('/').slice(2);
        if (segments.join('/') === 'me/sendmail') {
          if (method !== 'POST') throw new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
          return { ...sendMail(person, body), headers: { 'request-id': requestId, 'client-request-id': requestId } };
        }
        const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
        throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${decodeURIComponent(last)}'.`);
      } catch (err) {
        if (err instanceof GraphError) return graphError(err, requestId);
        console.error('Local Graph service: unexpected error', err);
        return graphError(new GraphError(500, 'generalException', `Unexpected error in the local Graph service: ${err instanceof Error ? err.message : String(err)}`), requestId);
      }
    },
  };
}
