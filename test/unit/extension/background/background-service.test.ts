import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgentClient } from '../../../../extension/background/agent-client.ts';
import { startBackground } from '../../../../extension/background/background-service.ts';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import type { CertificateSummary, DocumentPreview } from '../../../../shared/protocol/messages.ts';
import { FakeAgentSocket, settle } from './fake-agent-socket.ts';

type Sender = Parameters<Parameters<typeof fakeBrowser.runtime.onMessage.addListener>[0]>[1];

const EXTENSION = `chrome-extension://${fakeBrowser.runtime.id}`;
const misTab: Sender = {
  id: fakeBrowser.runtime.id,
  url: 'http://127.0.0.1:17346/demo/consultation.html',
  tab: { id: 7, url: 'http://127.0.0.1:17346/demo/consultation.html?p=1', index: 0, pinned: false, highlighted: false, windowId: 1, active: true, incognito: false, selected: false, discarded: false, autoDiscardable: true, groupId: -1, frozen: false },
} as Sender;
const confirmPage: Sender = { id: fakeBrowser.runtime.id, url: `${EXTENSION}/confirm.html?job=j1` };

const preview: DocumentPreview = { title: 'Протокол консультации', html: '<p>ok</p>', digest: 'ab'.repeat(32), kind: '119' };
const certificate: CertificateSummary = {
  owner: 'Иванова Мария Петровна',
  issuer: 'Демо УЦ',
  notBefore: '2026-01-01T00:00:00Z',
  notAfter: '2027-01-01T00:00:00Z',
  fingerprint: 'cd'.repeat(32),
  warnings: [],
};

/** Sends a runtime message as `sender` and resolves with the background's answer. */
function ask(message: unknown, sender: Sender): Promise<any> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(message, sender, resolve);
  });
}

/** Plays the agent's side of the handshake on the newest socket. */
async function agentAccepts(): Promise<FakeAgentSocket> {
  const socket = await FakeAgentSocket.opening();
  socket.deliver({ type: 'hello', challenge: 'ch', protocol: 1, agentVersion: '0.1.0' });
  await socket.sentFrame('auth');
  socket.deliver({ type: 'ready', clientId: 'client-1' });
  await settle();
  return socket;
}

let tabMessages: ReturnType<typeof vi.fn>;
let client: AgentClient;

beforeEach(async () => {
  fakeBrowser.reset();
  FakeAgentSocket.reset();
  tabMessages = vi.fn().mockResolvedValue(undefined);
  fakeBrowser.tabs.sendMessage = tabMessages as never;
  await fakeBrowser.storage.local.set({ pairing: { clientId: 'client-1', secret: 's3cret', port: 17400 } });
  client = startBackground(FakeAgentSocket);
});

// No socket or reconnect timer may outlive its test.
afterEach(() => client.close());

describe('message gate', () => {
  it('rejects a content request without sender.tab, and opens no socket', async () => {
    const reply = await ask({ type: 'sign-and-send', record: {} }, { id: fakeBrowser.runtime.id, url: 'http://evil.test/' });
    expect(reply).toMatchObject({ ok: false, code: 'EXTENSION_FORBIDDEN' });
    await settle();
    expect(FakeAgentSocket.opened).toHaveLength(0);
  });

  it('rejects page-only requests (PIN, pairing) coming from an MIS tab', async () => {
    for (const message of [{ type: 'confirm-sign', jobId: 'j1', pin: '0000' }, { type: 'pair', port: 1, code: '1' }, { type: 'unpair' }]) {
      await expect(ask(message, misTab)).resolves.toMatchObject({ ok: false, code: 'EXTENSION_FORBIDDEN' });
    }
    expect(await fakeBrowser.storage.local.get('pairing')).toHaveProperty('pairing');
  });

  it('rejects messages from another extension and unknown message types', async () => {
    await expect(ask({ type: 'status' }, { ...confirmPage, id: 'another-extension' })).resolves.toMatchObject({ ok: false });
    await expect(ask({ type: 'format-disk' }, confirmPage)).resolves.toMatchObject({ ok: false, code: 'EXTENSION_FORBIDDEN' });
    await expect(ask('status', confirmPage)).resolves.toMatchObject({ ok: false });
  });

  it('answers an extension page', async () => {
    await expect(ask({ type: 'status' }, confirmPage)).resolves.toMatchObject({ ok: true, paired: true, port: 17400 });
  });
});

