import { safeReturnPath } from './language.controller';

describe(safeReturnPath.name, () => {
  it('returns to a page of this site', () => {
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/dev/mail?x=1')).toBe('/dev/mail?x=1');
  });

  it.each([undefined, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])('refuses %p and goes home', (next) => {
    expect(safeReturnPath(next)).toBe('/');
  });
});
