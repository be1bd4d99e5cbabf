// One writer at a time: `STORE.lock` holds the writer's pid and host. A second writer waits (up
// to --wait seconds) or exits 75; a lock whose process is gone (kill -9, a reboot) is taken over.
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { LockedError } from '../errors.js';

export interface StoreLock {
  path: string;
  release(): void;
}

/** Whether a process with this pid is alive on this machine (EPERM: alive, someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(path: string): { pid: number; host: string } | null {
  try {
    const [pid, host] = readFileSync(path, 'utf8').trim().split(/\s+/);
    return Number.isInteger(Number(pid)) ? { pid: Number(pid), host: host ?? '' } : null;
  } catch {
    return null;
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${process.pid} ${hostname()}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new LockedError(`cannot create the lock ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Takes the store's lock. A lock left by a dead process on this host (or an unreadable, empty
 * one) is removed and taken; a live holder is waited for up to `waitSeconds`, then exit 75.
 */
export async function lockStore(store: string, waitSeconds = 0): Promise<StoreLock> {
  const path = `${store}.lock`;
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    if (tryCreate(path)) {
      return { path, release: () => rmSync(path, { force: true }) };
    }
    const h = holder(path);
    if (!h || (h.host === hostname() && !alive(h.pid))) {
      // Stale: the process that wrote it is gone. Move it aside (atomic: of two runs taking it
      // over, one moves it), check it was the stale lock and not a fresh one just made, then race
      // for the lock again.
      const aside = `${path}.${process.pid}.stale`;
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = holder(aside);
      if (moved && h && moved.pid !== h.pid) {
        // A live run's fresh lock: give it back.
        try {
          linkSync(aside, path);
        } catch {
          // It made another meanwhile; nothing to give back.
        }
      }
      rmSync(aside, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockedError(`another run holds the lock ${path} (pid ${h.pid} on ${h.host}); try again later, or pass --wait SECONDS`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
