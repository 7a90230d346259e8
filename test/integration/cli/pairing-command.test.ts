/**
 * `egisz-agent pairing` against a running agent: a fresh code pairs an
 * install; revoking it drops its connection at once and refuses it after.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../agent/cli.ts';
import { hmacHex, openAgentSocket, pairedAgentSocket } from '../../support/agent-ws-client.ts';
import { startDemoAgent, type DemoAgent } from '../../support/demo-agent.ts';

let agent: DemoAgent;

beforeAll(async () => {
  agent = await startDemoAgent();
});

afterAll(async () => {
  await agent?.stop();
});

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main([...args, '--data-dir', agent.dataDir], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

test('a code from the CLI pairs an install; revoke drops and then refuses it', async () => {
  const issued = await cli('pairing', 'code');
  expect(issued.code).toBe(0);
  const code = /(\d{3}-\d{3})/.exec(issued.stdout)?.[1];
  expect(code).toBeDefined();

  const socket = await pairedAgentSocket(agent.port, () => code!);
  expect((await cli('pairing', 'list')).stdout).toContain(socket.clientId);

  const closed = new Promise<number>((resolve) => socket.ws.once('close', (c) => resolve(c)));
  const revoked = await cli('pairing', 'revoke', socket.clientId);
  expect(revoked).toMatchObject({ code: 0 });
  expect(await closed).toBe(4401);
  expect((await cli('pairing', 'list')).stdout).not.toContain(socket.clientId);
  expect((await cli('pairing', 'revoke', socket.clientId)).code).toBe(1);
});

test('a revoked secret no longer authenticates', async () => {
  const first = await openAgentSocket(agent.port);
  await first.next();
  first.send({ type: 'pair', code: agent.pairing.issueCode() });
  const paired = await first.next();
  first.close();
  if (paired.type !== 'paired') throw new Error('pairing failed');
  await cli('pairing', 'revoke', paired.clientId);

  const again = await openAgentSocket(agent.port);
  const hello = await again.next();
  if (hello.type !== 'hello') throw new Error('no hello');
  again.send({ type: 'auth', clientId: paired.clientId, mac: hmacHex(paired.secret, hello.challenge) });
  expect(await again.next()).toMatchObject({ type: 'error', code: 'AGENT_NOT_PAIRED' });
  again.close();
});

test('without a running agent the CLI says so', async () => {
  let stderr = '';
  const code = await main(['pairing', 'list', '--data-dir', '/nonexistent-egisz'], { stdout: () => {}, stderr: (s) => { stderr += s; } });
  expect(code).toBe(2);
  expect(stderr).toContain('агент не запущен');
});
