import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/shared/group-commit.js';

/** A write the test finishes by hand, recording each batch it was given. */
function manualWrites() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const write = (items: number[]) => {
    batches.push(items);

    return new Promise<number[]>((resolve) => {
      finish.push(() => resolve(items.map((i) => i * 10)));
    });
  };

  return { batches, finish, write };
}

describe('group commit', () => {
  it('writes in order, one batch at a time, at most maxSize each, answering all', async () => {
    const { batches, finish, write } = manualWrites();
    const commit = new GroupCommit(write, 3, 1_000);

    const results = Array.from({ length: 8 }, (_, i) => commit.add(i));
    expect(batches).toEqual([[0, 1, 2]]);
    for (let n = 1; n <= 3; n++) {
      finish[n - 1]!();
      await new Promise((r) => setTimeout(r, 5));
      if (n < 3) expect(batches).toHaveLength(n + 1);
    }

    expect(batches).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });

  it('starts what queued during a write when the write ends, not on a timer', async () => {
    const events: string[] = [];
    const { batches, finish, write } = manualWrites();
    const commit = new GroupCommit(
      (items: number[]) => {
        events.push(`write ${items.join(',')}`);

        return write(items);
      },
      2,
      10_000,
    );
    const answers = [commit.add(1), commit.add(2), commit.add(3)];
    expect(batches).toEqual([[1, 2]]);

    // From inside a timer callback, a zero-delay timer set now fires on the next turn of the
    // event loop: the follow-up batch must have started by then.
    await new Promise<void>((done) => {
      setTimeout(() => {
        finish[0]!();
        setTimeout(() => {
          events.push('next timer');
          done();
        }, 0);
      }, 0);
    });
    expect(events).toEqual(['write 1,2', 'write 3', 'next timer']);

    finish[1]!();
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
  });
});
