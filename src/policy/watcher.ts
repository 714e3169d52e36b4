import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger';

export interface Reloadable {
  reload(): { errors: Array<{ file: string; message: string }>; changed?: string[] };
}

export interface PolicyWatcher {
  /** Run a reload now (also what a file event triggers after the debounce). */
  reloadNow(): { errors: Array<{ file: string; message: string }>; changed?: string[] };
  close(): void;
}

/**
 * Hot reload: watch the policies folder and `tenants/` (fs.watch), debounce bursts of events (editors write a file in
 * several steps), then call the store's `reload()`. A file that fails keeps its tenant's previous policy; the error
 * is logged with the file and the field path (PolicyError messages carry no values from requests).
 */
export function watchPolicies(dir: string, store: Reloadable, logger: Logger, opts: { debounceMs?: number; onReload?: (r: ReturnType<Reloadable['reload']>) => void } = {}): PolicyWatcher {
  const debounceMs = opts.debounceMs ?? 200;
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const reloadNow = () => {
    const result = store.reload();
    for (const e of result.errors) logger.error('policy reload failed; previous policy kept', { file: e.file, error: e.message });
    if (result.errors.length === 0) logger.info('policies reloaded', { changed: result.changed ?? [] });
    else if ((result.changed ?? []).length > 0) logger.info('policies partially reloaded', { changed: result.changed });
    opts.onReload?.(result);
    return result;
  };

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      try {
        reloadNow();
      } catch (err) {
        logger.error('policy reload crashed; previous policies kept', { errorName: err instanceof Error ? err.name : 'unknown' });
      }
    }, debounceMs);
    timer.unref?.();
  };

  for (const d of [dir, join(dir, 'tenants')]) {
    if (!existsSync(d)) continue;
    const w = watch(d, { persistent: false }, (_event, filename) => {
      if (!filename || /\.ya?ml$/i.test(String(filename)) || String(filename) === 'tenants') schedule();
    });
    w.on('error', () => logger.warn('policy watcher error', { dir: d }));
    watchers.push(w);
  }

  return {
    reloadNow,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