describe('only profiled sites may send', () => {
  const unprofiledTab = {
    ...misTab, url: 'http://mis.example/talon.html', tab: { ...misTab.tab!, url: 'http://mis.example/talon.html' },
  } as Sender;
  const draft = { patient: { snils: '15642781886' } };

  it('refuses to prepare from a page no profile covers, without asking the agent', async () => {
    const reply = await ask({ type: 'sign-and-send', record: draft }, unprofiledTab);
    expect(reply).toMatchObject({ ok: false, code: 'EXTENSION_SITE_NOT_PROFILED' });
    expect(FakeAgentSocket.opened).toHaveLength(0);
  });

  it('accepts the same page once the user saved a profile for it', async () => {
    const demo = builtinProfiles.find((p) => p.id === 'demo-mis-consultation')!;
    await fakeBrowser.storage.local.set({
      userProfiles: [{ ...demo, id: 'talon', match: { host: 'mis.example', path: '/talon.html' }, origin: 'user' }],
    });
    const asked = ask({ type: 'sign-and-send', record: draft }, unprofiledTab);
    const socket = await agentAccepts();
    expect((await socket.sentFrame('prepare')).origin).toBe('http://mis.example');
    socket.deliver({ type: 'error', id: (await socket.sentFrame('prepare')).id, code: 'VALIDATION_FAILED', message: 'x' });
    expect(await asked).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});

describe('the document path', () => {
  async function prepareJob(): Promise<FakeAgentSocket> {
    const reply = ask({ type: 'sign-and-send', record: { document: { kind: '119' } }, origin: 'https://forged.test' }, misTab);
    const socket = await agentAccepts();
    expect(socket.url).toBe('ws://127.0.0.1:17400/ws');
    const prepare = await socket.sentFrame('prepare');
    expect(prepare.origin).toBe('http://127.0.0.1:17346');
    expect(prepare.record).toEqual({ document: { kind: '119' } });
    socket.deliver({ type: 'prepared', id: prepare.id, jobId: 'j1', preview, certificate, issues: [] });
    await expect(reply).resolves.toEqual({ ok: true, jobId: 'j1' });
    return socket;
  }

  it('prepares with the tab’s origin, remembers job → tab and opens the confirm page', async () => {
    await prepareJob();
    const { jobs } = (await fakeBrowser.storage.session.get('jobs')) as { jobs: Record<string, any> };
    expect(jobs.j1).toMatchObject({ tabId: 7, origin: 'http://127.0.0.1:17346', state: 'prepared', preview, certificate });
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(`${EXTENSION}/confirm.html?job=j1`);
  });

  it('sends the PIN only in the sign frame, and forwards job frames to the tab', async () => {
    const socket = await prepareJob();
    const signed = ask({ type: 'confirm-sign', jobId: 'j1', pin: '12345678' }, confirmPage);
    const sign = await socket.sentFrame('sign');
    expect(sign).toMatchObject({ jobId: 'j1', pin: '12345678', certificate: certificate.fingerprint });
    socket.deliver({ type: 'job', id: sign.id, jobId: 'j1', state: 'signing' });
    socket.deliver({ type: 'job', id: sign.id, jobId: 'j1', state: 'sending', localUid: 'u1' });
    await expect(signed).resolves.toMatchObject({ ok: true, job: { jobId: 'j1', state: 'sending' } });
    socket.deliver({ type: 'job', jobId: 'j1', state: 'registered', emdrId: 'EMDR-1' });
    await settle();
    expect(tabMessages).toHaveBeenLastCalledWith(7, { type: 'job-update', job: { jobId: 'j1', state: 'registered', emdrId: 'EMDR-1' } });
    const stored = JSON.stringify([await fakeBrowser.storage.session.get(null), await fakeBrowser.storage.local.get(null)]);
    expect(stored).not.toContain('12345678');
  });

  it('returns the agent’s message on a wrong PIN so the user can retry', async () => {
    const socket = await prepareJob();
    const signed = ask({ type: 'confirm-sign', jobId: 'j1', pin: '0000' }, confirmPage);
    const id = (await socket.sentFrame('sign')).id;
    socket.deliver({ type: 'job', id, jobId: 'j1', state: 'signing' });
    socket.deliver({ type: 'error', id, code: 'TOKEN_PIN_INCORRECT', message: 'Неверный PIN-код. Осталось попыток: 2.' });
    await expect(signed).resolves.toEqual({ ok: false, code: 'TOKEN_PIN_INCORRECT', message: 'Неверный PIN-код. Осталось попыток: 2.' });
  });

  it('lets only the job’s own tab watch it, and reconnects a dropped socket to resync', async () => {
    const socket = await prepareJob();
    const otherTab = { ...misTab, tab: { ...misTab.tab!, id: 8 } } as Sender;
    await expect(ask({ type: 'watch-job', jobId: 'j1' }, otherTab)).resolves.toMatchObject({ ok: false, code: 'AGENT_JOB_NOT_FOUND' });
    socket.deliver({ type: 'job', jobId: 'j1', state: 'sending' });
    await vi.waitFor(async () => expect(await ask({ type: 'watch-job', jobId: 'j1' }, misTab)).toMatchObject({ job: { state: 'sending' } }));
    socket.close();
    await expect(ask({ type: 'watch-job', jobId: 'j1' }, misTab)).resolves.toEqual({ ok: true, job: { jobId: 'j1', state: 'sending' } });
    const second = await FakeAgentSocket.opening(2);
    second.deliver({ type: 'hello', challenge: 'ch2', protocol: 1, agentVersion: '0.1.0' });
    await second.sentFrame('auth');
    second.deliver({ type: 'ready', clientId: 'client-1' });
    expect((await second.sentFrame('job-status')).jobId).toBe('j1');
  });

  it('tells the tab about a failed prepare, with the field issues', async () => {
    const reply = ask({ type: 'sign-and-send', record: {} }, misTab);
    const socket = await agentAccepts();
    const issues = [{ path: 'patient.snils', code: 'SNILS_CHECKSUM', severity: 'error', message: 'Неверная контрольная сумма СНИЛС' }];
    socket.deliver({ type: 'error', id: (await socket.sentFrame('prepare')).id, code: 'VALIDATION_FAILED', message: 'Исправьте поля', issues } as never);
    await expect(reply).resolves.toEqual({ ok: false, code: 'VALIDATION_FAILED', message: 'Исправьте поля', issues });
  });
});

describe('batch signing and the popup', () => {
  /** Two jobs prepared from two MIS tabs. */
  async function prepareTwo(): Promise<FakeAgentSocket> {
    const first = ask({ type: 'sign-and-send', record: {} }, misTab);
    const socket = await agentAccepts();
    socket.deliver({ type: 'prepared', id: (await socket.sentFrame('prepare')).id, jobId: 'j1', preview, certificate, issues: [] });
    await first;
    socket.sent.length = 0;
    const otherTab = { ...misTab, tab: { ...misTab.tab!, id: 8 } } as Sender;
    const second = ask({ type: 'sign-and-send', record: {} }, otherTab);
    socket.deliver({ type: 'prepared', id: (await socket.sentFrame('prepare')).id, jobId: 'j2', preview, certificate, issues: [] });
    await second;
    return socket;
  }

  it('signs several jobs with one PIN in one sign-batch frame; each tab gets its own job', async () => {
    const socket = await prepareTwo();
    const signed = ask({ type: 'confirm-sign-batch', jobIds: ['j1', 'j2'], pin: '12345678' }, confirmPage);
    const batch = await socket.sentFrame('sign-batch');
    expect(batch).toMatchObject({ jobIds: ['j1', 'j2'], pin: '12345678', certificate: certificate.fingerprint });
    socket.deliver({ type: 'job', jobId: 'j1', state: 'sending', localUid: 'u1' });
    socket.deliver({ type: 'job', jobId: 'j2', state: 'sending', localUid: 'u2' });
    socket.deliver({ type: 'batch-signed', id: batch.id, jobs: [{ jobId: 'j1', state: 'sending', localUid: 'u1' }, { jobId: 'j2', state: 'sending', localUid: 'u2' }] });
    await expect(signed).resolves.toEqual({ ok: true, jobs: [{ jobId: 'j1', state: 'sending' }, { jobId: 'j2', state: 'sending' }] });
    await settle();
    expect(tabMessages).toHaveBeenCalledWith(7, { type: 'job-update', job: { jobId: 'j1', state: 'sending' } });
    expect(tabMessages).toHaveBeenCalledWith(8, { type: 'job-update', job: { jobId: 'j2', state: 'sending' } });
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('12345678');
  });

  it('refuses a batch naming a job it does not hold, without asking the agent', async () => {
    const socket = await prepareTwo();
    socket.sent.length = 0;
    await expect(ask({ type: 'confirm-sign-batch', jobIds: ['j1', 'gone'], pin: '1' }, confirmPage)).resolves.toMatchObject({ ok: false, code: 'AGENT_JOB_NOT_FOUND' });
    expect(socket.sent).toEqual([]);
  });

  it('answers the popup with the certificates and the queue, titled where this session knows the job', async () => {
    const socket = await prepareTwo();
    const certificates = ask({ type: 'certificates' }, confirmPage);
    socket.deliver({ type: 'certificates', id: (await socket.sentFrame('certificates')).id, certificates: [certificate] });
    await expect(certificates).resolves.toEqual({ ok: true, certificates: [certificate] });
    const queue = ask({ type: 'queue' }, confirmPage);
    const doc = { localUid: 'u1', kind: '119', state: 'registered' as const, emdrId: 'E1', createdAt: '2026-11-26T05:00:00Z', updatedAt: '2026-11-26T05:01:00Z' };
    socket.deliver({ type: 'queue', id: (await socket.sentFrame('queue')).id, documents: [{ ...doc, jobId: 'j1' }, { ...doc, jobId: 'old', localUid: 'u0' }] });
    const reply = await queue;
    expect(reply.documents.map((d: { title?: string }) => d.title)).toEqual(['Протокол консультации', undefined]);
  });

  it('keeps the PIN and the popup requests away from MIS tabs', async () => {
    for (const message of [{ type: 'confirm-sign-batch', jobIds: ['j1'], pin: '0000' }, { type: 'certificates' }, { type: 'queue' }]) {
      await expect(ask(message, misTab)).resolves.toMatchObject({ ok: false, code: 'EXTENSION_FORBIDDEN' });
    }
  });
});
