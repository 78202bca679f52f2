import { asksForPerson } from '../../../workflows/consultation/person-request';

describe('a typed request for a person', () => {
  it.each([
    'スタッフと話したい',
    '人と話せますか',
    '相談員さんにつないで',
    'スタッフさんに代わってください',
    '人間と話したいです',
    'にんげん…いや、職員の人と話せますか？',
    'カウンセラーさんと話したい',
    'Can I talk to a human?',
    'I want to speak with a real person',
    'staff member please',
    '我想和工作人员说话',
    '상담원과 이야기하고 싶어요',
    'Quiero hablar con una persona',
    'Quero falar com uma pessoa',
    'Tôi muốn nói chuyện với nhân viên',
    'Saya mau bicara dengan petugas',
    'ขอคุยกับเจ้าหน้าที่',
  ])('understands 「%s」 like the staff button', (text) => {
    expect(asksForPerson(text)).toBe(true);
  });

  it.each([
    '人と話すのが苦手で、ずっと家にいます',
    '職場の人に話しかけられない',
    'スタッフと話したくない',
    '友達と話したいけど誰もいない',
    'I talked to my mother yesterday',
    '今日は人が多かった',
    '人間関係がつらい',
  ])('does not read 「%s」 as a request', (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});
