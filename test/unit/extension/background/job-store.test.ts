import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getJob, hasActiveJobs, loadJobs, removeJob, saveJob, updateJob, type StoredJob } from '../../../../extension/background/job-store.ts';

function job(jobId: string, createdAt: number, state: StoredJob['state'] = 'prepared'): StoredJob {
  return {
    jobId,
    state,
    tabId: 1,
    origin: 'http://mis',
    title: 'Протокол консультации',
    preview: { title: 't', html: '', digest: '', kind: '119' },
    certificate: { owner: 'o', issuer: 'i', notBefore: '', notAfter: '', fingerprint: 'f', warnings: [] },
    issues: [],
    createdAt,
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await loadJobs();
});

describe('job store', () => {
  it('keeps jobs in storage.session, newest first, and counts the ones in flight', async () => {
    await saveJob(job('a', 1, 'registered'));
    expect(hasActiveJobs()).toBe(false);
    await saveJob(job('b', 2));
    expect(hasActiveJobs()).toBe(true);
    expect((await loadJobs()).map((j) => j.jobId)).toEqual(['b', 'a']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('applies concurrent updates one after another without losing any', async () => {
    await saveJob(job('a', 1));
    await Promise.all([updateJob('a', { state: 'sending' }), updateJob('a', { emdrId: 'E1' }), saveJob(job('b', 2))]);
    expect(await getJob('a')).toMatchObject({ state: 'sending', emdrId: 'E1' });
    expect(await getJob('b')).toBeDefined();
  });

  it('ignores updates for jobs it does not hold, and forgets removed ones', async () => {
    await expect(updateJob('nope', { state: 'registered' })).resolves.toBeUndefined();
    await saveJob(job('a', 1));
    await removeJob('a');
    expect(await getJob('a')).toBeUndefined();
    expect(hasActiveJobs()).toBe(false);
  });

  it('keeps only the latest twenty', async () => {
    for (let i = 0; i < 25; i++) await saveJob(job(`j${i}`, i, 'registered'));
    const jobs = await loadJobs();
    expect(jobs).toHaveLength(20);
    expect(jobs.at(-1)?.jobId).toBe('j5');
  });
});
