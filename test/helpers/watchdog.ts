import vm from 'node:vm';

/**
 * Runs synchronous `f` under a watchdog: if it has not returned after `ms`, it is interrupted and this throws
 * (ERR_SCRIPT_EXECUTION_TIMEOUT). A scan that never ends then fails its test instead of hanging the whole run.
 */
export function withinWatchdog<T>(f: () => T, ms = 2000): T {
  return vm.runInNewContext('f()', { f }, { timeout: ms }) as T;
}
