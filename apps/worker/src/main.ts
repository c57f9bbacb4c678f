import 'reflect-metadata';
import { loadConfigOrExit } from '@fa/shared';
import { createWorkerApp } from './create-worker-app';

// Started by the launcher of `npm start`: stop when it goes away, even if it was killed.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

async function main(): Promise<void> {
  const config = loadConfigOrExit('fa-worker');
  await createWorkerApp({ config });
  process.send?.({ type: 'ready' });
}

void main().catch((error: unknown) => {
  console.error('fa-worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
