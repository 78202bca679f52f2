import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../../platform/config/errors';
import { loadConfig } from '../../../platform/config';
import { loadProfile, parseProfile } from '../../../platform/config/profile';
import { CONSENT_TEXTS_JA } from '../../../workflows/consent/consent-texts';
import { RICH_MENU_TEXTS_JA } from '../../../platform/config/rich-menu-texts';
import { EXAMPLE_PROFILE } from '../../helpers/test-stack';

const example = () => parse(fs.readFileSync(EXAMPLE_PROFILE, 'utf8'));
const problemsOf = (data: unknown): string[] => {
  try {
    parseProfile(stringify(data), 'test profile');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('municipality profile', () => {
  it('ships a complete, valid example with business hours 9–18 on weekdays and year-end closure', () => {
    const profile = loadProfile(EXAMPLE_PROFILE);
    expect(profile.businessHours).toMatchObject({ open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }] });
    expect(profile.crisisLines.map((l) => l.phone)).toContain('0120-279-338');
    expect(profile.intake.questions.map((q) => q.id)).toEqual(['eligibility', 'age-band', 'topic']);
  });

  it('names the key and the problem for a bad value', () => {
    const data = example();
    data.businessHours.open = '9時';
    data.crisisLines[0].phone = 'call us';
    data.intake.questions[0].options[0].label = 'とても長いラベルなのでLINEのクイックリプライには収まりません';
    expect(problemsOf(data)).toEqual([
      expect.stringMatching(/^businessHours\.open: expected a time as HH:MM/),
      expect.stringMatching(/^crisisLines\.0\.phone: expected a phone number/),
      expect.stringMatching(/^intake\.questions\.0\.options\.0\.label: LINE quick-reply labels are at most 20/),
    ]);
  });

  it('requires at least one crisis line and an on-call channel', () => {
    const data = example();
    data.crisisLines = [];
    data.escalation.onCall = {};
    const problems = problemsOf(data);
    expect(problems).toContain('crisisLines: at least one crisis line is required');
    expect(problems).toContain('escalation.onCall: give an e-mail address, a webhook URL or both');
  });

  it('refuses closing hours before opening and duplicate ids', () => {
    const data = example();
    data.businessHours.close = '08:00';
    expect(problemsOf(data)).toEqual(['businessHours.close: open must be before close']);
    const dup = example();
    dup.partners[0].id = dup.crisisLines[0].id;
    expect(problemsOf(dup)).toEqual([`id "${dup.crisisLines[0].id}" is used twice among lines and partners`]);
  });

  it('says where YAML is broken and when the file is missing', () => {
    expect(() => parseProfile('municipality:\n  name: [unclosed', 'p.yaml')).toThrow(/p\.yaml[\s\S]*not valid YAML at line/);
    expect(() => loadProfile('/nonexistent/profile.yaml')).toThrow(/cannot read the file: ENOENT/);
  });
});

describe('staff hours in the resident texts', () => {
  it('fills {staffHours} in the greeting and the terms from businessHours, so the texts follow the hours', () => {
    const profile = loadProfile(EXAMPLE_PROFILE);
    expect(profile.texts.greeting).toContain('・平日9時〜18時（祝日・年末年始を除く）は専門スタッフにも相談できます');
    expect(profile.terms.text).toContain('専門スタッフは平日9時〜18時（祝日・年末年始を除く）にお返事します。');
    expect(JSON.stringify(profile)).not.toContain('{staffHours}');

    const later = example();
    later.businessHours.open = '10:00';
    later.businessHours.weekdays = [1, 2, 3, 4, 5, 6];
    const moved = parseProfile(stringify(later), 'test profile');
    expect(moved.texts.greeting).toContain('・月〜土曜日10時〜18時（祝日・年末年始を除く）は専門スタッフにも相談できます');
    expect(moved.terms.text).not.toContain('平日9時');
  });
});

describe('a second example city', () => {
  const KAWABE = path.resolve(__dirname, '../../../profiles/example-kawabe.yaml');

  it('loads through the app’s configuration, with its own name, hours, crisis lines and partners', () => {
    const { env, profile } = loadConfig({ NODE_ENV: 'test', MUNICIPALITY_PROFILE: KAWABE });
    expect(env.MUNICIPALITY_PROFILE).toBe(KAWABE);
    const sample = loadProfile(EXAMPLE_PROFILE);
    expect(profile.municipality).toEqual({ id: 'kawabe-town', name: 'かわべ町', serviceName: 'かわべ町 ひとりじゃないよチャット' });
    expect(profile.businessHours).toMatchObject({ open: '08:30', close: '17:15', weekdays: [1, 2, 3, 4, 5, 6] });
    expect(profile.texts.greeting).toContain('月〜土曜日8時30分〜17時15分（祝日・年末年始・8月13日〜8月15日を除く）は専門スタッフにも相談できます');
    expect(profile.crisisLines.map((l) => l.phone)).not.toEqual(sample.crisisLines.map((l) => l.phone));
    expect(profile.crisisLines.map((l) => l.phone)).toContain('#8008');
    expect(profile.partners.map((p) => p.id)).toEqual(['kawabe-shakyo', 'wakamono-station', 'foodbank-kawabe']);
    expect(profile.partners.some((p) => sample.partners.some((s) => s.id === p.id))).toBe(false);
    // Nothing of the sample city is left in what residents read.
    expect(JSON.stringify({ texts: profile.texts, terms: profile.terms, intake: profile.intake, persona: profile.ai.persona })).not.toContain('サンプル市');
  });
});

