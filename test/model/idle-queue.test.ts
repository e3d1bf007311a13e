/**
 * The lazy queue of idle environments behind `capPolicy: reclaim-idle`: least recently idle first, stale
 * entries skipped, and memory bounded however many environments are pushed and taken.
 */
import { expect, test } from 'vitest';
import { Environments } from '../../src/model/environments.js';
import { IdleQueue } from '../../src/model/idle-queue.js';

test('a million pushes each followed by a take keep the arrays small', () => {
  const envs = new Environments();
  const e = envs.create(0, 0, 1, Infinity, 0);
  envs.setIdle(e, -1, -1);
  const q = new IdleQueue(envs, 0);
  for (let i = 0; i < 1_000_000; i++) {
    envs.setExpiresAt(e, i);
    q.push(e, i);
    expect(q.take(-1)).toBe(e);
  }
  expect((q as unknown as { envs: number[] }).envs.length).toBeLessThan(10_000);
});

test('the least recently idle first; an entry made stale by a later one is skipped; the excepted pool is not taken', () => {
  const envs = new Environments();
  const [a, b] = [envs.create(0, 0, 1, Infinity, 0), envs.create(0, 0, 2, Infinity, 0)];
  envs.setIdle(a, -1, -1);
  envs.setIdle(b, -1, -1);
  const q = new IdleQueue(envs, 0);
  envs.setExpiresAt(a, 10);
  q.push(a, 10);
  envs.setExpiresAt(b, 20);
  q.push(b, 20);
  envs.setExpiresAt(a, 30); // a used and idle again: its first entry is stale
  q.push(a, 30);
  expect(q.take(-1)).toBe(b);
  expect(q.take(1)).toBe(-1); // a is in pool 1, excepted
});
