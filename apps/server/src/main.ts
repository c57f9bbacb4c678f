import 'reflect-metadata';
import { loadConfigOrExit } from '@fa/shared';
import { createServerApp } from './create-server-app';

// Started by the launcher of `npm start`: stop when it goes away, even if it was killed.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

async function main(): Promise<void> {
  const config = loadConfigOrExit('fa-server');
  const app = await createServerApp({ config });
  await app.listen({ port: config.PORT, host: config.HOST });
  // The launcher of the embedded default waits for this message before printing the URL.
  process.send?.({ type: 'ready', url: await app.getUrl() });
}

void main().catch((error: unknown) => {
  console.error('fa-server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
