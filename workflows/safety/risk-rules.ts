/**
 * Offline rule layer of crisis/risk detection.
 *
 * Pure and deterministic (no I/O, no Date, only relative imports inside workflows/safety/), so the
 * workflow itself can run it inside the Temporal sandbox on every resident message, with no activity
 * and no network. It is the floor of the risk pipeline: an LLM classifier may raise the level it
 * returns, never lower it (design.md, "Safety rules that hold everywhere").
 *
 * Levels follow the working scale in shared/notes/safety.md §3. How a message is assessed:
 *   1. normalizeForRisk() folds widths, kana, slang and obfuscation; the text is split into sentences.
 *   2. FIGURATIVE_MASKS blank out idioms (死ぬほど眠い, 笑死, dying of laughter) so no rule sees them.
 *   3. SIGNAL_RULES (data: id, pattern, level, category) are matched per sentence.
 *   4. Each match is adjusted by context in its sentence (third party, fiction/news, prevention work,
 *      negation, past, jokes) → an effective level.
 *   5. ESCALATIONS combine signals across the whole message (ideation + means/timing/farewell → high,
 *      a high signal + "I am at <place> now" → imminent, bullying + ideation → high, …).
 *   6. context.baseline (the level of an earlier message) sets a floor (see applyContextFloor).
 * The result names rule ids only, never any of the resident's words.
 *
 * Levels (issue 13): a passive wish is `low`, which already offers the 24-hour lines; active
 * ideation, recent self-harm and asking how to die or where to get the means are at least `medium`.
 *
 * Known limits (measured with bench/risk-eval.ts, docs/benchmarks.md): on the sealed part of the
 * v6 holdout, written blind and never tuned on, 61 % of the messages labelled low+ got a line and
 * 9 % of those labelled none did, against 99 %/0 % on the sets the rules were tuned on. A lexicon
 * misses new phrasings (implicit goodbyes, places, slang), indirect questions ("what are the
 * tallest bridges?"), sarcasm and context spread over several messages (only `baseline` carries
 * it). Hence this is a floor under the LLM classifier and the staff, never the only check.
 */
import {
  RISK_CATEGORIES,
  type RiskCategory,
  type RiskLevel,
  isAtLeast,
  maxRisk,
  minRisk,
  stepDown,
} from './risk-levels';
import { normalizeForRisk, splitSentences } from './normalize';

export interface RiskAssessment {
  level: RiskLevel;
  categories: RiskCategory[];
  /** ids of the rules, modifiers and escalations that fired; never any of the text */
  matched: string[];
}

export interface RiskContext {
  /** level assessed for an earlier message in the same conversation */
  baseline?: RiskLevel;
}

/**
 * Which context modifiers apply to a rule:
 *  'self'     the resident's own ideation/self-harm: third party, fiction, prevention, negation,
 *             past, reported insult, fandom all apply
 *  'act'      like 'self', and an act now/just done: becomes a prior attempt when the sentence says
 *             it happened before (前に, 去年, ことがある, 運ばれた)
 *  'future'   like 'self', a method the resident intends; also becomes a prior attempt on those markers
 *  'victim'   something done to the resident (abuse, DV, bullying): past and third party apply
 *  'threat'   harm to others: jokes and "someone said it to me" apply
 *  'plain'    no modifiers (other urgent danger, prior attempts)
 */
type RuleScope = 'self' | 'act' | 'future' | 'victim' | 'threat' | 'plain';

export interface RiskRule {
  id: string;
  pattern: RegExp;
  level: RiskLevel;
  category: RiskCategory;
  scope: RuleScope;
  /** the rule only counts when the whole message also matches this */
  requires?: RegExp;
  /** the match is dropped when its sentence matches this (idiomatic use) */
  unless?: RegExp;
  /** a third-party subject alone makes it a third-party report (completed acts, quoted talk) */
  thirdPartyDirect?: boolean;
}

// ───────────────────────────── vocabularies (normalised, hiragana) ─────────────────────────────

/** Idioms that use 死/殺/die without meaning it; blanked out before rules run. */
export const FIGURATIVE_MASKS: readonly { id: string; pattern: RegExp }[] = [
  // 死ぬほど X / 死ぬかと思った / 死ぬ気で頑張る / 凍え死ぬ / 笑い死ぬ: intensity idioms.
  // 死ぬほどつらい is kept (si-death-intense) because it is distress worth a gentle check.
  { id: 'fig-shinuhodo', pattern: /死ぬ(?:ほど|くらい|ぐらい)(?!つらい|辛い|しんどい|苦しい|くるしい)/gu },
  { id: 'fig-shinukato', pattern: /死ぬかと(?:思|おも)|死ぬ気で|死ぬ覚悟で|死んだ魚|死亡(?:中|した|確定)|(?:凍え|笑い|悶え|萌え|尊)死/gu },
  { id: 'fig-shinitai-kurai', pattern: /死にたい(?:くらい|ぐらい|ほど)(?!つらい|辛い|しんどい|苦しい|くるしい)/gu },
  { id: 'fig-adj-shinu', pattern: /(?:すぎ(?:て)?|過ぎ(?:て)?|くて|(?<!ん|まじ|本気|ほんき|薬|剤|錠|ろーぷ|練炭|がす|炭)で)死(?:ぬ|ねる|んだ|亡)/gu },
  { id: 'fig-shindemoii', pattern: /死んでも(?:いい|良い)(?:くらい|ほど|ぐらい)|死んでも(?:行|やる|守)/gu },
  { id: 'fig-korosuki', pattern: /殺す気か|殺虫|殺菌|殺風景|殺到|相殺|黙殺|忙殺|悩殺|瞬殺|秒殺/gu },
  { id: 'fig-killing-me', pattern: /\b(?:is|are|its|it is|thats|that is) killing me\b|\bkilled it\b|\bdying (?:of|from|to)\b[^。]{0,16}|\bcould die\b|\bdie (?:of|from) (?:embarrassment|laughter|laughing|boredom|shame|cringe|cuteness)\b|\bdead tired\b|\bto die for\b|\b(?:my )?(?:mom|mum|dad|boss|teacher|parents) (?:is going to|will|gonna|would|is gonna) kill me\b/gu },
  { id: 'fig-zh', pattern: /(?:笑|热|熱|累|饿|餓|困|气|氣|吓|嚇|烦|煩|忙|冷|丑|醜|美|痛|渴|闷|悶)死(?:了|我了|人了|啦)?|想死(?:你|您|他|她|我)(?:了|啦)/gu },
  { id: 'fig-vi', pattern: /(?:mệt|đói|nóng|lạnh|buồn cười|cười|chán|sợ|buồn ngủ|nhớ|ngại|xấu hổ|đau)(?: quá| lắm| thật)?,? (?:muốn chết|chết mất|chết đi được|chết luôn)/gu },
  { id: 'fig-pt', pattern: /morrend[oa] de \S+|morri de \S+|(?:me )?matar de \S+|de matar\b/gu },
  { id: 'fig-id', pattern: /(?:malu|laper|lapar|ngantuk|gerah|panas|capek|bosan|bosen)[^。]{0,10}(?:mau|pengen|bisa|sampai) mati|mati (?:gaya|kutu|lampu|listrik|rasa)/gu },
  { id: 'fig-es', pattern: /me muero de \S+|morirme de \S+|muert[oa] de (?:risa|hambre|sueño|cansancio|frío|calor|miedo|vergüenza)|me mata(?:n)? (?:de )?(?:la )?risa/gu },
  { id: 'fig-embarrassed', pattern: /(?:恥ずかし|はずかし)(?:すぎ|くて|さで)[^。]{0,4}(?:消えたい|死にたい|死ぬ|死ねる)|穴があったら入りたい/gu },
];

const TIMING =
  /今夜|今晩|今日中|今日で|今日こそ|(?:明日|あした)(?!も|は(?:仕事|学校))|明後日|週末|誕生日|\d+日に|決行|実行する|\btonight\b|\btomorrow\b|\bthis weekend\b|今晚|今天晚上|明天|오늘\s?밤|내일|tối nay|đêm nay|ngày mai|hoje à noite|esta noite|amanhã|mamayang gabi|ngayong gabi|\bmamaya\b|\bbukas\b|आज\s?राति|भोलि|\bbesok\b|malam ini|nanti malam|mañana|esta noche|พรุ่งนี้|คืนนี้|\bis the day\b|次こそ|今度こそ/u;

const MEANS =
  /(?:薬|睡眠薬|眠剤|市販薬|錠剤)(?:を|も|は)?(?:集め|ため|貯め|溜め|買い|用意|すとっく)|ろーぷ|縄|練炭|包丁|ないふ|かったー|刃物|かみそり|屋上|線路|樹海|\brope\b|\bpills\b|\bgun\b|\bknife\b|\bbridge\b|\broof\b|跳楼|跳樓|上吊|安眠(?:药|藥)|\bbalak\b|\bplano\b/u;

const PREPARATION =
  /遺書|手紙(?:を|も)?書い|身辺整理|荷物(?:を)?(?:整理|処分)|(?:準備|用意)(?:は|が|も)?(?:でき|して|した|万端)|\bnote\b|goodbye letter|\bwill\b written/u;

/** Only written goodbyes: 「旅行の準備できた、疲れた」 must not count. */
const PREP_NOTE = /遺書|手紙(?:を|も)?書い|身辺整理|\bnote\b|goodbye letter/u;

/** さようなら etc.: a farewell only without "see you later" words. */
const FAREWELL_WEAK = /さようなら|さよなら|ばいばい|お世話になりました|ごめん(?:ね|なさい)?(?=。|$|もう|みんな)|\bgoodbye\b/u;
const FAREWELL_CANCEL = /また(?:ね|明日|話|あした|来)|おやすみ|寝る|遅れ|あとで|後で|\bsee you\b|明日(?:も|ね|話)/u;
/** Goodbyes that, after medicine was taken, mean the act is done. */
const FAREWELL_FINAL = /さようなら|さよなら|ばいばい|今まで(?:本当に|ほんとに)?ありがと|最後|ごめんなさい(?=。|$)/u;

const DISTRESS =
  /もういいや|\bcant do this\b|\bim done\b|疲れた|つかれた|限界|(?:もう)?無理|もうむり|つらい|辛い|しんどい|助けて|たすけて|苦しい|くるしい|苦しま|耐えられない|\bcant take\b|\bexhausted\b|ya no (?:aguanto|puedo)|(?:nggak|gak|tidak) kuat|ไม่ไหว|không chịu nổi/u;

/** 「あとはやるだけ」「覚悟はできた」: resolve, which with means in hand is a plan. */
const RESOLVE = /あとは(?:やる|実行|決行|勇気)だけ|勇気(?:さえ|が)出れば|覚悟(?:は|が)?(?:でき|決ま)|もう決めた|決心(?:が)?つい/u;

const CURRENT = /次は|次こそ|今度こそ|今回は|今度は(?:ちゃんと|確実に|必ず)|また|今も|今でも|いまだに|同じ気持ち|最近また|\bagain\b|\bstill\b/u;

const SELF_HARM_SEVERITY = /深く|深い|縫(?:う|わ|っ)|何回も|何度も|\d+回目|いつもより/u;
const BLEEDING = /切(?:って(?:る|いる)?|った)[^。]{0,6}。止まらない|血(?:が|も)?(?:止まらない|溢れ|あふれ|どくどく|すごい|やばい|いっぱい出|大量)|\bwont stop bleeding\b|\bbleeding a lot\b/u;

/** "I am at <somewhere> now": with a high self-signal, the act may be under way. */
const NOW_AT_PLACE =
  /(?:今|いま)[^。]{0,8}(?:に|で|から)(?:いる|います|立って|来た|来て|着いた|下|見て)|(?:ほーむ|駅|線路|踏切|屋上|橋|べらんだ|崖)(?:の上)?(?:に|で|から)[^。]{0,12}(?:迷って|いる|立って|来た|来て|見てる|見下ろ)|\bright now\b|\bim (?:on|at) the\b/u;
/** Edges and heights where merely being there with distress is an imminence cue. */
const AT_EDGE = /(?:屋上|橋の上|びるの上|崖|線路|踏切)(?:に|で)(?:いる|います|立って|来た|来て)/u;

/** Leisure context: 屋上でお弁当, バンジー, 飛び込み台. */
const LEISURE =
  /お弁当|弁当|らんち|昼ご?飯|休憩|天気|景色|星空|花火|ばーべきゅー|びあがーでん|ぴくにっく|遊園地|あとらくしょん|ばんじー|すかいだいびんぐ|観光|撮影|ぷーる|飛び込み台|水泳|海水浴|旅行|系の|つあー|はいきんぐ|散策|写真|みんなで|友達と|だむかーど|(?<!死ぬ)日の出|初日の出/u;

/** Activities whose jump or dive is the fun part, anywhere in the message (バンジー…。飛び降りる瞬間が最高). */
const LEISURE_ACTIVITY = /ばんじー|すかいだいびんぐ|ぱらぐらいだー|飛び込み台|飛び込み競技|ぷーる|水泳|\bbungee\b|\bskydiv/u;

