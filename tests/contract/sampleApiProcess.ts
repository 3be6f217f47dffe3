// The sample API as its own process, as an operator runs it (`npx tsx workbench/sample-api/index.ts`): the
// multi-instance and shutdown suites start it, signal it and kill it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface SampleApiProcess {
  url: string;
  child: ChildProcess;
}

/** Starts the sample API with these AKM_* settings (AKM_PORT 0, ready line on) and resolves with its URL. */
export function startSampleApiProcess(env: Record<string, string>): Promise<SampleApiProcess> {
  // tsx as a loader in this very node (not its CLI, which runs the script in a grandchild that a signal or
  // a kill would miss).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../workbench/sample-api/index.ts')], {
    cwd: path.join(__dirname, '../..'),
    env: { ...process.env, ...env, AKM_PORT: '0', AKM_READY_LINE: '1' },
    stdio: ['ignore', 'pipe', 'inherit']
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sample API did not start: ${out}`));
    }, 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve({ url: (JSON.parse(line) as { url: string }).url, child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sample API exited with ${String(code)}: ${out}`));
    });
  });
}

/** SIGKILL, unless it already exited; resolves once it has. */
export function killSampleApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}
