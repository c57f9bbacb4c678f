import { projectRoot } from '@fa/shared';

interface LoggedError {
  err?: { type?: string; message?: string; stack?: string };
}

/** The server's logged errors grouped by type and message, each with a count and the top frames of its first stack. */
export function serverErrors(output: string[]): string[] {
  const groups = new Map<string, { count: number; frames: string[] }>();
  let unparsed = 0;
  for (const line of output) {
    let entry: LoggedError;
    try {
      entry = JSON.parse(line) as LoggedError;
    } catch {
      unparsed++;
      continue;
    }
    if (!entry.err) continue;
    const key = `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}`;
    const group = groups.get(key) ?? { count: 0, frames: (entry.err.stack ?? '').split('\n').filter((frame) => frame.trim().startsWith('at ')).slice(0, 4).map((frame) => frame.trim().replaceAll(`${projectRoot()}/`, '')) };
    group.count++;
    groups.set(key, group);
  }
  const shown = [...groups.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([key, group]) => `- ${group.count} × \`${key}\`\n\n  \`\`\`\n${group.frames.map((frame) => `  ${frame}`).join('\n')}\n  \`\`\``);
  return unparsed > 0 ? [...shown, `- ${unparsed} line(s) of output that are not JSON log entries`] : shown;
}