const LAUGHTER = /(?<![a-z])w(?![a-z])|笑|草|\blol\b|\blmao\b|\bhaha|ㅋ|哈哈/u;

/** Someone else as the subject (ja particle が/は/も/って; other languages by possessive/pronoun). */
const THIRD_PARTY_SUBJECT = new RegExp(
  [
    '(?:友達|ともだち|友人|親友|彼氏|彼女|夫|旦那|だんな|妻|嫁|母親|父親|母|父|親|兄|姉|弟|妹|息子|娘|子ども|子供|こども|同僚|先輩|後輩|上司|部下|知り合い|知人|くらすめいと|同級生|家族|祖母|祖父|芸能人|有名人|主人公|きゃら|あの子|あの人|その人|さん|くん|ちゃん|先生|利用者|まま友|彼|人)(?:が|は|も|って)',
    '\\bmy (?:best )?(?:friend|mom|mum|mother|dad|father|sister|brother|son|daughter|wife|husband|boyfriend|girlfriend|partner|colleague|coworker|classmate)s?\\b',
    '\\b(?:he|she|they)\\b',
    '(?:朋友|妈妈|媽媽|爸爸|同学|同學|同事|他|她)(?:说|說|想|要)',
    '(?:친구|엄마|아빠|언니|오빠|누나|형|동생|남편|아내|남자\\s?친구|여자\\s?친구|동료)(?:가|이|는|도)',
    '(?:bạn (?:tôi|mình|em)|mẹ (?:tôi|mình|em)|bố (?:tôi|mình)|anh ấy|chị ấy|cô ấy)',
    '(?:meu amigo|minha amiga|minha mãe|meu pai|meu marido|meu namorado|\\bele\\b|\\bela\\b)',
    '(?:kaibigan ko|nanay ko|tatay ko|\\bsiya\\b)',
    '(?:मेरो साथी|साथीले|आमाले|बुबाले)',
    '(?:teman(?:ku| saya| aku)|\\bdia\\b|ibuku|ayahku|adikku|kakakku)',
    '(?:mi (?:amig[oa]|madre|padre|herman[oa]|novi[oa]|espos[oa]|hij[oa])|\\bél\\b|\\bella\\b)',
    '(?:เพื่อน|แม่|พ่อ|สามี|แฟน|น้อง|พี่)(?:บอก|เขา|เค้า|ของ)',
    '\\bmy (?:roommate|flatmate|cousin|aunt|uncle|student|client)s?\\b',
  ].join('|'),
  'gu',
);

/** The resident speaking about themself again after naming someone else. */
const FIRST_PERSON =
  /私|わたし|あたし|僕|ぼく|俺|おれ|自分|うち(?=も|が|は)|\bi\b|\bim\b|\bme\b|나는|내가|저는|제가|我(?!的朋友|朋友|妈|媽|爸)|\btôi\b|\bmình\b|\beu\b|\bako\b|\baku\b|\bsaya\b|\bgw\b|\bgue\b|\byo\b|ฉัน|ผม|หนู/u;

/** A clause boundary between "X が" and the match means X is not the subject (母がいなくて死にたい). */
const CLAUSE_BOUNDARY = /て|で|から|ので|けど|けれど|のに|たら|れば|ても/u;

const FICTION =
  /どらま|映画|漫画|まんが|あにめ|小説|にゅーす|報道|記事|怪談|怖い話|都市伝説|事件|歌詞|歌(?!い(?:た|ま|に|な|す)|う|わ|え|お)|曲|げーむ|ほらげー|ほらー|演出|主人公|きゃら|しーん|番組|芸能人|有名人|俳優|ゆーちゅーぶ|配信|\bmovie\b|\bshow\b|\bnews\b|\bgame\b|\bsong\b|电影|電影|新闻|新聞/u;
/** 「ドラマ見てたら死にたくなった」: a reaction of one's own, despite the fiction word. */
const OWN_REACTION = /^(?:死にたく|消えたく)な/u;

const PREVENTION =
  /予防|対策|ぼらんてぃあ|研修|げーときーぱー|いのちの電話|相談員|講座|授業|啓発|支援員|\bprevention\b|\bawareness\b|\bhotline\b|\bvolunteer|예방|预防|預防|phòng chống|prevenção/u;

/** Right after a match: 「…とは思わない」「…わけじゃない」. */
const NEGATION_AFTER =
  /^(?:とは|なんて|なんか|って|とか|は|とも)?(?:全然|別に|まったく|全く)?(?:思わ|おもわ|思って(?:い)?な|おもって(?:い)?な|思ったこと(?:は|も)?な|考えてな|考えたこと(?:は|も)?な|(?:気持ち|思い|考え)(?:は|も)?(?:ない|無い|ありません)|わけじゃ|わけでは|訳じゃ|訳では|ことはない|ことない|したこと(?:は|も)?な|とか(?:じゃ|では)|そういうの(?:じゃ|では)|(?:とまで|まで)は?(?:思わ|おもわ|いかな)|(?:言う|いう)?ほど(?:じゃ|では)|(?:もう)?(?:やめ|して(?:い)?な|しては?いな))|^\s?(?:होइन|छैन)/u;
/** Right before a match: "i dont (really) want to die", "không muốn chết", "não quero morrer". */
const NEGATION_BEFORE =
  /(?:\b(?:dont|do not|didnt|never|not|no longer|wont|wouldnt)\b(?: \S+){0,2} ?|không (?:phải )?|chẳng |não |hindi |不|没有|没|沒有|沒|\bno |\btidak |\bnggak |\bgak |\bbukan |ไม่ได้|ไม่)$/u;

/** The resident describes a time that is over: 前は死にたいって思ってたけど. */
const PAST_BEFORE = /前は|昔(?!から)|以前は|前まで|一時期|学生の頃|子どもの頃|子供の頃|若い頃|中学の頃|高校の頃/u;
/** 「リスカしてた頃の自分」: the match itself is placed in a finished period. */
const PAST_AFTER = /^[^。]{0,4}(?:てた|ていた|った|だった|た)頃/u;
const PAST_SENTENCE =
  /昔|子どもの頃|子供の頃|小さい頃|幼い頃|小学生の頃|中学の頃|高校の頃|学生の頃|前は|以前は|昔は/u;
/** 「自傷してたことがある。今は落ち着いてる」 */
const RESOLVED_SELF = /今は(?:もう)?(?:平気|大丈夫|落ち着|ない|してない|やめ|全然|元気|楽し|幸せ)/u;
const RESOLVED = /今は(?:もう)?(?:平気|大丈夫|落ち着|ない|全然|元気|楽し|幸せ)/u;
const SHRUGGED = /気にしてない|気にしていない|平気|大丈夫/u;

/** Prior attempt markers: turn an act/method into history (then ideation now → high). */
const PRIOR_MARKERS =
  /前に|前も|以前|昔|去年|先月|先週|ことが?ある|したことある|運ばれ|止められ|助かっ|失敗|入院|救急車|未遂/u;

/** 「『死にたい』って投稿してる子がいて」: the speaker named after the quote. */
const REPORTED_BY_OTHER =
  /^(?:って|と)(?:投稿|言って|言う|書いて|書き込|つぶやい|呟い|いって)[^。]{0,6}(?:子|人|友達|やつ|奴|同僚|生徒|知り合い)/u;

/** 「死ね」 etc. said TO the resident: their own risk is handled by bullying/abuse rules. */
const SAID_TO_ME = /^(?:って|と)(?:言われ|いわれ|書かれ|こめんとされ|ののしられ)/u;

const FANDOM = /推し|尊|おたく|をた|らいぶ|結婚した/u;

const CAREGIVER =
  '(?:お母さん|お父さん|おかあさん|おとうさん|母さん|父さん|かあさん|とうさん|母親|父親|義父|義母|継父|継母|(?<![のたがわ])まま(?:の彼氏)?|ぱぱ|母の彼氏|親|母|父|おや|祖父|祖母|じいちゃん|ばあちゃん)';
const PARTNER =
  '(?:元夫|元旦那|元彼|元かれ|元かの|夫|旦那|だんな|主人|彼氏|かれし|彼女|妻|嫁|ぱーとなー|交際相手|婚約者|同居人|彼(?![氏女らの]))';
const VIOLENCE_DONE_TO_ME =
  '(?:殴ら|叩か|蹴ら|けら|ぶた|突き飛ばさ|引きずら|押し倒さ|つかま|掴ま|投げつけら|押し付けら|押しつけら|噛ま|首を?(?:絞め|しめ)ら|(?:体|からだ|胸|お尻|下着)(?:を)?(?:触ら|さわら)|暴力を?(?:振る|ふる)わ)れ|暴力(?:を)?(?:受け|うけ)|殺す(?:って|と|ぞって)(?:言|いわ)|殺され(?:そう|かけ)';
const MINOR = /中学生|高校生|小学生|(?<![0-9])中[1-3一二三](?![0-9])|(?<![0-9])高[1-3一二三](?![0-9])|(?<![0-9])小[1-6一二三四五六](?![0-9])|(?<![0-9])(?:[1-9]|1[0-7])歳/u;
const NOW_DANGER =
  /(?:今|いま)[^。]{0,14}(?:暴れ|殴って|叩いて|怒鳴って|包丁|ないふ|刃物)|隠れて(?:る|います|いる)|(?:家の前|玄関|外)に(?:いる|来て|来た)|(?:どあ|扉|窓|玄関)(?:を)?(?:蹴|叩|たたい|殴)(?:って|いて)(?:る|いる)|殺すって叫/u;

// ───────────────────────────── signal rules ─────────────────────────────