describe('the consent texts in every language', () => {
  const KAWABE = path.resolve(__dirname, '../../../profiles/example-kawabe.yaml');

  it('ship in both examples for every language, with the purpose and the words residents type', () => {
    for (const file of [EXAMPLE_PROFILE, KAWABE]) {
      const profile = loadProfile(file);
      expect(Object.keys(profile.languages).sort()).toEqual(['en', 'id', 'ko', 'ne', 'pt-BR', 'tl', 'vi', 'zh-Hans']);
      for (const [code, catalogue] of Object.entries(profile.languages)) {
        const missing = Object.keys(CONSENT_TEXTS_JA).filter((key) => !(catalogue.texts as Record<string, string | undefined>)[key]);
        expect([code, missing]).toEqual([code, []]);
        expect([code, catalogue.texts.termsOutcomesNote]).toEqual([code, expect.any(String)]);
        expect([code, catalogue.consent?.referralPurpose]).toEqual([code, expect.stringContaining('{recipient}')]);
        expect([code, catalogue.words.consentWithdrawal.length > 0, catalogue.words.checkInStop.length > 0]).toEqual([code, true, true]);
      }
    }
  });

  it('name a label longer than LINE allows and a translation that lost a placeholder; an older profile reads them in Japanese', () => {
    const data = example();
    data.languages.en.texts.consentSkip = 'Skip this question, I would rather not say';
    data.languages.en.texts.consentRequest = 'Do you agree to share {fields} for {purpose}?';
    data.languages.vi.consent.referralPurpose = 'Để hỗ trợ bạn.';
    expect(problemsOf(data)).toEqual([
      expect.stringMatching(/^languages\.en\.texts\.consentRequest: must contain \{recipient\}/),
      expect.stringMatching(/^languages\.en\.texts\.consentSkip: LINE quick-reply labels are at most 20/),
      expect.stringMatching(/^languages\.vi\.consent\.referralPurpose: /),
    ]);

    const older = example();
    for (const key of [...Object.keys(CONSENT_TEXTS_JA), 'termsOutcomesNote']) {
      delete older.texts[key];
      delete older.languages.en.texts[key];
    }
    delete older.languages.en.consent;
    delete older.languages.en.words;
    const loaded = parseProfile(stringify(older), 'test profile');
    expect(loaded.texts).toMatchObject(CONSENT_TEXTS_JA);
    expect(loaded.languages.en.texts.consentAsk).toBeUndefined();
    expect(loaded.languages.en.words).toEqual({ consentWithdrawal: [], checkInStop: [] });
  });
});

describe('the rich-menu words in every language', () => {
  const KAWABE = path.resolve(__dirname, '../../../profiles/example-kawabe.yaml');

  it('ship in both examples for every language', () => {
    for (const file of [EXAMPLE_PROFILE, KAWABE]) {
      const profile = loadProfile(file);
      for (const [code, catalogue] of Object.entries(profile.languages)) {
        const texts = catalogue.texts as Record<string, string | undefined>;
        const missing = Object.keys(RICH_MENU_TEXTS_JA).filter((key) => !key.endsWith('Image') && !texts[key]);
        expect([code, missing]).toEqual([code, []]);
      }
    }
  });

  it("refuses a chat-bar text and a label longer than LINE allows; an older profile reads today's Japanese menu", () => {
    const data = example();
    data.languages.vi.texts.menuChatBar = 'Trình đơn chính của bạn';
    data.texts.menuCheckIns = '見守りメッセージをこれ以上送らないでください';
    expect(problemsOf(data)).toEqual([
      expect.stringMatching(/^texts\.menuCheckIns: LINE quick-reply and menu labels are at most 20/),
      expect.stringMatching(/^languages\.vi\.texts\.menuChatBar: LINE's rich-menu chat-bar text is at most 14/),
    ]);

    const older = example();
    for (const key of Object.keys(RICH_MENU_TEXTS_JA)) {
      delete older.texts[key];
      delete older.languages.en.texts[key];
    }
    const loaded = parseProfile(stringify(older), 'test profile');
    expect(loaded.texts).toMatchObject(RICH_MENU_TEXTS_JA);
    expect(loaded.languages.en.texts.menuChatBar).toBeUndefined();
  });
});
