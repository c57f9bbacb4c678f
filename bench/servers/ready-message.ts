/** What a server under test sends its parent (over the fork IPC channel) once it listens. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
  /** The SQL statements one request of the benchmarked route runs, in order. */
  queries: string[];
}

export function isReadyMessage(message: unknown): message is ReadyMessage {
  const candidate = message as Partial<ReadyMessage> | null;
  return candidate?.type === 'ready' && typeof candidate.port === 'number' && Array.isArray(candidate.queries);
}

export function sendReady(message: Omit<ReadyMessage, 'type'>): void {
  if (!process.send) throw new Error('Run this server through the benchmark harness (it needs an IPC channel).');
  process.send({ type: 'ready', ...message });
}

/** A server under test stops when the harness goes away, even if the harness was killed. */
export function stopWithParent(): void {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
