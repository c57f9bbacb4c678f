import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileDigest, SealedDigest } from './sealed-digest';

describe(SealedDigest.name, () => {
  const chunks = [Buffer.from('position,id\n'), Buffer.from('1,a\n'), Buffer.from('2,b\n')];

  it('passes the bytes through and ends only once the seal, given their SHA-256, has finished', async () => {
    const events: string[] = [];
    let sealed: FileDigest | undefined;
    const sut = new SealedDigest(async (digest) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sealed = digest;
      events.push('sealed');
    });
    sut.on('end', () => events.push('end'));
    const received: Buffer[] = [];
    await pipeline(Readable.from(chunks), sut, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) received.push(chunk);
    });
    expect(Buffer.concat(received).toString()).toBe('position,id\n1,a\n2,b\n');
    expect(sealed).toEqual({ sha256: createHash('sha256').update(Buffer.concat(chunks)).digest('hex'), byteCount: 20 });
    expect(events).toEqual(['sealed', 'end']);
  });

  it('fails the stream when the seal fails, and never seals a stream destroyed before its end', async () => {
    const failing = new SealedDigest(() => Promise.reject(new Error('manifest not stored')));
    await expect(pipeline(Readable.from(chunks), failing, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) void chunk;
    })).rejects.toThrow('manifest not stored');
    const seal = jest.fn(() => Promise.resolve());
    const cut = new SealedDigest(seal);
    cut.write(chunks[0]);
    cut.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seal).not.toHaveBeenCalled();
  });
});
