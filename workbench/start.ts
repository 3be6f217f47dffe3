// `npm start`: the workbench page and emulator on :4321 (and the sample API on :4322, see below).
import { startWorkbench } from './server';
import { startSampleApi } from './sample-api';

async function main(): Promise<void> {
  const workbench = await startWorkbench({ port: 4321 });
  console.log(`API Key Management workbench: ${workbench.url}`);

  // --- Sample protected API on :4322 (verifier helper's block): src/verifier in front of an in-memory
  // course list, reading the emulator's key list as the app principal (Sites.Selected, read).
  const api = await startSampleApi({ port: 4322, siteUrl: workbench.emulator.siteUrl, logger: console });
  console.log(`Sample protected API: ${api.url}/api/courses (send a key generated in the page; see docs/verifier.md)`);
  // --- end of the sample API block

  const stop = (): void => {
    Promise.all([api.close(), workbench.close()]).then(
      () => process.exit(0),
      () => process.exit(1)
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
