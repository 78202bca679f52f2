import type OpenAI from 'openai';
import type { MunicipalityProfile } from '../platform/config/profile';
import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { buildListeningPrompt, extractiveSummary, Turn } from './listening/listening-prompt';
import { maskPersonalData } from './listening/pii-mask';
import { publish } from '../platform/events';
import { offlineListeningReply } from './listening/offline-listener';
import { checkOutput } from './listening/output-check';
import { isAtLeast, RiskLevel } from '../workflows/safety/risk-levels';

export interface ListeningReply {
  text: string;
  /** `ai` when the model answered, `fallback` for the offline listener or a safe fallback text. */
  answeredBy: 'ai' | 'fallback';
  promptTokens?: number;
  completionTokens?: number;
}

const HISTORY_LIMIT = 60;
// At medium risk and above the answer acknowledges the weight, asks gently and offers a person.
const WEIGHT_INSTRUCTION =
  '相談者はとても重い気持ちを打ち明けています。その重さを受けとめ、いまの様子をやさしくたずね、よりそいスタッフ（人の相談員）とも話せることを伝えてください。励ましや説得はしないでください。';
const OFFLINE_WEIGHT_OPENING = 'とても大事なことを打ち明けてくださって、ありがとうございます。';
const OFFLINE_PERSON_OFFER = 'よかったら、よりそいスタッフ（人の相談員）ともお話しできます。';
// Time kept back from the reply window for checks and the send itself.
const SEND_MARGIN_MS = 2_000;
const MIN_MODEL_TIME_MS = 2_000;
const MAX_MODEL_TIME_MS = 20_000;

export function createListeningActivities(deps: { db: Db; profile: MunicipalityProfile; llm?: OpenAI; logger: Logger; keyring: PiiKeyring }) {
  const { db, profile } = deps;
  const sealer = new TextSealer(deps.keyring);
  const policy = {
    maxChars: profile.ai.maxReplyChars,
    allowedPhones: [...profile.crisisLines, ...profile.consultationLines].map((l) => l.phone).concat(Object.values(profile.emergency)),
    allowedUrls: [...profile.crisisLines, ...profile.consultationLines].flatMap((l) => (l.url ? [l.url] : [])),
  };

  async function loadTurns(consultationId: string): Promise<Turn[]> {
    const rows = await db('messages')
      .where({ consultation_id: consultationId, kind: 'text' })
      .whereNotNull('text')
      .orderBy('created_at', 'desc')
      .limit(HISTORY_LIMIT)
      .select('id', 'sender', ...TextSealer.select('text'));
    // Opened only here, for the reply and the summary; what the model sees is masked as before.
    return rows.reverse().map((r) => ({ role: r.sender, text: sealer.open('messages', 'text', r) as string }));
  }

  function offline(turns: Turn[], weighty: boolean): ListeningReply {
    const residentTurns = turns.filter((t) => t.role === 'resident');
    const lastResidentBurst: string[] = [];
    for (let i = turns.length - 1; i >= 0 && turns[i].role === 'resident'; i -= 1) lastResidentBurst.unshift(turns[i].text);
    const previousReply = [...turns].reverse().find((t) => t.role === 'ai')?.text;
    const reply = offlineListeningReply({ residentText: lastResidentBurst.join('\n'), turn: residentTurns.length, previousReply });
    return { text: weighty ? `${OFFLINE_WEIGHT_OPENING}${reply}${OFFLINE_PERSON_OFFER}` : reply, answeredBy: 'fallback' };
  }

  return {
    /**
     * The hand-over summary staff read when they take a case: by the model when one is configured,
     * else the resident's own first sentences. Personal data is masked either way.
     */
    async summarizeForHandover(input: { consultationId: string }): Promise<void> {
      const turns = await loadTurns(input.consultationId);
      let summary = extractiveSummary(turns);
      if (deps.llm && turns.length > 0) {
        try {
          const transcript = turns.map((t) => `${t.role === 'resident' ? '相談者' : t.role === 'staff' ? 'スタッフ' : 'AI'}: ${maskPersonalData(t.text)}`).join('\n');
          const completion = await deps.llm.chat.completions.create(
            {
              model: profile.ai.model,
              temperature: 0,
              max_tokens: 300,
              messages: [
                { role: 'system', content: '相談の引き継ぎのため、相談者の状況・気持ち・希望を3行以内の箇条書きで要約してください。推測や診断は書かないでください。' },
                { role: 'user', content: transcript },
              ],
            },
            { timeout: 10_000, maxRetries: 0 },
          );
          summary = completion.choices[0]?.message?.content?.trim() || summary;
        } catch (err) {
          deps.logger.warn({ consultationId: input.consultationId, error: (err as Error).name }, 'summary model unavailable; extractive summary used');
        }
      }
      await db('consultations').where({ id: input.consultationId }).update(sealer.seal('consultations', 'summary', input.consultationId, summary || null));
      await publish(db, { type: 'consultation', id: input.consultationId });
    },

    /** One considered answer to the resident's latest messages, always returned in time for the reply token. */
    async composeListeningReply(input: { consultationId: string; replyDeadline: number; riskLevel: RiskLevel }): Promise<ListeningReply> {
      const turns = await loadTurns(input.consultationId);
      const weighty = isAtLeast(input.riskLevel, 'medium');
      const available = Math.min(MAX_MODEL_TIME_MS, input.replyDeadline - Date.now() - SEND_MARGIN_MS);
      if (!deps.llm || available < MIN_MODEL_TIME_MS) return offline(turns, weighty);
      try {
        const completion = await deps.llm.chat.completions.create(
          {
            model: profile.ai.model,
            messages: buildListeningPrompt({ persona: weighty ? `${profile.ai.persona}\n${WEIGHT_INSTRUCTION}` : profile.ai.persona, turns, tokenBudget: profile.ai.contextTokenBudget }),
            max_tokens: 400,
            temperature: 0.7,
          },
          { timeout: available, maxRetries: 0 },
        );
        const usage = { promptTokens: completion.usage?.prompt_tokens, completionTokens: completion.usage?.completion_tokens };
        const verdict = checkOutput(completion.choices[0]?.message?.content ?? '', policy);
        if (!verdict.ok) {
          deps.logger.warn({ consultationId: input.consultationId, reason: verdict.reason }, 'AI answer failed the output check');
          return { text: profile.texts.aiFallback, answeredBy: 'fallback', ...usage };
        }
        return { text: verdict.text, answeredBy: 'ai', ...usage };
      } catch (err) {
        deps.logger.warn({ consultationId: input.consultationId, error: (err as Error).name }, 'model unavailable; offline listener answers');
        return offline(turns, weighty);
      }
    },
  };
}
