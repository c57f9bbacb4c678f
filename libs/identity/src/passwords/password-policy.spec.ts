import { passwordProblems } from './password-policy';

describe(passwordProblems.name, () => {
  it('accepts a long passphrase in any script', () => {
    expect(passwordProblems('érable rouge au printemps')).toEqual([]);
    expect(passwordProblems('雪が降る夜の静かな街角で')).toEqual([]);
    expect(passwordProblems('🍁🍁 sirop d’érable 🍁🍁')).toEqual([]);
  });

  it('counts characters, not UTF-16 units: 12 emoji are 12 characters', () => {
    expect(passwordProblems('🍁'.repeat(11))).toEqual(['PASSWORD_TOO_SHORT']);
    expect(passwordProblems('🍁🐟🌲🦫🏒🧇🎿🛶🗻🌊🍂🫐')).toEqual([]);
  });

  it('enforces 12 to 128 characters', () => {
    expect(passwordProblems('x7!kQ2#mP9z')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(passwordProblems('x7!kQ2#mP9zA')).toEqual([]);
    expect(passwordProblems('a'.repeat(100) + 'b'.repeat(28))).toEqual([]);
    expect(passwordProblems('a'.repeat(100) + 'b'.repeat(29))).toEqual(['PASSWORD_TOO_LONG']);
  });

  it('refuses passwords on the common list, whatever their case', () => {
    expect(passwordProblems('qwerty123456')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(passwordProblems('QWERTY123456')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(passwordProblems('1q2w3e4r5t6y')).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it('refuses a password built on the person’s e-mail name', () => {
    expect(passwordProblems('marie.tremblay2026!', { email: 'Marie.Tremblay@example.org' })).toEqual(['PASSWORD_CONTAINS_IDENTITY']);
  });

  it('measures the normalised form (NFKC): a full-width digit counts as one character', () => {
    expect(passwordProblems('ｑｗｅｒｔｙ１２３４５６')).toEqual(['PASSWORD_TOO_COMMON']);
  });
});
