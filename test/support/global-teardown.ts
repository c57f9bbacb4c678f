import { rmSync } from 'node:fs';
import { LocalPostgres } from '@fa/database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __faTestPostgres?: { postgres: LocalPostgres; folder: string } }).__faTestPostgres;
  if (!state) return;
  await state.postgres.stop();
  rmSync(state.folder, { recursive: true, force: true });
}
