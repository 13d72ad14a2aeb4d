/**
 * Which lesson and exercise set follow a drill failure. The lesson is chosen by what the lure was
 * (the trick that worked), with a second lesson when the person went further than a click:
 * typing a password calls for the password lesson, opening a file for the attachments one.
 */
export interface LessonChoice {
  lessonId: string;
  exerciseSet: string;
}

/** Lure families, tested in order against the drill's lure kind (free text such as `colleague_impersonation`). */
const LURE_RULES: Array<{ match: RegExp; choice: LessonChoice }> = [
  { match: /attach|macro|document_open|invoice|\.doc|\.pdf|\bzip\b/, choice: { lessonId: 'attachments', exerciseSet: 'attachments' } },
  { match: /ceo|president|boss|director|wire|transfer|virement/, choice: { lessonId: 'spear-phishing', exerciseSet: 'impersonation' } },
  { match: /colleague|coworker|impersonat|spear|staff|collegue/, choice: { lessonId: 'spear-phishing', exerciseSet: 'impersonation' } },
  { match: /sms|smish|phone|vish|call/, choice: { lessonId: 'phone-sms', exerciseSet: 'impersonation' } },
  { match: /mfa|2fa|otp|push|two_factor/, choice: { lessonId: 'two-factor', exerciseSet: 'credentials' } },
  { match: /password|credential|login|sign_in|signin|account|expir|security_alert/, choice: { lessonId: 'lookalike-links', exerciseSet: 'credentials' } },
  { match: /link|lookalike|domain|share|onedrive|drive|dropbox|parcel|delivery|colis/, choice: { lessonId: 'lookalike-links', exerciseSet: 'links' } },
];
const DEFAULT_CHOICE: LessonChoice = { lessonId: 'spear-phishing', exerciseSet: 'general' };

function norm(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s-]+/g, '_').slice(0, 100);
}

/** The lessons to assign after a drill failure, most relevant first, without duplicates. */
export function lessonsForDrillFailure(lureKind: string, failedStep: string): LessonChoice[] {
  const lure = norm(lureKind);
  const step = norm(failedStep);
  const primary = LURE_RULES.find((r) => r.match.test(lure))?.choice ?? DEFAULT_CHOICE;
  const out = [primary];
  const add = (c: LessonChoice) => {
    if (!out.some((o) => o.lessonId === c.lessonId)) out.push(c);
  };
  if (/submit|credential|password|entered|typed/.test(step)) add({ lessonId: 'passwords', exerciseSet: 'credentials' });
  if (/attach|opened_file|download|macro|enable_content/.test(step)) add({ lessonId: 'attachments', exerciseSet: 'attachments' });
  return out;
}
