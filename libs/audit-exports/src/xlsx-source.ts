import type { Worksheet } from 'exceljs';
import { EventEmitter } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import { ExportColumn } from './export-sql';
import { cellValue } from './row-values';

/** A worksheet holds at most 1,048,576 rows: the export goes on in another sheet well before. */
export const ROWS_PER_SHEET = 1_000_000;

/**
 * An XLSX workbook from batches of rows, through exceljs's streaming writer: each row is
 * committed (written out and forgotten) at once, and the next batch is fetched only when the
 * compression and the file's consumer have caught up, so memory stays bounded whatever the
 * number of rows.
 */
export function xlsxSource(batches: AsyncIterable<Record<string, unknown>[]>, columns: ExportColumn[], sheetName: string, onRows: (count: number) => void): Readable {
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  const write = async (): Promise<void> => {
    // Loaded on the first XLSX export only: exceljs adds some 27 MB to a process that never writes one.
    // exceljs is CommonJS: Node's import() hands its exports over as `default`.
    const { stream: excelStream } = (await import('exceljs')).default;
    const workbook = new excelStream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
    // The zip archiver reports its failures as events, not through the writer's promises.
    (workbook as unknown as { zip: EventEmitter }).zip.on('error', (error: Error) => output.destroy(error));
    let sheetNumber = 0;
    let sheet: Worksheet | undefined;
    let rowsInSheet = ROWS_PER_SHEET;
    for await (const rows of batches) {
      for (const row of rows) {
        if (rowsInSheet === ROWS_PER_SHEET) {
          sheet?.commit();
          sheet = workbook.addWorksheet(++sheetNumber === 1 ? sheetName : `${sheetName} ${sheetNumber}`);
          sheet.addRow(columns.map((column) => column.name)).commit();
          rowsInSheet = 0;
        }
        sheet!.addRow(columns.map((column) => cellValue(column, row[column.name]))).commit();
        rowsInSheet++;
      }
      onRows(rows.length);
      if (output.destroyed) return;
      await archiverCaughtUp(sheet!, output);
      if (output.writableNeedDrain) await drainedOrClosed(output, output);
      // A download given up while waiting: the archiver will never drain into it. Returning ends
      // the loop (and the cursor's generator) and lets the workbook go.
      if (output.destroyed) return;
    }
    // An empty export is still a workbook with its header row.
    if (!sheet) workbook.addWorksheet(sheetName).addRow(columns.map((column) => column.name)).commit();
    else sheet.commit();
    await Promise.race([workbook.commit(), closed(output)]);
  };
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/** Bytes of a sheet the zip archiver may hold before the next batch waits for it. */
const ARCHIVER_BACKLOG_BYTES = 1024 * 1024;

/**
 * exceljs writes a sheet's XML into the zip archiver without heeding backpressure, through the
 * stream it pipes the sheet into (`stream.pipes`, not part of its typed API). Compression is
 * slower than writing XML, so that stream's buffer would grow with the whole sheet (measured:
 * 180 MB for 200,000 rows); waiting for it to drain keeps it near 1 MB at the same speed.
 */
async function archiverCaughtUp(sheet: Worksheet, output: PassThrough): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) if (bufferedBytes(pipe) > ARCHIVER_BACKLOG_BYTES) await drainedOrClosed(pipe, output);
}

/** What a writable holds; archiver's streams come from readable-stream 3, which keeps it only in its state. */
function bufferedBytes(stream: Writable): number {
  return stream.writableLength ?? (stream as Writable & { _writableState?: { length?: number } })._writableState?.length ?? 0;
}

/** Resolves when `stream` drains or closes, or when `output` (the file's reader side) closes: nothing would drain then. */
function drainedOrClosed(stream: Writable, output: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      output.off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
    output.on('close', done);
  });
}

function closed(output: PassThrough): Promise<void> {
  return output.closed ? Promise.resolve() : new Promise((resolve) => output.once('close', () => resolve()));
}
