import path from 'node:path';
import { createProfileActivities } from '../../../activities/profile-activities';
import { loadProfile } from '../../../platform/config/profile';
import { formatOpening, localise, resolveLanguage } from '../../../workflows/consultation/language';
import { asksForLanguageMenu } from '../../../workflows/consultation/person-request';

const SHIPPED = ['en', 'zh-Hans', 'ko', 'vi', 'pt-BR', 'tl', 'ne', 'id'];

describe("the resident's language", () => {
  it('maps what LINE or a guess says onto a shipped catalogue, Japanese otherwise', () => {
    expect(resolveLanguage('vi', SHIPPED)).toBe('vi');
    expect(resolveLanguage('zh-CN', SHIPPED)).toBe('zh-Hans');
    expect(resolveLanguage('zh', SHIPPED)).toBe('zh-Hans');
    expect(resolveLanguage('zh-TW', SHIPPED)).toBe('ja');
    expect(resolveLanguage('pt', SHIPPED)).toBe('pt-BR');
    expect(resolveLanguage('en-US', SHIPPED)).toBe('en');
    expect(resolveLanguage('th', SHIPPED)).toBe('ja');
    expect(resolveLanguage(undefined, SHIPPED)).toBe('ja');
  });

  it('localises texts, terms, intake labels and line names from the profile, keeping the numbers', async () => {
    const profile = loadProfile(path.resolve(__dirname, '../../../profiles/example.yaml'));
    const settings = await createProfileActivities({ profile }).loadConversationSettings();
    const vi = localise(settings, 'vi');
    expect(vi.language).toBe('vi');
    expect(vi.texts.greeting).toBe(profile.languages.vi.texts.greeting);
    expect(vi.termsText).toBe(profile.languages.vi.terms);
    expect(vi.intake[0].options.map((o) => o.value)).toEqual(profile.intake.questions[0].options.map((o) => o.value));
    expect(vi.crisisLines[0]).toEqual({ name: profile.languages.vi.lines['yorisoi-hotline'].name, phone: '0120-279-338', hours: '24 giờ, mọi ngày, miễn phí', topics: expect.any(Array) });
    expect(vi.crisisLines.map((l) => l.phone).sort()).toEqual(profile.crisisLines.map((l) => l.phone).sort());
    expect(localise(settings, 'th')).toMatchObject({ language: 'ja', texts: { greeting: profile.texts.greeting } });
    // A run whose settings predate the catalogues answers in Japanese.
    expect(localise({ ...settings, languages: undefined }, 'vi').texts.queued).toContain('よりそいスタッフにおつなぎします');
  });

  it('writes the next opening in Japanese or as a date every reader parses', () => {
    const monday9 = Date.parse('2026-11-30T00:00:00Z');
    expect(formatOpening(monday9, 'ja')).toBe('11月30日（月）9時');
    expect(formatOpening(monday9, 'vi')).toBe('11/30 9:00 (JST)');
  });

  it('says in the terms, in each language, what the scales at intake are used for when the city asks them', async () => {
    const profile = loadProfile(path.resolve(__dirname, '../../../profiles/example.yaml'));
    const without = await createProfileActivities({ profile }).loadConversationSettings();
    expect(without.termsText).toBe(profile.terms.text);
    expect(localise(without, 'en').termsText).toBe(profile.languages.en.terms);

    const withScales = await createProfileActivities({ profile: { ...profile, outcomes: { ...profile.outcomes, scalesAtIntake: true } } }).loadConversationSettings();
    expect(withScales.termsText).toBe(`${profile.terms.text.trimEnd()}\n${profile.texts.termsOutcomesNote}`);
    expect(withScales.termsText).toContain('効果を測るため');
    for (const code of Object.keys(profile.languages)) {
      expect(localise(withScales, code).termsText).toBe(`${profile.languages[code].terms.trimEnd()}\n${profile.languages[code].texts.termsOutcomesNote}`);
    }
  });

  it('opens the language menu on the word for language, not on a sentence that mentions it', () => {
    expect(asksForLanguageMenu('言語')).toBe(true);
    expect(asksForLanguageMenu('Language')).toBe(true);
    expect(asksForLanguageMenu('ngôn ngữ')).toBe(true);
    expect(asksForLanguageMenu('言語の勉強がつらい')).toBe(false);
  });
});
