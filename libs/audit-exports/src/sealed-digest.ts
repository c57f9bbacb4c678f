import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

export interface FileDigest {
  sha256: string;
  byteCount: number;
}

/**
 * Passes a file's bytes through while computing their SHA-256, and holds back the end of the
 * stream until `seal` (which stores the manifest) has finished. A reader who has the whole
 * file can therefore always find its manifest; a stream cut before the end is never sealed.
 */
export class SealedDigest extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly seal: (digest: FileDigest) => Promise<void>) {
    super({ highWaterMark: 64 * 1024 });
  }

  get byteCount(): number {
    return this.bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.seal({ sha256: this.hash.digest('hex'), byteCount: this.bytes }).then(
      () => callback(),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }
}
