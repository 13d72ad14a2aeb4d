import { describe, expect, it } from 'vitest';
import { loadContentModel, MIN_KNOWN, scoreContent, trainContentModel } from './content-model.ts';
import { detectLanguage } from './language-id.ts';
import { triage } from './verdict.ts';
import { triageContext } from './context.ts';

const words = (s: string) => new Set(s.split(' '));

describe('content model', () => {
  const phish = ['verify your account now password suspended click', 'claim your reward bitcoin wallet click now', 'your account suspended verify password login'];
  const ham = ['meeting notes attached thanks see you thursday', 'the build failed again on the linux box thanks', 'lunch on thursday with the team see you'];
  const examples = [...phish.map((t) => ({ tokens: words(t), phishing: true })), ...ham.map((t) => ({ tokens: words(t), phishing: false }))];

  it('learns which words lean which way, the same way every time', () => {
    const m = trainContentModel(examples, ['en'], { minCount: 1 });
    expect(m.w['password']).toBeGreaterThan(0);
    expect(m.w['thursday']).toBeLessThan(0);
    expect(trainContentModel(examples, ['en'], { minCount: 1 })).toEqual(m);
    const bad = scoreContent(m, words('please verify your password now or your account is suspended'));
    const good = scoreContent(m, words('see you thursday for the team lunch thanks'));
    expect(bad.probability).toBeGreaterThan(0.6);
    expect(good.probability).toBeLessThan(0.4);
    expect(bad.telling.map(([w]) => w)).toContain('password');
  });

  it('stays silent on a message with too few known words', () => {
    const m = trainContentModel(examples, ['en'], { minCount: 1 });
    const few = [...words('password click verify now')].slice(0, MIN_KNOWN - 1);
    expect(scoreContent(m, few)).toEqual({ probability: 0.5, telling: [] });
  });
});

describe('language of a message', () => {
  it('tells French, English and German apart and says when it cannot tell', () => {
    expect(detectLanguage('Bonjour, nous vous remercions pour votre message et nous revenons vers vous dans la journée.')).toBe('fr');
    expect(detectLanguage('Thanks for your message, we will get back to you in the afternoon with the figures.')).toBe('en');
    expect(detectLanguage('Bitte bestätigen Sie Ihre Daten, sonst wird Ihr Konto gesperrt und die Karte ist nicht mehr gültig.')).toBe('de');
    expect(detectLanguage('OK 👍')).toBe('und');
  });
});

describe('French mail and a model that learnt no French legitimate mail', () => {
  const model = loadContentModel();
  it.skipIf(!model)('does not judge French wording it has only seen in phishing', async () => {
    const ctx = triageContext({ name: 'En Marche', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] });
    expect(model!.hamLanguages).not.toContain('fr');
    const raw = [
      'From: Claire Dumont <claire.dumont@en-marche.fr>', 'To: equipe@en-marche.fr', 'Subject: Compte rendu de la réunion de presse',
      'Content-Type: text/plain; charset=utf-8', '',
      'Bonjour à tous, voici le compte rendu de la réunion de ce matin avec les journalistes. Nous avons convenu de publier le communiqué demain à 9 h.',
      'Merci de relire vos passages avant ce soir et de me dire si quelque chose ne va pas. Bonne journée, Claire', '',
    ].join('\r\n');
    const v = await triage(raw, ctx);
    expect(v.verdict).toBe('clean');
    expect(v.signals.filter((s) => s.id === 'content.model_strong' || s.id === 'content.model_likely')).toEqual([]);
  });
});