export const SIGNAL_RULES: readonly RiskRule[] = [
  // ── suicidal ideation, passive: low ──
  { id: 'si-passive-disappear', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /消えたい|消えたく(?:なる|なった|なって|なり)|消えてしまいたい|消えちゃいたい|消えてなくなりたい|消え去りたい|消えてしまえたら|いなくなりたい|いなくなってしまいたい|この世から(?:消え|いなく|ふぇーどあうと|退場|おさらば)|(?:溶けて|消えて)?(?:なくなりたい|無くなりたい)|存在(?:ごと|を)?(?:消して|なくして|なくなり|消え)(?:しまい|ちゃい)?たい|消えても(?:同じ|いい|誰も|変わらない)|(?:いなく|消え)(?:なっ)?ちゃおう|消えようかな|いなくなろうかな/u },
  { id: 'si-passive-sleep', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /目が覚めなければ|目覚めなければ|目が覚めなきゃ|起きなければ(?:いい|良い)|起きなきゃいい|(?:寝た|眠った)まま(?:死|起き|目が|終わ)|ずっと(?:眠って|寝て)(?:い)?たい|永遠に(?:眠りたい|(?:寝|眠)て(?:い)?たい)|目(?:が)?覚め(?:ませんように|ないで|たくなかった)|起きたくなかった/u },
  { id: 'si-passive-unborn', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /生まれてこ(?:なければ|なきゃ|なけりゃ|ないほうが|ない方が)|生まれ(?:なければ|なきゃ)よかった|生まれてきたくなかった|生まれてきて(?:ごめん|すみません|申し訳)/u },
  { id: 'si-passive-tomorrow', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:明日|朝)(?:が|なんて|なんか)?(?:来|こ)(?:なければ|なきゃ|なけりゃ|ないで)/u },
  { id: 'si-passive-accident', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /事故(?:に)?(?:でも)?(?:あえば|遭えば|あって死|遭って死|で死ね)|(?:車|とらっく|電車)に(?:ひかれ|轢かれ|はねられ)たい|隕石(?:が)?(?:落ちて(?:こない|きて|くれ)|降ってこない)|(?:病気|事故)で(?:ぽっくり|ころっと)?死(?:ね|に)(?:たら|れば)|ぽっくり死(?:ね|に)(?:たら|れば|たい)/u },
  { id: 'si-passive-anytime', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /いつ死んでもいい|死んでもいい(?:かな|や|と思)(?!よね|よな|でしょ)/u },
  { id: 'si-permission', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    // 「もう死んでもいいよね」: asking for permission to die
    pattern: /死んでもいい(?:よね|よな|でしょ|か(?:な)?。?$)|死んでいい(?:よね|かな|でしょ)/u },
  { id: 'si-passive-burden', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /いなくなっても(?:誰|だれ)も|いな(?:い|くなった|くなる)(?:ほう|方)が[^。]{0,6}(?:いい|まし|幸せ|楽)|いなくなれ(?:たら|れば|ば)|消えられ(?:たら|れば)|お迎えが来て(?:も)?(?:いい|ほしい|欲しい|くれ)|長く生きすぎ|(?:私|わたし|自分|僕|ぼく|俺|おれ|あたし|うち)(?:が|なんて|なんか|は)?(?:いな|居な)(?:ければ|きゃ|くて(?:も)?いい|い(?:ほう|方)が)|必要と(?:して|し|され(?:て)?)(?:い)?ない|存在(?:価値|意味)が(?:ない|無い)|存在(?:して(?:る|いる))?意味(?:が|も)?(?:ない|無い)|全部終わって(?:れば|たら)いい|存在(?:を)?消したい/u },
  { id: 'si-passive-life', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /生きる(?:の|のが|こと)?(?:が|に)?(?:しんどい|つらい|辛い|疲れ|めんどう|めんどくさ|めんどい|面倒|嫌|いや|苦しい)|生きて(?:る|いる)(?:の|こと)(?:が)?(?:しんどい|つらい|辛い|疲れ|苦しい)|生きて(?:る|いる)?意味|生きる意味|生まれてきた意味|生きてる価値|生きていけない|なんで生きて(?:る|いる)(?:んだろ|の)|生きる(?:の)?(?:が)?だる|生きる(?:気力|希望|理由)(?:が|も)?(?:ない|無い|なくな|見つから)/u },
  { id: 'si-passive-beyond', level: 'low', category: 'suicidal-ideation', scope: 'self',
    // wishing to be gone without acting: 天国に行きたい, 消滅したい, 寿命が早く来て, 死ねたらいいのに
    pattern: /(?:天国|あの世)に(?:行き|いき)たい|消滅したい|蒸発したい|跡形もなく(?:消え|いなく)|寿命[^。]{0,6}(?:縮ん|早く|来て)|死ね(?:たら|れば)(?:いい|楽|幸せ)|人生(?:を)?りせっと(?:したい|できたら)/u },
  { id: 'si-passive-relief', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:もう|いっそ)楽になりたい/u },
  { id: 'si-death-intense', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /死ぬほど(?:つらい|辛い|しんどい|苦しい|くるしい)/u },

  // ── suicidal ideation, active: medium ──
  { id: 'si-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /死にた(?:い|かった|がって|がる|さ)|死にたく(?!は?な(?:い|く|か))/u },
  { id: 'si-jisatsu', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /自殺(?:したい|しよう|しようと|しに(?:行|いく)|する(?:しか|かも|気)|(?:を|も)?(?:考え|思)|願望|が頭|したく(?!は?な(?:い|く|かっ)))|自死(?:したい|を考え)|自殺(?:って|は|するの(?:って|は)?)(?:痛|苦し|怖|楽)/u },
  { id: 'si-shinou', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /死のう|死ぬしかない|死ぬ(?:こと|事)(?:を|も)?(?:ばかり|ばっかり|ばっか|しか)?(?:考え|思)|死ぬ勇気|死ぬ覚悟/u },
  { id: 'si-better-dead', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /死んだら楽|死ねば楽|死んだ(?:ほう|方)が(?:まし|楽|いい)|死ねたら楽|死んで楽に|死んで(?:しまい|しまえ|ちゃい)たい|死んじゃいたい|いつでも死ねる|死ねるように/u },
  { id: 'si-self-deserve', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:自分|私|わたし|僕|ぼく|俺|おれ|あたし|うち)(?:なんか|なんて|みたいな(?:の|やつ)|は|が|って)?[^。]{0,4}死(?:ねばいい|んだほうがいい|んだ方がいい|ぬべき)/u },
  { id: 'si-no-live', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /生きて(?:い)?たくない|生きたくない|生きていきたくない|もう生きられない/u },
  { id: 'si-end-want', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:人生|全部|すべて|全て|何もかも|生き|命|もう)[^。]{0,10}(?:終わりにしたい|終わらせたい)/u },
  { id: 'si-follow', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /後を追いたい|後を追(?:おう|って死)/u },
  { id: 'si-shinu-final', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    // 「もう死ぬ」「今日こそ死ぬ」「死ぬわ」: sentence-final 死ぬ; idioms are masked beforehand and
    // jokes (w, 笑) are capped; 「死ぬまでに」「死ぬの泣ける」 do not end the sentence.
    pattern: /死ぬ(?:ね|わ|よ|から|しか|かも)?$|死にます$/u,
    unless: /しびれ|痺れ|筋肉痛|暑|寒|腹|お腹|はら|眠|ねむ|忙|溶け|痛|宿題|課題|残業|尊|推し|かわい|可愛|美味|おいし|うま|笑|草|(?<![a-z])w(?![a-z])|恥ずかし|緊張|暇|ひま|退屈|げーむ|会議|試験|てすと|発表|面接|仕事|ばいと|部活|練習/u },
  { id: 'si-method-thought', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:死ぬ|死ねる|自殺の?)方法(?:を|ばかり|ばっかり|ばっか)?[^。]{0,4}(?:考え|思い浮)/u },
  { id: 'si-active-other', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    // other words for active ideation: 希死念慮, 死を考えて, 幕を引きたい, 命を消したい, dying to pay debts
    pattern: /希死念慮|死を(?:考え|意識|選|望)|幕を(?:引き|下ろし|閉じ)たい|命(?:を)?(?:消し|絶ち|断ち)(?:し)?たい|死んで[^。]{0,10}(?:保険金|償|詫び|返し)|(?:飛び込み|飛び降り)たく(?:なる|なった|なって)|死ぬ[^。]{0,6}死ぬ|安楽死(?:したい|させて|できる)|この世を去り(?:たい|ます)|命を絶(?:ちたい|とう|つ)|自ら命を|自分を終わらせ|(?:誰か|だれか)[^。]{0,4}殺して(?:ほしい|欲しい|くれ)?|殺してほしい|殺してくれ(?:ない|よ|$)|(?:ここから|この高さから)(?:落ちたら|飛び降りたら|飛んだら)|生きる(?:の|こと)(?:を)?(?:やめ|止め|諦め|あきらめ)|死について(?:考え|ばかり)|(?:無理|限界|つらい|しんどい|やばい)死$|死んじゃおう|死んでしまおう|死のっか|もう(?:全部|何もかも)?終わりに(?:する|します|したい)/u },
  { id: 'si-hint', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:自殺|死)を?(?:ほのめか|匂わ|におわ)/u },
  { id: 'si-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    // Asking how to die, or where to get the means, is at least medium (issue 13), even without a
    // stated wish: 「死に方を教えて」「練炭はどこで」「致死量って」. Plans and lethal-dose questions
    // stay high through si-plan / si-means-inquiry.
    pattern: /死に方|(?:死ぬ|死ねる|自殺(?:の|する)?)(?:方法|やり方|手段|仕方)|(?:どうやって|どうやったら|どうしたら|どうすれば|どこで|どこなら|どこから)[^。]{0,8}死(?:ね|ぬ|の|ん)|(?:痛く|苦しく)(?:ない|なく)[^。]{0,6}死|致死量(?:は|って|を)?[^。]{0,6}(?:知りたい|教えて|どれ|何錠|何mg)|(?:練炭|睡眠薬|眠剤|ろーぷ|硫化水素|農薬|青酸|首吊)[^。]{0,8}(?:どこで|どこに|どこなら|どうやって|どうすれば|どう(?:やったら|したら))|(?:何錠|何mg|何階|何めーとる)(?:で|から|くらい|ぐらい|あれば)|\bhow (?:to|do i|can i|would i|should i)\b[^。]{0,8}\b(?:die|kill my ?self|end my life|commit suicide|overdose)\b|\b(?:easiest|painless|quickest|fastest|best|surest|quietest) ways? to (?:die|kill my ?self|end (?:my life|it))\b|\bhow many (?:pills|tablets)\b[^。]{0,24}\b(?:die|overdose|kill|lethal|fatal|od)\b|\blethal dose\b|死ね(?:る|ます)(?:の|か|かな|って)?$|即死|確実に死|死ねる高さ|眠るように死|(?:自殺|死ぬ)(?:する)?なら[^。]{0,8}(?:何|どこ|どう|一番)|(?:自殺|死ん)で?も?[^。]{0,6}保険(?:金)?(?:って|は|が)?(?:降り|出る|おり|もらえ)/u },
  { id: 'si-death-talk', level: 'medium', category: 'suicidal-ideation', scope: 'self', thirdPartyDirect: true,
    pattern: /死ぬ(?:って|と)(?:言|いう|いっ)/u },
  { id: 'si-end-this', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /これで(?:全部)?終わりにする/u },
  { id: 'si-hoard', level: 'high', category: 'suicidal-ideation', scope: 'self',
    // means at hand (scale level 3)
    pattern: /(?:薬|睡眠薬|眠剤|市販薬|錠剤)(?:を|も|は|が)?[^。]{0,12}(?:集め|ため|貯め|溜め|すとっく|貯ま|溜ま|たまっ)|(?:薬|錠)[^。]{0,12}(?:買いだめ|買い溜め)|(?:確実な|死ねる)量|(?:睡眠薬|眠剤|市販薬|薬)[^。]{0,4}(?:[1-9]\d+|数十|何十)錠(?:ある|持って|手元|以上)|致死量[^。]{0,6}(?:用意|集め|ため|貯め)/u },
  { id: 'si-giveaway', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:大事|大切)な(?:もの|物)[^。]{0,8}(?:あげ|譲|渡し)|身辺整理/u },
  { id: 'si-completed', level: 'medium', category: 'suicidal-ideation', scope: 'self', thirdPartyDirect: true,
    // 「兄が自殺して」「飛び降りたらしい」: someone else's death; with no subject it stays medium to ask.
    pattern: /自殺(?:した(?![いく])|して|しちゃ)|飛び降りた(?:らしい|って)/u },

  // ── suicidal ideation, intent / plan / preparation / farewell: high ──
  { id: 'si-intent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:してから|したら|終わったら)死ぬ(?:$|つもり|から)|死ぬ(?:つもり|予定|決心|決意)|自殺(?:する(?:つもり|予定)|を決め|を決意)|死ぬ(?:と|って)決め|死ぬこと(?:に)?(?:した|決め)/u },
  { id: 'si-plan', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:死(?:ぬ|に)|自殺(?:の)?)(?:場所|日|時間|方法|手段)(?:を|は|も)?[^。]{0,4}(?:決め|調べ|しらべ|探|さが|検索|見つけ)|(?:死(?:ぬ|に)|自殺(?:の)?)(?:準備|用意)|死に場所|死ね(?:る|そうな)(?:場所|薬|とこ|ところ)|楽に死ねる|死ぬ(?:なら|には|ために)[^。]{0,10}(?:どこ|どう|何|橋|びる|屋上|薬|ろーぷ|方法)/u },
  { id: 'si-means-inquiry', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:何錠|何mg|何階|どこから|どうやったら|どうすれば|どうしたら)[^。]{0,10}死ね|(?:何錠|どれくらい)(?:飲め|のめ)ば/u },
  { id: 'si-note', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /遺書(?:を|は|も)?[^。]{0,6}(?:書|かい|用意|残|置|準備|でき)/u },
  { id: 'si-method-hang', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /首吊|\bhang (?:my ?self)\b|(?:^|今夜|今晩|今日|明日|もう)吊(?:る|ろう|ります)(?![しす下])/u, unless: /考え|想像|思い浮|頭に浮/u },
  { id: 'si-method-thought-hang', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    // 「首吊りのこと考えちゃう」: a method in thought, without intent or plan, is scale level 2
    pattern: /(?:首吊|飛び降り|過量服薬|練炭)[^。]{0,8}(?:考え|想像|思い浮|頭に浮)/u },
  { id: 'si-method-jump', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /飛び降り(?:る|よう|たい|たら)|(?:線路|電車|ほーむ|踏切|車)(?:に|へ|で)?飛び込(?:む|もう|みたい|んで)|飛び込(?:もう|みたい)/u },
  { id: 'si-jump-slang', level: 'high', category: 'suicidal-ideation', scope: 'future',
    // 「飛ぶ」 as slang for jumping, only with a height named in the message
    pattern: /(?:^|。|から|ここから)飛(?:ぶ|びます|んじゃ|ぼう|びたい)/u, requires: /屋上|橋|びる|ここから|何階|崖|まんしょん/u },
  { id: 'si-fall-wish', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /落ちたい|落ちようかな|落ちて死/u, requires: /べらんだ|屋上|橋|びる|窓|高い(?:ところ|とこ)|下(?:を)?見|何階|崖/u },
  { id: 'si-method-other', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /練炭[^。]{0,10}(?:買|用意|準備|購入|手に入れ|積ん|持って|置いて)|樹海に(?:行|いく|向か)|(?:薬|睡眠薬|眠剤|市販薬)[^。]{0,6}(?:飲んで|のんで)死|全部(?:飲|のむ)つもり|(?:薬|睡眠薬|眠剤|市販薬)(?:を|も)?(?:全部|ぜんぶ|まとめて|大量に|一気に)(?:飲|のむ)(?:つもり|予定|う|もう)/u },
  { id: 'si-od-intent', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /過量服薬(?:する|しよう|するため|しようと|するつもり)/u },
  { id: 'si-od-wish', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    // a wish with a method but no plan is scale level 2
    pattern: /過量服薬(?:したい|したく(?!な))/u },
  { id: 'si-plan-bare', level: 'high', category: 'suicidal-ideation', scope: 'future',
    // a plan without the word "die": 「方法も場所も決めた」「家族がいない週末にやる」「今夜決行」 alone
    pattern: /(?:方法|場所|日にち)(?:も|は)[^。]{0,8}決め(?:た|てある|ました)|^(?:もう)?(?:今夜|今晩|今日|明日)(?:こそ)?(?:決行|実行)(?:する|します)?(?:ね|わ)?$|^(?:もう)?(?:今夜|今晩)(?:こそ)?やる(?:ね|わ|よ)?$/u,
    // the bare 「明日決行」 only as the whole message (「明日決行！大掃除するぞ」 is not)
    requires: /^[^。]*$|方法|場所|日にち/u },
  { id: 'si-plan-dated', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /(?:曜|夜|日|朝|時)(?:の夜)?に(?:決行|実行)(?:する|します)/u, unless: /掃除|いべんと|らいぶ|計画|引っ越|ぱーてぃ|飲み会|会議|作戦|だいえっと/u },
  { id: 'si-plan-absent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    // 「家族が旅行でいない週末にやるつもり」: waiting for the house to be empty (the 旅行 is theirs)
    pattern: /いない(?:間|うち|週末|日|夜)に(?:やる|実行|決行)/u },
  { id: 'si-farewell-final', level: 'high', category: 'suicidal-ideation', scope: 'self',
    // goodbyes that leave no future: 「探さないで」「先に行くね」「明日の朝には私はいない」
    pattern: /探さないで|もう会えない(?:けど|から)[^。]{0,4}忘れないで|(?:私|わたし|僕|俺|自分)のこと(?:は|を)?忘れて(?!ない|た)|最後に[^。]{0,6}(?:声|顔)(?:が|を)(?:聞き|見)たかった|先に(?:行く|死ぬ)(?:ね|から|わ)|生まれ変わったら(?:また|今度は)?[^。]{0,10}(?:話|会|聞い|よろしく)|(?:この|今日の)?(?:line|ちゃっと|会話|やりとり|めっせーじ)(?:も|は)(?:今日|今夜)?で?最後|(?:明日|月曜|朝|その頃)[^。]{0,8}には(?:もう)?(?:私|わたし|僕|俺|自分)(?:は|が|も)?(?:もう)?(?:いない|居ない)|もう(?:私|わたし|僕|俺|自分)(?:は)?(?:いない|居ない)(?:ので|から|。|$)/u,
    unless: /引っ越|転勤|退職|卒業|異動|転校|機種変/u },
  { id: 'si-farewell-family', level: 'high', category: 'suicidal-ideation', scope: 'self',
    // thanks and sorry addressed to family in the chat: 「お母さん、ありがとう。ごめんね」
    pattern: /(?:お母さん|お父さん|おかあさん|おとうさん|母さん|父さん|まま|ぱぱ|みんな|家族)(?:へ|に)?(?:今まで)?(?:ありがとう|ごめんね|ごめんなさい)/u,
    requires: /ありがと[^]*ごめん|ごめん[^]*ありがと|さよ(?:う)?なら/u,
    unless: /遅くなって|遅れて|遅刻|ばいと|卒業|転校|引っ越/u },
  { id: 'si-entrust', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    // handing over what one cares for: 「猫をよろしくお願いします」「暗証番号をメモに書いて置いた」
    pattern: /(?:猫|ねこ|犬|いぬ|ぺっと|うさぎ|子ども|子供|家族|母|父|妹|弟)(?:の(?:こと|世話|散歩))?(?:を|は|も)?(?:よろしく(?:お願い|たの|頼)|(?:お願い|頼み)(?:します|ね)[^。]{0,2}(?:$|。)|[^。]{0,12}代わりに(?:頼|お願い))|(?:暗証番号|通帳|ぱすわーど|印鑑)[^。]{0,12}(?:書い|置い|まとめ|渡し)|みんなに(?:よろしく|ありがとうって)|もう(?:二度と)?連絡(?:しない|しません)(?:ね|から)?$/u,
    unless: /旅行|出張|留守|帰省|入院|実家|泊まり/u },
  { id: 'si-farewell', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /今まで(?:本当に|ほんとに|ほんと)?(?:ありがと|お世話に)|最後に(?:誰か|だれか|あなた|君|きみ)?(?:と|に)?(?:話|会い|伝え|声を)|思い残すこと(?:は|も)?(?:ない|無い)|(?:誰|だれ)にも迷惑(?:を)?かけない|最後の(?:めっせーじ|連絡|言葉)|これが最後|お別れ(?:の)?(?:めっせーじ|手紙|連絡|挨拶|を)|別れを告げ|死ぬ前に[^。]{0,8}(?:話|会い|伝え|謝|ありがと|声)|最後に[^。]{0,12}(?:伝えて|ありがと|よろしく)|(?:ありがとう|ごめん(?:ね|なさい)?|愛してる|大好き)(?:って|と)伝えて|(?:^|。)(?:もう)?(?:今夜|今日)で最後(?:にする|にします|だから)|\bgoodbye everyone\b|\bthis is goodbye\b/u,
    // 「今までありがとうございました、来月引っ越します」: a goodbye with a future is not a farewell
    unless: /引っ越|転勤|退職|卒業|異動|転校|伝えた|言われ|最後の日|これからも|また(?:ね|会|話|連絡)|来月|来週|来年|新しい(?:職場|学校)/u },
  { id: 'si-ending', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:人生|全部|すべて|全て|何もかも|命)(?:を)?(?:終わりにする|終わらせる)|(?:今夜|今日)で(?:全部)?終わり/u },

  // ── suicidal ideation, act under way / means in hand now: imminent ──
  { id: 'si-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /今から[^。]{0,6}(?:死|飛び降り|飛び込|首吊|自殺)|今から(?:線路|踏切)に(?:入|立|行)|今から(?:飛(?:ぶ|びます|ぼう)|消え)|(?:もう|今|いま|これから)死にます|(?:今|いま)[^。]{0,4}(?:飛び降り|飛び込|首吊)(?:る|ます)/u },
  { id: 'si-at-edge-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:今|いま)[^。]{0,6}(?:屋上|橋の上|びるの上|崖|線路|踏切)(?:に|で)?(?:いる|います|立って|来た|来て|着いた|$)|(?:柵|手すり|ふぇんす)の(?:外|向こう)(?:に|側に)?(?:いる|立|出)|(?:柵|手すり|ふぇんす)(?:を)?(?:乗り)?越え|手を離す(?:だけ)|屋上の(?:端|ふち)|(?:線路|踏切)(?:の上|の中)?(?:に|で)(?:いる|立って|寝て|座って)/u },
  { id: 'si-at-place', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    // at a height, water or the tracks, with a sign of why: 「ホームの端に立ってる。次の快速で」
    // 「ダムに来てる、一人で。ここでいいや」「10階の廊下から下見てる。もう無理」
    pattern: /(?:歩道橋|橋|屋上|線路|ほーむ|踏切|崖|だむ|樹海|海|川|湖|びる|まんしょん|\d+階|べらんだ|窓|柵)(?:の(?:上|前|端|入口|ふち|そば|近く|廊下))?(?:に|で|へ)?(?:いる|います|来てる|来た|来ました|着いた|立って|座って)|(?:歩道橋|橋|屋上|崖|だむ|樹海)の(?:上|端|入口|ふち)$|(?:歩道橋|橋|屋上|ほーむ|崖|\d+階|べらんだ|窓|廊下)[^。]{0,6}から[^。]{0,10}見(?:て|下ろ)/u,
    requires: /下の(?:川|道|線路)|深そう|冷た|高い|飛んだら|疲れた|限界|つらい|しんどい|助けて|苦しい|飛ぼう|次の(?:電車|快速|特急|急行)|遮断機|ここでいい|ここで(?:終わ|死)|帰らない|もう(?:無理|むり)|車を降り|手を離|樹海/u },
  { id: 'si-at-height', level: 'high', category: 'suicidal-ideation', scope: 'act',
    // being at a height, a bridge or the tracks is itself worth a person's look (issue 13: 「屋上にいる」)
    pattern: /(?:屋上|歩道橋|橋|崖|線路|踏切|樹海|だむ|ほーむの端|(?:びる|まんしょん)の(?:上|屋上))(?:の(?:上|前|ふち|近く|そば))?(?:に|で)(?:いる|います|来てる|来た|来ました|着いた|立って|座って)/u },
  { id: 'si-at-edge-bare', level: 'high', category: 'suicidal-ideation', scope: 'act',
    // 「屋上にいる」 as a whole sentence, with nothing that makes it a lunch break
    pattern: /^(?:今|いま)?(?:屋上|橋の上|線路|踏切|崖|樹海)(?:に|で)(?:いる|います|来た|来てる|来ました)(?:よ|の)?$/u },
  { id: 'si-no-return', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /もう(?:家に|家には|二度と)?(?:帰らない|戻らない|戻れない)|二度と(?:帰らない|戻らない)/u, requires: /海|川|樹海|山|崖|橋|だむ|湖|線路/u },
  { id: 'si-height-access', level: 'medium', category: 'suicidal-ideation', scope: 'future',
    // 「屋上の鍵が開いてるの知ってる。明日行く」 (with a time, esc:ideation+plan makes it high)
    pattern: /(?:屋上|非常階段)(?:の)?(?:鍵|扉|どあ)[^。]{0,8}(?:開いて|空いて|開け|壊れ)/u },
  { id: 'si-watch-trains', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /何本も(?:の)?電車(?:を)?見送って|電車(?:を)?(?:何本も|ずっと)見送って|線路(?:を)?(?:ずっと)?見て(?:いると|ると|たら|いたら)|(?:電車|線路)に吸い込まれ(?:そう|たく)/u },
  { id: 'si-water-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:川|海|湖)に(?:入った|入って(?:る|いる)|入りました)/u, requires: /(?:膝|腰|胸|首)まで|戻らない|帰らない/u },
  { id: 'si-sealed-room', level: 'high', category: 'suicidal-ideation', scope: 'future',
    // sealing a room is the charcoal method's preparation
    pattern: /目張り|(?:窓|どあ|隙間)(?:を|に)?[^。]{0,4}(?:がむてーぷ|てーぷ)(?:で)?(?:塞|ふさ|貼)/u },
  { id: 'si-sealed-room-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /目張り(?:した|して|終わ)/u, requires: /もうすぐ|今から|これから|火/u },
  { id: 'si-pills-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /今から(?:飲|のむ)|(?:全部|ぜんぶ)(?:出して|並べ)/u, requires: /(?:薬|錠)[^]{0,16}(?:全部|ぜんぶ|大量|並べ)|[1-9]\d+錠/u },
  { id: 'si-swallowed-distress', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    // 「飲んだ。苦しい。たすけて」: a bare "I took it" with distress
    pattern: /^(?:もう)?(?:薬)?(?:飲ん|のん)(?:だ|じゃった)$/u, requires: /苦し|たすけて|助けて|ふらふら|意識|気持ち悪/u },
  { id: 'si-blade-room', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:包丁|ないふ|かったー|刃物|かみそり|剃刀)(?:を)?(?:持って|もって)[^。]{0,6}(?:風呂|浴室|といれ)(?:場)?(?:に|で)(?:いる|こも)/u },
  { id: 'si-od-done', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /過量服薬(?:した(?![いく])|しちゃ|しまし|してしまっ|してる|中)|(?:薬|睡眠薬|眠剤|市販薬|錠剤)(?:を|も)?(?:全部|ぜんぶ|まとめて|大量に|一気に|たくさん|いっぱい|山ほど)(?:飲ん|のん|飲み|のみ)(?:だ|じゃ|まし|で)|(?:全部|ぜんぶ|まとめて|大量に|一気に|いっぱい)(?:飲ん|のん)(?:だ|じゃ)/u },
  { id: 'si-pills-taken', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    // 「もう飲んじゃった。ブロン全部」: the drug and "all" may sit in the next sentence.
    pattern: /(?:飲ん|のん)(?:だ|じゃ)/u, requires: /(?:市販薬|睡眠薬|眠剤|錠)[^]{0,12}(?:全部|ぜんぶ|大量)|(?:全部|ぜんぶ|大量)[^]{0,12}(?:市販薬|睡眠薬|眠剤)/u },
  { id: 'si-pill-count', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    // 「睡眠薬50錠飲んだ」: ten or more tablets already taken; 「風邪薬3錠」 is an ordinary dose.
    pattern: /(?:[1-9]\d+|[一二三四五六七八九]?[十百][一二三四五六七八九十]*)錠(?:も|くらい|ぐらい|ほど)?(?:飲ん|のん|飲み|のみ)(?:だ|じゃ|まし)|(?:飲ん|のん)(?:じゃった|だ)[^。]{0,8}(?:[1-9]\d+|数十|何十)錠/u },
  { id: 'si-hang-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:ろーぷ|縄|紐|ひも|こーど|べると)(?:を)?[^。]{0,4}(?:かけ|掛け)(?:た|てる|ている)|首に(?:ろーぷ|紐|ひも|こーど|縄|べると)|首吊(?:ろうとして|って(?:る|いる))|首吊る(?:とこ|ところ)/u },
  { id: 'si-charcoal-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /練炭に火|練炭(?:を)?(?:焚|たい|つけ)/u },
  { id: 'si-blade-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:包丁|ないふ|かったー|刃物|かみそり|剃刀)(?:を)?(?:手首|首|腕|お腹)に(?:あて|当て|向け)/u },

  // ── prior attempt: medium alone, high with current ideation (escalation) ──
  { id: 'si-prior-attempt', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /自殺未遂|未遂(?:した|して|歴|を)|(?:過量服薬|飛び降り|首吊|自殺|手首を?切)[^。]{0,10}(?:運ばれ|止められ|助かっ|失敗|入院|救急車|したこと|ことが?ある)/u },

  // ── self-harm ──
  { id: 'sh-act', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /自傷(?:した|して|しちゃ|しまし|してしまっ|してる|が(?:やめ|止め)|を(?:やめ|止め)|やめ|癖|しそう|したい|の衝動|衝動|行為|が止まらない)|自傷(?!の?(?:跡|痕|傷跡))/u },
  { id: 'sh-cut', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /(?:腕|うで|手首|太もも|太腿|ふともも|足|脚|自分)(?:を|も)?(?:切っ|切り|切る|切ろう|きっ)/u },
  { id: 'sh-cut-bare', level: 'medium', category: 'self-harm', scope: 'self',
    // a bare 切った only counts with signs of depth or bleeding (髪/指/爪/電話/縁 excluded)
    pattern: /(?<![髪指爪縁紙話をにがでも])(?:切った|切っちゃった|切ってる|切ってしまった)/u, requires: /深く|深い|縫(?:う|わ|っ)|血|腕|手首|太もも|ふともも|脚/u },
  { id: 'sh-urge', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /切りたい衝動|切りたくなる|(?:腕|手首|自分)を?切りたい|傷つけたくなる|自分を傷つけ(?:たい|たく|て|る|ちゃ)/u },
  { id: 'sh-other', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /根性焼き|(?:頭|体)を?(?:壁|床|机)に(?:打ちつけ|打ち付け|ぶつけ)|壁を殴って|(?:手|拳)が血だらけ|自分を(?:殴|叩)/u },
  { id: 'sh-more', level: 'medium', category: 'self-harm', scope: 'self',
    // 「血が出るまで」「切ったら楽になった」「だから切る」, alcohol with pills, a recent OD
    pattern: /(?<!鼻)血が出るまで|(?:切っ|切る)(?:たら|と)[^。]{0,6}(?:楽|すっきり|落ち着|生きて)|だから切る|(?:お?酒|あるこーる)(?:と|で)(?:薬|睡眠薬|眠剤)[^。]{0,8}(?:飲|のむ)|(?:薬|睡眠薬|眠剤)(?:を)?(?:お?酒)で(?:飲|流し)|過量服薬(?:った|っちゃった)|(?:\d+日前|昨日|きのう|おととい|先週)(?:に)?過量服薬/u },
  { id: 'sh-cut-now', level: 'imminent', category: 'self-harm', scope: 'act',
    pattern: /^(?:今|いま)(?:切って(?:る|いる)|切ってます)$/u },
  { id: 'sh-burn-pills', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /たばこ(?:を)?(?:腕|手|足)に(?:押し付け|押しつけ)|自分(?:に|で)?[^。]{0,6}(?:火傷|やけど)させ|血を見ると(?:落ち着|安心)|(?:薬|錠)(?:を)?(?:多め|いつもより多く|倍)(?:に)?(?:飲ん|のん)/u },
  { id: 'sh-scars', level: 'low', category: 'self-harm', scope: 'plain',
    pattern: /自傷の?(?:跡|痕|傷跡)|(?:手首|腕)の(?:傷|跡|痕)/u },

  // ── abuse of a child ──
  { id: 'abuse-violence', level: 'high', category: 'abuse', scope: 'victim',
    pattern: new RegExp(`${CAREGIVER}(?:に|から)[^。]{0,16}(?:${VIOLENCE_DONE_TO_ME})`, 'u') },
  { id: 'abuse-named', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /虐待(?:されて|を受けて|うけて|されてる|されている|されそう)|(?:性的|性)虐待|からの虐待|虐待(?:で|から)(?:逃げ|家出)/u },
  { id: 'abuse-confined', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /(?:べらんだ|外|押し入れ|物置|家の外)に(?:出され|閉じ込められ|締め出され|追い出され)|(?:外|家)(?:に|から)?出して(?:もらえない|くれない)/u, requires: new RegExp(CAREGIVER, 'u') },
  { id: 'abuse-rage', level: 'medium', category: 'abuse', scope: 'victim',
    pattern: new RegExp(`${CAREGIVER}(?:が|は)[^。]{0,12}(?:暴れ|物を投げ|怒鳴り(?:散ら|つけ))`, 'u') },
  { id: 'abuse-raised-with', level: 'medium', category: 'abuse', scope: 'victim',
    pattern: /(?:いらない|いなくなれ|生まれてこなければ|死ね|消えろ|産まなきゃ)[^。]{0,4}(?:って|と)(?:言われて育|言われ続け)/u },
  { id: 'abuse-home-violence', level: 'high', category: 'abuse', scope: 'victim',
    // 「家に帰りたくない、叩かれる」 or 「お父さんがこわい。夜になるとなぐってくる」
    pattern: /(?:殴られ|叩かれ|蹴られ|殴って(?:くる|きた)|蹴って(?:くる|きた)|叩いて(?:くる|きた))|暴力(?:を)?(?:振る|ふる)|(?:叩く|たたく|殴る|蹴る|ぶつ)(?:。|$|し|から|の)/u,
    requires: new RegExp(`家に帰(?:ると|りたくない|るのが)|帰りたくない|帰るのが(?:怖|こわ)|${CAREGIVER}(?:が|は)`, 'u') },
  { id: 'abuse-neglect', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /(?:ご飯|ごはん|食事)(?:を)?(?:もらえない|食べさせてもらえない|作ってもらえない|くれない)/u },
  { id: 'abuse-by-me', level: 'high', category: 'abuse', scope: 'plain',
    pattern: /子(?:ども|供)(?:を|に)(?:叩|殴|蹴|怒鳴|手をあげ|手を上げ)(?:いて|って)?しま|子(?:ども|供)を虐待|(?:赤ちゃん|子ども|子供|息子|娘)[^。]{0,14}(?:投げつけ|叩き|殴り|首を?絞め|手を上げ|手をあげ)(?:そう|たく)/u },
  { id: 'abuse-emotional', level: 'medium', category: 'abuse', scope: 'victim',
    pattern: new RegExp(`${CAREGIVER}(?:に|から)[^。]{0,14}(?:いらない|いなくなれ|生まれてこなければ|生まれてこなきゃ|死ね|消えろ)(?:って|と)[^。]{0,4}(?:言われ|いわれ)`, 'u') },
  { id: 'abuse-intrusion', level: 'high', category: 'abuse', scope: 'victim',
    // a parent's partner or step-parent entering the child's room/bed at night
    pattern: /(?:(?:まま|母親|母|お母さん)の(?:彼氏|恋人|再婚相手)|義父|継父|おじさん)(?:が|に)[^。]{0,12}(?:部屋に入って|布団に入って|触|さわ|裸|お風呂|覗)/u },
  { id: 'abuse-verbal', level: 'medium', category: 'abuse', scope: 'victim',
    pattern: new RegExp(`${CAREGIVER}(?:に|から)[^。]{0,8}(?:怒鳴られ|暴言)`, 'u') },
  { id: 'abuse-sexual', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /(?:体|からだ|胸|お尻|下着)(?:を)?(?:触|さわ)られ|無理やり(?:され|やられ)|性的な(?:こと|事)をされ/u },

  // ── DV ──
  { id: 'dv-violence', level: 'high', category: 'dv', scope: 'victim',
    pattern: new RegExp(`${PARTNER}(?:に|から)[^。]{0,16}(?:${VIOLENCE_DONE_TO_ME})`, 'u') },
  { id: 'dv-threat', level: 'high', category: 'dv', scope: 'victim',
    // 「夫が『出ていったら殺す』って」: a partner's threat to kill
    pattern: new RegExp(`${PARTNER}(?:が|は|に|から)[^。]{0,16}殺す(?:って|と|ぞ|から|$)`, 'u') },
  { id: 'dv-breakup-threat', level: 'high', category: 'dv', scope: 'victim',
    pattern: /別れ(?:たい|る|よう)(?:って)?(?:言|いっ)[^。]{0,10}(?:死ぬ|殺す)/u },
  { id: 'dv-named', level: 'high', category: 'dv', scope: 'victim',
    pattern: new RegExp(`${PARTNER}の?(?:暴力|dv|でぃーぶい)|dv(?:を)?(?:受け|され)`, 'u') },
  { id: 'dv-partner-hits', level: 'high', category: 'dv', scope: 'victim',
    pattern: /(?:殴られ|叩かれ|蹴られ|殴って(?:くる|きた)|蹴って(?:くる|きた)|叩いて(?:くる|きた))/u, requires: new RegExp(`${PARTNER}(?:が|は|に)`, 'u') },
  { id: 'dv-control', level: 'medium', category: 'dv', scope: 'victim',
    pattern: /もらはら|暴言|束縛|(?:携帯|すまほ|らいん|めーる)(?:を)?(?:全部)?(?:ちぇっく|見られ)|会うなって|会うと怒られ|お金を?(?:渡して|くれ)ない|経済的(?:に|な)|罵倒|ののし|怒鳴(?:る|られ)|物を投げ|(?:から)?逃げ(?:て|たい)|しぇるたー|(?:怖|こわ)くて(?:家に)?帰れない|生活費(?:を)?(?:くれ|渡さ)|お金を?[^。]{0,4}管理され|暴れ|死ね(?:って|と)[^。]{0,4}(?:言われ|いわれ)|(?:お前|おまえ)(?:なんか|なんて)/u,
    requires: new RegExp(PARTNER, 'u') },
  { id: 'en-dv', level: 'high', category: 'dv', scope: 'victim',
    pattern: /\b(?:husband|boyfriend|partner|wife|girlfriend|bf|gf|ex)\b[^。]{0,8}\b(?:hits|hit|beats|beat|chokes|choked|strangled|kicks|kicked|hurts|threatens|threatened)\b|\b(?:husband|boyfriend|partner|he|she)\b[^。]{0,16}\bkill me\b/u },
  { id: 'pt-dv', level: 'high', category: 'dv', scope: 'victim',
    pattern: /(?:marido|namorado|companheiro|\bex\b)[^。]{0,10}(?:me bate|me bateu|me agride|me agrediu|(?:vai|quer|disse que vai|ameaçou) me matar)/u },

  // ── bullying ──
  { id: 'bully-named', level: 'medium', category: 'bullying', scope: 'victim',
    pattern: /いじめ(?:られ|に(?:あ|遭)|を受け|のせい|がつら|で)|(?:くらす|学校|部活|ぐるーぷ|職場)[^。]{0,10}(?:悪口|陰口)(?:を)?(?:言われ|書かれ)|(?:靴|上履き|教科書|物|持ち物)(?:を)?(?:隠され|捨てられ|壊され)|仲間(?:外れ|はずれ)|はぶられ|晒され|さらされ|陰口を?(?:言われ|たたかれ)|死ね(?:って|と)(?:言われ|いわれ|書かれ|こめんとされ)/u },
  { id: 'bully-ignored', level: 'medium', category: 'bullying', scope: 'victim',
    pattern: /(?<!既読)無視され/u, requires: /学校|くらす|職場|部活|みんな|ずっと|クラス/u },
  { id: 'bully-extortion', level: 'medium', category: 'bullying', scope: 'victim',
    pattern: /(?:先輩|同級生|くらすめいと|部活|学校|友達)[^。]{0,8}(?:金|お金)(?:を)?(?:取られ|とられ|巻き上げ|払わされ)|裸の(?:写真|動画)(?:を)?(?:撮られ|送らされ|拡散|晒)/u },
  { id: 'bully-violence', level: 'medium', category: 'bullying', scope: 'victim',
    pattern: /(?:先輩|同級生|くらすめいと|部活|学校|職場|上司|同僚)(?:に|で|から)[^。]{0,6}(?:殴|叩|蹴)られ/u },

  // ── harm to others ──
  { id: 'hto-threat', level: 'medium', category: 'harm-to-others', scope: 'threat',
    pattern: /殺してやる|ぶっ殺|ぶち殺|(?:(?<!自)殺し|刺し|燃やし|火をつけ)に(?:行|いく)|(?:刺|殴|ぶん殴)してやり?たい|刺してやる|刺したい|(?<!自)殺す(?:から|ぞ(?!って)|しかない|つもり|$)|(?<!自)殺したい(?!くらい|ほど|ぐらい)|(?:火を?(?:つけ|付け|放)|放火し|燃やし)て?(?:やる|やりたい)/u },
  { id: 'hto-vent', level: 'low', category: 'harm-to-others', scope: 'threat',
    pattern: /殺したい(?:くらい|ほど|ぐらい)|(?:あいつ|上司|奴|やつ|あの人)[^。]{0,4}死ね(?!って|と)/u },
  { id: 'hto-armed-grievance', level: 'high', category: 'harm-to-others', scope: 'threat',
    pattern: /(?:ないふ|包丁|刃物|凶器|灯油|がそりん)(?:を|も)?(?:買|用意|持って|手に入れ)[^。]{0,20}(?:許さない|許せない|復讐|仕返し|殺)|(?:許さない|許せない|復讐|仕返し)[^。]{0,20}(?:ないふ|包丁|刃物|凶器)/u },

  // ── other urgent danger ──
  { id: 'od-no-shelter-tonight', level: 'high', category: 'other-danger', scope: 'plain',
    pattern: /(?:今夜|今晩|今日)(?:は|も)?[^。]{0,6}(?:泊まる|寝る|帰る|住む|行く)(?:ところ|所|場所|家|とこ)(?:が|も)?(?:ない|無い)|どこで寝れば|(?:家|部屋|寮)(?:を|から)?追い出され|野宿|路上で寝/u },
  { id: 'od-evicted-today', level: 'high', category: 'other-danger', scope: 'plain',
    pattern: /追い出され|(?:行く|泊まる|寝る)(?:とこ|ところ|場所)(?:が|も)?(?:ない|無い)/u,
    requires: /(?:今日|今夜|今晩)[^]{0,20}(?:追い出され|(?:行く|泊まる|寝る)(?:とこ|ところ|場所)(?:が|も)?(?:ない|無い))|追い出され[^]{0,20}(?:今日|今夜|今晩|(?:行く|泊まる|寝る)(?:とこ|ところ|場所)(?:が|も)?(?:ない|無い))/u },
  { id: 'od-evicted', level: 'medium', category: 'other-danger', scope: 'plain',
    pattern: /追い出され|(?:行く|泊まる)(?:とこ|ところ|場所)(?:が|も)?(?:ない|無い)/u },
  { id: 'od-no-shelter', level: 'medium', category: 'other-danger', scope: 'plain',
    pattern: /(?:泊まる|寝る|住む)(?:ところ|所|場所|とこ)(?:が|も)?(?:ない|無い)|(?:住む|帰る)家が(?:ない|無い)/u },
  { id: 'od-no-food', level: 'medium', category: 'other-danger', scope: 'plain',
    pattern: /何日も(?:何も|なにも|ご飯|ごはん)?(?:食べて(?:い)?ない)|\d+日(?:間)?(?:も)?(?:何も|なにも|ご飯|ごはん)?食べて(?:い)?ない|(?:何も|なにも)食べ(?:て|られて)(?:い)?ない|(?:\d+日|何日|一?週間|\d+週間)[^。]{0,4}(?:まともに|ろくに)?(?:食べて|ご飯食べて)(?:い)?ない/u },
  { id: 'od-loan-shark', level: 'medium', category: 'other-danger', scope: 'plain',
    pattern: /闇金|やみ金|やみきん|取り立て|借金取り/u, requires: /脅|殺|家に来|押しかけ|取り立て|怖|こわ|怒鳴/u },
  { id: 'od-threatened', level: 'high', category: 'other-danger', scope: 'plain',
    pattern: /殺す(?:ぞ)?(?:って|と)(?:言われ|脅)|(?:家|職場)に(?:来て|押しかけ)[^。]{0,10}(?:殺|脅)/u,
    requires: /闇金|やみ金|取り立て|借金|知らない人|すとーかー/u },
  { id: 'od-stalker', level: 'medium', category: 'other-danger', scope: 'plain',
    pattern: /すとーかー|待ち伏せ|つけられ(?:て|た)|つきまとわれ/u },
  { id: 'od-stalker-now', level: 'high', category: 'other-danger', scope: 'plain',
    pattern: /(?:今|いま)(?:も)?[^。]{0,6}(?:外|家の前|玄関|近く)に(?:いる|いて)|(?:外|家の前|玄関)で待って/u, requires: /すとーかー|待ち伏せ|つけられ|つきまとわれ|知らない人/u },
  { id: 'od-utilities', level: 'medium', category: 'other-danger', scope: 'plain',
    pattern: /(?:電気|がす|ガス|水道)(?:も|が)?[^。]{0,6}止められ/u },
  { id: 'od-carer', level: 'medium', category: 'other-danger', scope: 'plain',
    pattern: /介護[^。]{0,14}(?:限界|一睡も|寝てない|寝られてない|眠れてない|手をあげ)/u },

  // ── English ──
  { id: 'en-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /\b(?:want|wanna|wants|wanted|wish|ready|going|gonna|plan|planning|thinking about|think about|thought about|thoughts of|thinking of)\b[^。]{0,12}\b(?:to )?(?:die|dying|be dead|kill(?:ing)? (?:my ?self)|end(?:ing)? (?:my life|it all|everything|it(?! with| between| off))|commit(?:ting)? suicide|suicide)\b/u },
  { id: 'en-feel-dying', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /\bfeel(?:ing)? like (?:dying|killing myself|ending it)\b/u },
  { id: 'en-no-live', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /\b(?:dont|do not|no longer) want to (?:live|be alive|go on)\b|\bcant go on\b/u },
  { id: 'en-means-ready', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /\b(?:have|got|bought|saved|collected|stockpiled|hoarding|ready)\b[^。]{0,12}\b(?:pills|tablets|rope|gun)\b|\b(?:pills|tablets|rope|gun)\b[^。]{0,6}\bready\b/u, requires: /\bcant (?:do this|go on|take)\b|\banymore\b|\bdie\b|\bend\b|\bsuicid/u },
  { id: 'en-suicide', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /\bkill(?:ing)? ?my ?self\b|\bend(?:ing)? my (?:own )?life\b|\btake my (?:own )?life\b|\bsuicid(?:e|al)\b|\bkms\b|\bunalive\b/u },
  { id: 'en-intent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /\b(?:im|i am|i will|ill)(?: going to| gonna)?\b[^。]{0,4}\b(?:kill myself|end my life|end it all|take my life)\b/u },
  { id: 'en-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /\bwish i (?:could )?(?:disappear|vanish|not wake up|wasnt born|was never born|were dead|was dead|could sleep forever)\b|\bdont want to (?:wake up|exist|be alive|be here anymore)\b|\b(?:want to|wanna) disappear\b|\bbetter off without me\b|\bdont want to be here\b/u },
  { id: 'en-more', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /\bbetter off dead\b|\bno reason to (?:live|go on)\b|\bwant it (?:all )?to end\b|\b(?:took|swallowed) too many (?:pills|meds|tablets)\b/u },
  { id: 'en-hoard', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /\b(?:saving|stockpiling|hoarding|collecting) (?:up )?(?:my |all my )?(?:pills|meds|tablets)\b/u },
  { id: 'en-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /\bself ?harm(?:ing|ed)?\b|\bcut(?:ting)? again\b|\b(?:thinking about|want to|wanna|urge to) (?:cut|cutting)\b|\bcut(?:ting)? (?:my ?self|my (?:wrists?|arms?|legs?))\b|\bhurt(?:ing)? myself\b|\bburn(?:ing|ed)? myself\b/u },
  { id: 'en-overdose-taken', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /\b(?:took|taken|swallowed)\b[^。]{0,12}(?:\boverdose\b|過量服薬|\ball (?:of )?(?:my |the )?(?:\w+ )?(?:pills|tablets|meds|medication)\b|\b\d{2,} (?:pills|tablets)\b|\b(?:a|the) (?:whole )?bottle\b|\bbunch of (?:pills|tablets)\b)|\boverdosed\b/u },
  { id: 'en-jump', level: 'high', category: 'suicidal-ideation', scope: 'future',
    pattern: /\b(?:going to|gonna|will|about to|want to)\s(?:just )?jump\b/u, requires: /\b(?:roof|rooftop|bridge|ledge|building|cliff|off)\b/u },
  { id: 'en-at-edge-now', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /\b(?:on|at) (?:the|a) (?:roof|rooftop|bridge|ledge|edge|tracks|cliff)\b/u, requires: /\bnow\b|\bjump\b|\bend it\b/u },
  { id: 'en-at-height', level: 'high', category: 'suicidal-ideation', scope: 'act',
    pattern: /^(?:im|i am) (?:on|at) (?:the|a) (?:roof|rooftop|bridge|ledge|edge|tracks|cliff)$/u },
  { id: 'en-abuse', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /\b(?:mom|mum|mother|dad|father|parents?|stepdad|stepmom|stepfather)\b[^。]{0,6}\b(?:hits|hit|beats|beat|kicks|hurts|abuses|abused)\b/u },

  // ── Chinese ──
  { id: 'zh-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?<!不)想死|不想活|活够了|活夠了|死了算了|一了百了|不如死了|遗书|活不下去|活着没意思|活著沒意思|(?:想|要|去)自(?:杀|殺)|自杀|轻生|輕生|结束(?:自己的)?生命|結束(?:自己的)?生命|想去死/u },
  { id: 'zh-method', level: 'medium', category: 'suicidal-ideation', scope: 'future',
    pattern: /跳楼|跳樓|跳河|上吊|烧炭|燒炭|吃安眠(?:药|藥)/u },
  { id: 'zh-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /想消失|不想醒来|不想醒來|不想存在/u },
  { id: 'zh-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:吃|服)多少[^。]{0,8}(?:会|會)死|怎么死|怎麼死|怎样自杀|怎樣自殺|怎么自杀|怎麼自殺/u },
  { id: 'zh-at-height', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:现在|現在)[^。]{0,4}在(?:天台|楼顶|樓頂|桥上|橋上)|在(?:天台|楼顶|樓頂)[^。]{0,6}(?:跳|往下看)/u },
  { id: 'zh-overdose-taken', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:吃|吞)了[^。]{0,8}(?:一整瓶|整瓶|一瓶|很多|好多|一把|几十|幾十|\d{2,})[^。]{0,4}(?:药|藥|片|安眠)|(?:药|藥)全(?:吃|吞)了|(?:药|藥)(?:都)?吃光了/u },
  { id: 'zh-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /割腕|自残|自殘|伤害自己|傷害自己|割手/u },

  // ── Korean ──
  { id: 'ko-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /죽고\s?싶(?!지\s?않)|뛰어내리(?:고\s?싶|려고)|뛰어내릴|목을\s?매|죽어\s?버리고\s?싶|살기\s?싫|살고\s?싶지\s?않|자살|목숨을\s?끊|죽을래/u },
  { id: 'ko-intent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /자살할\s?(?:거|것|꺼|예정)|죽을\s?거야|죽어\s?버릴\s?거/u },
  { id: 'ko-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /사라지고\s?싶|없어지고\s?싶|눈\s?(?:안\s?떴|안\s?뜨|뜨지\s?않았)으면|깨지\s?않았으면/u },
  { id: 'ko-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /죽는\s?방법|어떻게\s?죽|안\s?아프게\s?죽|자살\s?방법/u },
  { id: 'ko-note', level: 'high', category: 'suicidal-ideation', scope: 'self', pattern: /유서/u },
  { id: 'ko-at-height', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:지금|이제)\s?(?:옥상|다리\s?위|난간)(?:에|위에)/u },
  { id: 'ko-dv', level: 'high', category: 'dv', scope: 'victim',
    pattern: /(?:남편|남자\s?친구|남친|아내)(?:이|가|한테)?[^.。]{0,8}(?:때렸|때려|때린|폭력)/u },
  { id: 'ko-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /자해|손목을?\s?(?:그었|긋|그어)/u },

  // ── Vietnamese ──
  { id: 'vi-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /muốn chết|muốn tự tử|nhảy (?:cầu|lầu|sông)|thắt cổ|tự tử|tự sát|không muốn sống|chẳng muốn sống|hết muốn sống|kết liễu (?:đời|cuộc đời|bản thân)|nghĩ (?:đến|tới) (?:cái chết|chuyện chết)/u },
  { id: 'vi-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /ngủ (?:luôn )?(?:không|chẳng) (?:dậy|tỉnh)|muốn biến mất|không muốn thức dậy/u },
  { id: 'vi-overdose-taken', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /uống hết (?:thuốc|cả lọ|cả vỉ)|uống cả (?:lọ|vỉ) thuốc/u },
  { id: 'vi-abuse', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /(?:chồng|bạn trai)[^。]{0,10}(?:đánh|đập)|chủ (?:đánh|đập)|giữ hộ chiếu/u },
  { id: 'vi-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /tự làm hại|tự hại bản thân|tự làm đau|cắt tay|rạch tay|cứa tay/u },

  // ── Portuguese ──
  { id: 'pt-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:quero|queria) morrer|vontade de morrer|me matar|suic[ií]dio|suicidar|tirar (?:a )?minha (?:própria )?vida|acabar com (?:a )?minha vida|não (?:quero|aguento) mais viver|pular da ponte|me enforcar/u },
  { id: 'pt-intent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /vou me matar|vou (?:me )?suicidar|vou tirar (?:a )?minha vida|vou acabar com (?:a )?minha vida/u },
  { id: 'pt-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /não acordar mais|(?:queria|quero) (?:sumir|desaparecer)|não ter nascido/u },
  { id: 'pt-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:jeito|forma|maneira) (?:menos doloros[oa]|mais fácil|mais rápid[oa]) de (?:morrer|se matar|me matar)|como (?:me )?matar\b|como morrer/u },
  { id: 'pt-at-height', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:estou|tô|to) (?:no (?:telhado|topo|alto|terraço)|na ponte)/u, requires: /agora|pular|não aguento/u },
  { id: 'pt-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /me cort(?:ar|o|ei|ando)|autoles[ãa]o|automutila[çc][ãa]o|me machuc(?:ar|o|ei)/u },

  // ── Tagalog ──
  { id: 'tl-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:gusto|gustong|sana)[^。]{0,16}(?:mamatay|magpakamatay)|magpa(?:pa)?kamatay|nagpakamatay|magpa(?:pa)?tiwakal|(?:ayoko|ayaw ko)(?: na| nang| ng)?(?: \S+)? mabuhay|wakasan (?:ang )?(?:aking )?buhay/u },
  { id: 'tl-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /sana hindi na (?:lang )?ako (?:nagising|magising|ipinanganak)|ayoko nang magising|gusto ko nang mawala/u },
  { id: 'tl-overdose-taken', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /ininom ko (?:na )?lahat ng (?:gamot|pills|tableta)|uminom (?:ako )?ng maraming (?:gamot|tableta)|tomei (?:todos os|muitos|vários) (?:remédios|comprimidos)|(?:minum|nelen|menelan) (?:semua|banyak) obat|กินยา(?:เกินขนาด|หมด)|กินยา[^。]{0,10}หมด(?:แล้ว)?|(?:약|수면제)(?:을|를)?\s?다\s?먹었/u },
  { id: 'tl-dv', level: 'high', category: 'dv', scope: 'victim',
    pattern: /(?:sinaktan|binugbog|sinampal)[^。]{0,24}(?:asawa|boyfriend|kinakasama)/u },
  { id: 'tl-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /saktan ang (?:aking )?sarili|naglaslas|laslas/u },

  // ── Nepali ──
  { id: 'ne-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /झुण्डिन|हाम\s?फाल्न|विष\s?खान|मर्न\s?मन\s?(?:लाग्छ|लाग्यो|लागेको|छ)|आत्महत्या|बाँच्न\s?मन\s?(?:छैन|लाग्दैन|नलाग)|मर्न\s?चाहन्छु/u },
  { id: 'ne-intent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /आत्महत्या\s?(?:गर्छु|गर्नेछु)|म\s?मर्छु/u },
  { id: 'ne-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /(?:आफूलाई|आफैंलाई|आफैलाई)\s?(?:चोट|हानि)/u },
  { id: 'ne-passive', level: 'low', category: 'suicidal-ideation', scope: 'self', pattern: /हराउन\s?(?:चाहन्छु|मन)/u },
  { id: 'ne-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /कति\s?(?:वटा)?\s?(?:चक्की|औषधि)[^。]{0,12}मरिन्छ|कसरी\s?मर्ने/u },
  { id: 'ne-act', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:छतमा|पुलमा)\s?छु|सबै\s?औषधि\s?(?:खाइसकें|खाएँ)/u },

  // ── Indonesian ──
  { id: 'id-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:pengen|pengin|ingin|mau|kepengen|kepingin)\s(?:\S+\s)?mati\b|bunuh diri|mengakhiri hidup|lebih baik (?:aku |saya )?mati|mending mati|gantung diri|minum racun|akhiri (?:semuanya|semua ini|hidup)|(?:nggak|gak|ga|tidak|ngga) (?:mau|ingin|pengen|kuat) hidup lagi/u },
  { id: 'id-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:pengen|ingin|mau) (?:\S+ )?(?:hilang|menghilang)\b|(?:capek|lelah|cape) hidup|(?:lebih baik|mending) (?:aku|saya|gw) (?:nggak|tidak|gak|ga) (?:pernah )?(?:lahir|ada)|(?:nggak|tidak) (?:mau|ingin) bangun lagi|hidup(?:ku)? (?:nggak|gak|tidak|ga) ada (?:artinya|gunanya)/u },
  { id: 'id-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /cara (?:mati|bunuh diri|mengakhiri)|(?:loncat|lompat|terjun) dari (?:jembatan|gedung|atap|lantai)|berapa (?:butir|pil|obat)[^。]{0,16}mati/u },
  { id: 'id-intent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:malam ini|besok|nanti malam)[^。]{0,20}(?:akhiri|bunuh diri|mati)|(?:aku|saya) (?:akan|mau) (?:bunuh diri|mengakhiri)|pergi (?:untuk )?selamanya/u },
  { id: 'id-at-height', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /di (?:atap|rooftop|jembatan|rel)\b[^。]{0,30}(?:lompat|loncat|terjun)|sekarang[^。]{0,16}di (?:atap|jembatan|rel)/u },
  { id: 'id-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /(?:menyakiti|melukai|nyakitin) diri|nyayat|menyayat|silet (?:tangan|nadi)|potong nadi/u },
  { id: 'id-violence', level: 'high', category: 'dv', scope: 'victim',
    pattern: /(?:suami|pacar|istri)(?:ku| saya)?[^。]{0,10}(?:mukul|memukul|nampar|menampar|nendang|menendang)/u },
  { id: 'id-employer-abuse', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /(?:majikan|bos)[^。]{0,10}(?:mukul|memukul|menyiksa|nampar)|paspor (?:saya |ku )?(?:ditahan|disita)|dipukul(?:in)? (?:ayah|ibu|bapak|mama|papa)|(?:ayah|ibu|bapak|mama|papa)(?:ku)?[^。]{0,10}(?:mukul|memukul|nampar|nendang|menyiksa)|\bkdrt\b|disiksa/u },

  // ── Spanish ──
  { id: 'es-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:quiero|quisiera|kiero|queria|quería) morir(?:me)?|me (?:quiero|kiero) morir|ganas de morir|suicid(?:arme|io|a)|matarme|quitarme la vida|ahorcarme|tirarme (?:del|de un|de una|al|por)|mejor muert[oa]|ojalá (?:estuviera )?muert[oa]|(?:no|ya no) quiero (?:seguir )?vivi(?:r|endo)|acabar con mi vida/u },
  { id: 'es-intent', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /voy a (?:matarme|suicidarme|quitarme la vida)|me voy a (?:matar|suicidar)/u },
  { id: 'es-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:quisiera|quiero|me gustaría) desaparecer|(?:sería|seria) mejor si (?:yo )?no (?:existiera|estuviera)|cansad[oa] de vivir|no despertar(?:me)? (?:más|nunca)|no haber nacido|ojalá no despertar/u },
  { id: 'es-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /(?:forma|manera|modo) (?:menos dolorosa |más fácil |rápida )?de (?:morir|matarme|suicidarme)|cu[aá]ntas pastillas[^。]{0,20}(?:morir|matar)|c[oó]mo (?:morir|matarme|suicidarme)/u },
  { id: 'es-hoard', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /tengo (?:las |unas )?pastillas (?:guardadas|juntadas|ahorradas)|(?:juntando|guardando) pastillas/u },
  { id: 'es-at-height', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:estoy|toy) en (?:la azotea|el techo|el puente|las vías|el tejado)/u, requires: /ahora|saltar|no aguanto|ya no/u },
  { id: 'es-overdose-taken', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /me tom[eé] (?:todas las|un frasco de|muchas|un montón de|demasiadas) pastillas|me tom[eé] todo el frasco/u },
  { id: 'es-abuse', level: 'high', category: 'abuse', scope: 'victim',
    pattern: /mi (?:padre|madre|papá|mamá|padrastro|madrastra) me (?:pega|golpea|pegó|golpeó)|(?:mi )?(?:esposo|marido|novio|pareja)[^。]{0,10}(?:me pega|me golpea|me golpeó|me pegó|me quiere matar|va a matarme)/u },
  { id: 'es-self-harm', level: 'medium', category: 'self-harm', scope: 'self',
    pattern: /me cort(?:é|e|o|ando)(?![a-z])|me estoy cortando|cortándome|cortarme|autolesi|hacerme daño|me hago daño/u, unless: /pelo|dedo|cabello|uña|cocinando/u },

  // ── Thai ──
  { id: 'th-want-die', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /อยากตาย|อยากฆ่าตัวตาย|ฆ่าตัวตาย|ไม่อยากมีชีวิตอยู่|ไม่อยากอยู่แล้ว|จบชีวิต|ตายดีกว่า|กระโดด(?:ตึก|สะพาน|น้ำตาย)|ผูกคอ|จดหมายลาตาย/u },
  { id: 'th-passive', level: 'low', category: 'suicidal-ideation', scope: 'self',
    pattern: /เหนื่อยกับการมีชีวิต|ไม่อยากตื่น|อยากหายไป|ไม่น่าเกิดมา/u },
  { id: 'th-method-ask', level: 'medium', category: 'suicidal-ideation', scope: 'self',
    pattern: /ตายแบบไหน|วิธี(?:ตาย|ฆ่าตัวตาย)|กี่เม็ด[^。]{0,6}ตาย/u },
  { id: 'th-hoard', level: 'high', category: 'suicidal-ideation', scope: 'self', pattern: /เก็บยา(?:นอนหลับ)?ไว้/u },
  { id: 'th-at-height', level: 'imminent', category: 'suicidal-ideation', scope: 'act',
    pattern: /(?:ยืน|อยู่)(?:อยู่)?บน(?:สะพาน|ดาดฟ้า|ตึก)/u },
  { id: 'th-self-harm', level: 'medium', category: 'self-harm', scope: 'self', pattern: /ทำร้ายตัวเอง|กรีด(?:แขน|ข้อมือ|ตัวเอง)/u },
  { id: 'th-violence', level: 'high', category: 'dv', scope: 'victim',
    pattern: /(?:สามี|แฟน|ภรรยา|พ่อ|แม่)[^。]{0,10}(?:ตบ|ตี|ทุบ|เตะ|ทำร้าย)|นายจ้าง[^。]{0,10}(?:ทำร้าย|ตบ|ตี)|ยึดพาสปอร์ต/u },

  // ── farewells and notes in any language ──
  { id: 'farewell-thanks-all', level: 'high', category: 'suicidal-ideation', scope: 'self',
    // "thank you for everything" together with a goodbye
    pattern: /terima kasih (?:untuk|atas) (?:semuanya|segalanya)|gracias por todo|ขอบคุณสำหรับทุกอย่าง|谢谢(?:你们|大家)|謝謝(?:你們|大家)|cảm ơn mọi người|obrigad[oa] por tudo|thank you for everything|thanks for everything|salamat sa lahat|सबैलाई धन्यवाद|모두\s?고마|다들\s?고마/u,
    requires: /selamat tinggal|adi[oó]s|ลาก่อน|再见|再見|永别|tạm biệt|vĩnh biệt|adeus|अलविदा|paalam|goodbye|\bbye\b|안녕/u },
  { id: 'farewell-forever', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /adi[oó]s para siempre|selamat tinggal (?:untuk )?selamanya|不会再联系|不會再聯繫|vĩnh biệt|영원히\s?안녕|adeus para sempre|paalam na sa inyo|永别了|永別了|\bthis is my (?:last|final) message\b|\bgoodbye forever\b|me despido de (?:todos|ustedes)|selamat tinggal semuanya/u },
  { id: 'note-timing', level: 'high', category: 'suicidal-ideation', scope: 'self',
    pattern: /遗书|escrevi (?:a|uma) carta|(?:nulis|menulis) surat|sulat ko|จดหมายลา|\bsuicide note\b|thư tuyệt mệnh|carta de despedida/u, requires: TIMING },
];

// ───────────────────────────── matching ─────────────────────────────

interface Signal {
  id: string;
  category: RiskCategory;
  /** level after in-sentence modifiers */
  level: RiskLevel;
  /** true when the resident speaks of their own current risk (no cap applied) */
  own: boolean;
  modifiers: string[];
}

const SELF_SCOPES: ReadonlySet<RuleScope> = new Set<RuleScope>(['self', 'act', 'future']);

const GLOBAL_PATTERNS = new Map<string, RegExp>(
  SIGNAL_RULES.map((r) => [r.id, new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : `${r.pattern.flags}g`)]),
);

function maskFigurative(sentence: string, fired: Set<string>): string {
  let out = sentence;
  for (const m of FIGURATIVE_MASKS) {
    const next = out.replace(m.pattern, (hit) => '□'.repeat(hit.length));
    if (next !== out) fired.add(m.id);
    out = next;
  }
  return out;
}

/** Is the match about someone other than the resident? */
function isThirdParty(rule: RiskRule, prefix: string): boolean {
  let last: RegExpExecArray | null = null;
  THIRD_PARTY_SUBJECT.lastIndex = 0;
  for (let m = THIRD_PARTY_SUBJECT.exec(prefix); m; m = THIRD_PARTY_SUBJECT.exec(prefix)) last = m;
  if (!last) return false;
  const between = prefix.slice(last.index + last[0].length);
  if (FIRST_PERSON.test(between)) return false;
  if (rule.thirdPartyDirect) return true;
  // 「母がいなくて死にたい」: a clause boundary means 母 is not the one who wants to die.
  return between.length <= 14 && !CLAUSE_BOUNDARY.test(between);
}

/** Apply in-sentence context to one match of a rule; returns null when the match should be dropped. */
function adjustMatch(rule: RiskRule, sentence: string, index: number, hit: string, message: string): Signal | null {
  const prefix = sentence.slice(0, index);
  const suffix = sentence.slice(index + hit.length);
  const sig: Signal = { id: rule.id, category: rule.category, level: rule.level, own: true, modifiers: [] };
  const cap = (level: RiskLevel, why: string): void => {
    sig.level = minRisk(sig.level, level);
    sig.own = false;
    sig.modifiers.push(`mod:${why}`);
  };

  if (SELF_SCOPES.has(rule.scope)) {
    // Words said TO the resident (死ねって言われた) are bullying/abuse, not their own ideation.
    if (SAID_TO_ME.test(suffix)) return null;
    if (rule.scope !== 'self' && PRIOR_MARKERS.test(sentence)) {
      // 「前にODして運ばれた」「飛び降りようとして止められた」: history, re-scored as a prior attempt.
      return { id: 'si-prior-attempt', category: 'suicidal-ideation', level: 'medium', own: true, modifiers: [`mod:prior:${rule.id}`] };
    }
    // Since `low` offers the 24-hour lines (issue 13), a negation or a "no longer" is none: the
    // conversation's own baseline (applyContextFloor) keeps an earlier risk in view.
    if (NEGATION_AFTER.test(suffix) || NEGATION_BEFORE.test(prefix)) {
      cap('none', 'negated');
      return sig;
    }
    if (PREVENTION.test(sentence) && !FIRST_PERSON.test(prefix)) cap('none', 'prevention');
    else if (FICTION.test(sentence) && !FIRST_PERSON.test(sentence) && !OWN_REACTION.test(hit)) cap('none', 'fiction');
    else if (isThirdParty(rule, prefix) || REPORTED_BY_OTHER.test(suffix)) cap('low', 'third-party');
    else if (PAST_BEFORE.test(prefix) || PAST_AFTER.test(suffix) || (RESOLVED_SELF.test(message) && /てた|ていた|ことが?ある/u.test(suffix)))
      cap(RESOLVED.test(message) ? 'none' : 'low', 'past');
    if (rule.scope === 'future' && (LEISURE.test(sentence) || LEISURE_ACTIVITY.test(message))) cap('none', 'leisure');
    if (['si-at-edge-now', 'si-at-place', 'si-at-height', 'si-at-edge-bare'].includes(rule.id) && LEISURE.test(message)) cap('none', 'leisure');
    if (isAtLeast(rule.level, 'low') && !isAtLeast(rule.level, 'medium') && FANDOM.test(message)) cap('none', 'fandom');
    return sig;
  }

  if (rule.scope === 'victim') {
    if (rule.category === 'bullying' && isThirdParty(rule, prefix)) cap('low', 'third-party');
    if (PAST_SENTENCE.test(sentence)) cap(RESOLVED.test(message) ? 'none' : 'low', 'past');
    else if (rule.category === 'bullying' && SHRUGGED.test(sentence)) cap('low', 'shrugged');
    return sig;
  }

  if (rule.scope === 'threat') {
    if (SAID_TO_ME.test(suffix)) return null;
    if (LAUGHTER.test(sentence)) cap('none', 'joke');
    return sig;
  }

  return sig;
}

function matchSentence(sentence: string, message: string, fired: Set<string>): Signal[] {
  const masked = maskFigurative(sentence, fired);
  const out: Signal[] = [];
  for (const rule of SIGNAL_RULES) {
    if (rule.requires && !rule.requires.test(message)) continue;
    const re = GLOBAL_PATTERNS.get(rule.id)!;
    re.lastIndex = 0;
    let best: Signal | null = null;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      if (m[0].length === 0 || (rule.unless && rule.unless.test(masked))) {
        re.lastIndex++;
        continue;
      }
      const sig = adjustMatch(rule, masked, m.index, m[0], message);
      if (sig && (!best || isAtLeast(sig.level, best.level) && (sig.own || !best.own))) best = sig;
    }
    if (best) out.push(best);
  }
  return out;
}

// ───────────────────────────── escalations across the message ─────────────────────────────

interface Escalation {
  id: string;
  /** why, in one line */
  why: string;
  apply(signals: readonly Signal[], message: string): { level: RiskLevel; category: RiskCategory } | null;
}

const isSelfCategory = (s: Signal): boolean => s.category === 'suicidal-ideation' || s.category === 'self-harm';
const ownSelf = (signals: readonly Signal[], atLeast: RiskLevel): boolean =>
  signals.some((s) => s.own && isSelfCategory(s) && isAtLeast(s.level, atLeast) && s.id !== 'si-prior-attempt');
/** Own suicidal ideation only: a blade named in 「カッターで腕切った」 is the self-harm itself, not a plan. */
const ownIdeation = (signals: readonly Signal[], atLeast: RiskLevel): boolean =>
  signals.some((s) => s.own && s.category === 'suicidal-ideation' && isAtLeast(s.level, atLeast) && s.id !== 'si-prior-attempt');
const has = (signals: readonly Signal[], pred: (s: Signal) => boolean): boolean => signals.some(pred);
const farewell = (message: string): boolean => FAREWELL_WEAK.test(message) && !FAREWELL_CANCEL.test(message);

export const ESCALATIONS: readonly Escalation[] = [
  {
    id: 'esc:ideation+plan',
    why: 'active ideation with timing, means or preparation is intent/plan (scale level 3)',
    apply: (s, msg) =>
      ownIdeation(s, 'medium') && (TIMING.test(msg) || MEANS.test(msg) || PREPARATION.test(msg))
        ? { level: 'high', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:means+resolve',
    why: 'means prepared plus resolve (「ロープ用意した。あとはやるだけ」) is a plan',
    apply: (s, msg) =>
      RESOLVE.test(msg) && (MEANS.test(msg) || PREPARATION.test(msg) || ownIdeation(s, 'medium'))
        ? { level: 'high', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:preparation+distress',
    why: 'a letter to family or a note with exhaustion (「家族宛の手紙を書いた。もう疲れた」)',
    apply: (_s, msg) =>
      PREP_NOTE.test(msg) && DISTRESS.test(msg) ? { level: 'high', category: 'suicidal-ideation' } : null,
  },
  {
    id: 'esc:farewell',
    why: 'a goodbye together with ideation or exhaustion reads as a farewell',
    apply: (s, msg) =>
      farewell(msg) && (ownSelf(s, 'low') || DISTRESS.test(msg) || PREPARATION.test(msg) || /元気で|幸せに(?:ね|なって)/u.test(msg))
        ? { level: 'high', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:prior-attempt+current',
    why: 'a prior attempt plus current ideation is the strongest single predictor (scale level 3)',
    apply: (s, msg) =>
      has(s, (x) => x.own && x.id === 'si-prior-attempt') && (ownSelf(s, 'low') || CURRENT.test(msg))
        ? { level: 'high', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:decided+distress',
    why: '「明日決行」「今夜やる」 with exhaustion and no other topic is a plan',
    apply: (_s, msg) =>
      /決行|実行する|今夜やる|今日やる/u.test(msg) && DISTRESS.test(msg) && !/掃除|旅行|いべんと|らいぶ|計画/u.test(msg)
        ? { level: 'high', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:end-this+prep',
    why: '「これで終わりにする」 after a note or with exhaustion is intent',
    apply: (s, msg) =>
      has(s, (x) => x.own && x.id === 'si-end-this') && (PREPARATION.test(msg) || DISTRESS.test(msg))
        ? { level: 'high', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:pills-taken+farewell',
    why: '「薬飲んだから。さよなら」: medicine already taken together with a goodbye or apology',
    apply: (s, msg) =>
      /(?:薬|睡眠薬|眠剤|市販薬|錠)(?:を|も)?[^。]{0,4}(?:飲ん|のん)(?:だ|じゃ)/u.test(msg) &&
      ((FAREWELL_FINAL.test(msg) && !FAREWELL_CANCEL.test(msg)) || ownSelf(s, 'medium'))
        ? { level: 'imminent', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:self-harm-severity',
    why: 'deep or repeated cutting today is a medical risk (high)',
    apply: (s, msg) =>
      has(s, (x) => x.own && x.category === 'self-harm' && isAtLeast(x.level, 'medium')) && SELF_HARM_SEVERITY.test(msg)
        ? { level: 'high', category: 'self-harm' }
        : null,
  },
  {
    id: 'esc:self-harm-bleeding',
    why: 'bleeding that will not stop after self-harm needs 119 now',
    apply: (s, msg) =>
      has(s, (x) => x.own && x.category === 'self-harm' && isAtLeast(x.level, 'medium')) && BLEEDING.test(msg)
        ? { level: 'imminent', category: 'self-harm' }
        : null,
  },
  {
    id: 'esc:high+now-at-place',
    why: 'a plan or method plus "I am there now" means the act may be under way',
    apply: (s, msg) =>
      ownSelf(s, 'high') && NOW_AT_PLACE.test(msg) && !LEISURE.test(msg)
        ? { level: 'imminent', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:edge+distress',
    why: 'on a roof/bridge/track edge while saying もう無理 is imminent',
    apply: (s, msg) =>
      AT_EDGE.test(msg) && !LEISURE.test(msg) && (DISTRESS.test(msg) || ownSelf(s, 'low'))
        ? { level: 'imminent', category: 'suicidal-ideation' }
        : null,
  },
  {
    id: 'esc:bullying+ideation',
    why: 'bullying with any wish to die or disappear is high',
    apply: (s) =>
      has(s, (x) => x.own && x.category === 'bullying' && isAtLeast(x.level, 'medium')) && ownSelf(s, 'low')
        ? { level: 'high', category: 'bullying' }
        : null,
  },
  {
    id: 'esc:abuse+minor',
    why: 'emotional abuse disclosed by a minor is child abuse (notification duty)',
    apply: (s, msg) =>
      has(s, (x) => x.own && x.category === 'abuse' && isAtLeast(x.level, 'medium')) && MINOR.test(msg)
        ? { level: 'high', category: 'abuse' }
        : null,
  },
  {
    id: 'esc:violence-now',
    why: 'abuse/DV with the aggressor raging or the resident hiding right now',
    apply: (s, msg) => {
      if (!NOW_DANGER.test(msg)) return null;
      if (new RegExp(PARTNER, 'u').test(msg) && (has(s, (x) => x.own && x.category === 'dv') || /暴れ|包丁|怒鳴|叩いて|殴って|蹴って|叫ん|家の前|怖|こわ|助けて/u.test(msg)))
        return { level: 'imminent', category: 'dv' };
      if (new RegExp(CAREGIVER, 'u').test(msg) && /暴れ|包丁|怒鳴|叩いて|殴って|隠れ/u.test(msg))
        return { level: 'imminent', category: 'abuse' };
      return null;
    },
  },
  {
    id: 'esc:threat+weapon-or-time',
    why: 'a threat to kill with a weapon or a time is a plan; 今から is under way',
    apply: (s, msg) => {
      if (!has(s, (x) => x.own && x.category === 'harm-to-others' && isAtLeast(x.level, 'medium'))) return null;
      if (/今から|いまから/u.test(msg)) return { level: 'imminent', category: 'harm-to-others' };
      // a weapon carried or acquired, not merely named (「包丁で刺してやりたい」 stays medium)
      if (/(?:包丁|ないふ|刃物|凶器|灯油|がそりん)(?:を|も)?[^。]{0,4}(?:持って|買|用意|隠し持|手に入れ)/u.test(msg) || TIMING.test(msg))
        return { level: 'high', category: 'harm-to-others' };
      return null;
    },
  },
];

// ───────────────────────────── context ─────────────────────────────

/**
 * Context floor: risk does not vanish in one message. After a message assessed at level B
 * (medium or above), every later message is at least one step below B: after high, a vague
 * 「もう無理」 or even 「うん」 stays medium; after imminent, high. A calmer message can lower the
 * level by one step only; lowering further is a human decision. Baselines of none/low add nothing.
 */
export function applyContextFloor(level: RiskLevel, baseline: RiskLevel | undefined): RiskLevel {
  if (!baseline || !isAtLeast(baseline, 'medium')) return level;
  return maxRisk(level, stepDown(baseline));
}

// ───────────────────────────── entry point ─────────────────────────────

export function assessRiskByRules(text: string, context?: RiskContext): RiskAssessment {
  const normalized = normalizeForRisk(text);
  const sentences = splitSentences(normalized);
  const fired = new Set<string>();
  const signals: Signal[] = [];
  for (const sentence of sentences) signals.push(...matchSentence(sentence, normalized, fired));

  let level: RiskLevel = 'none';
  const categories = new Set<RiskCategory>();
  const matched = new Set<string>();
  for (const s of signals) {
    matched.add(s.id);
    for (const m of s.modifiers) matched.add(m);
    if (isAtLeast(s.level, 'low')) {
      level = maxRisk(level, s.level);
      categories.add(s.category);
    }
  }
  for (const esc of ESCALATIONS) {
    const r = esc.apply(signals, normalized);
    if (r && isAtLeast(r.level, level)) {
      level = r.level;
      categories.add(r.category);
      matched.add(esc.id);
    } else if (r) {
      matched.add(esc.id);
      categories.add(r.category);
    }
  }
  const floored = applyContextFloor(level, context?.baseline);
  if (floored !== level) {
    matched.add('context:baseline-floor');
    level = floored;
  }
  for (const f of fired) matched.add(f);
  return {
    level,
    categories: RISK_CATEGORIES.filter((c) => categories.has(c)),
    matched: [...matched],
  };
}
