import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageCatalog, fromProjectRoot } from '@fa/shared';

function templateFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? templateFiles(path) : path.endsWith('.hbs') ? [path] : [];
  });
}

describe(MessageCatalog.name, () => {
  const sut = MessageCatalog.load();

  it('has every word in French and in English', () => {
    expect(sut.keys('en')).toEqual(sut.keys('fr'));
  });

  it('has no empty message', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const key of sut.keys(locale)) expect(sut.translate(locale, key).trim()).not.toBe('');
    }
  });

  it('holds every key a template asks for', () => {
    const used = new Set<string>();
    for (const file of templateFiles(fromProjectRoot('templates'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\(?t "([a-zA-Z0-9.-]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((key) => !sut.has('fr', key) || !sut.has('en', key));
    expect(missing).toEqual([]);
  });

  it('has a message for every error code in both languages', () => {
    const codes = sut.keys('fr').filter((key) => /^errors\.[A-Z_]+$/.test(key));
    expect(codes).toContain('errors.INTERNAL_ERROR');
    for (const key of codes) expect(sut.translate('en', key)).not.toBe(sut.translate('fr', key));
  });
});
