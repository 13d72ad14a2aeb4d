import { smtpTransport } from '../core/mail-transport.ts';
import { audit, systemActor, type Actor } from '../access/index.ts';
import { UnavailableError } from '../core/errors.ts';
import { formatDate, t, type Lang } from '../core/i18n.ts';
import type { Store } from '../store/index.ts';
import { issueLink } from './assignments.ts';
import { trainingContent, type TrainingContent } from './content.ts';
import './messages.ts';
import type { AssignmentRow } from './repo.ts';

/** Reminders start this close to the due date… */
const REMIND_BEFORE_MS = 2 * 86400_000;
/** …and are at least this far apart, at most MAX_REMINDERS times: nagging makes people ignore mail. */
const REMIND_EVERY_MS = 2 * 86400_000;
export const MAX_REMINDERS = 3;
/** Mails per run: a first run on a big directory is spread over several passes. */
const MAX_PER_RUN = 500;

export interface TrainingMailOptions {
  smtp: { url: string; from: string } | undefined;
  /** Base URL of this server as staff reach it (links in the mail). */
  publicUrl: string | undefined;
  now?: Date;
  content?: TrainingContent;
  actor?: Actor;
  timeoutMs?: number;
}

export interface TrainingMailResult {
  sent: number;
  failed: number;
  assigned: number;
  reminders: number;
  errors: Array<{ assignment: string; message: string }>;
}

type Kind = 'assigned' | 'reminder' | 'overdue';

/** Which mail, if any, an open assignment needs now. */
export function mailDue(a: Pick<AssignmentRow, 'notified_at' | 'due_at' | 'reminders_sent' | 'last_reminder_at'>, now: Date): Kind | undefined {
  if (!a.notified_at) return 'assigned';
  if (a.reminders_sent >= MAX_REMINDERS) return undefined;
  const due = Date.parse(a.due_at);
  const last = Math.max(Date.parse(a.notified_at), a.last_reminder_at ? Date.parse(a.last_reminder_at) : 0);
  if (now.getTime() - last < REMIND_EVERY_MS) return undefined;
  if (now.getTime() > due) return 'overdue';
  if (due - now.getTime() <= REMIND_BEFORE_MS) return 'reminder';
  return undefined;
}

/**
 * Sends what open assignments need: the first notice with a personal link, then reminders near
 * and after the due date. Each mail carries a fresh link (only link hashes are stored, so an old
 * link cannot be re-sent). A failed send is retried on the next run.
 */
export async function sendTrainingMail(store: Store, opts: TrainingMailOptions): Promise<TrainingMailResult> {
  if (!opts.smtp) throw UnavailableError('train.no_smtp', 'No SMTP server configured (REMPART_SMTP_URL, REMPART_SMTP_FROM)');
  if (!opts.publicUrl) throw UnavailableError('train.no_public_url', 'REMPART_PUBLIC_URL is needed to put links in training mails');
  const now = opts.now ?? new Date();
  const content = opts.content ?? trainingContent();
  const base = opts.publicUrl.replace(/\/$/, '');
  const host = new URL(base).host;
  const open = await store.db.selectFrom('train_assignments').selectAll().where('status', '=', 'assigned').orderBy('due_at').limit(5000).execute();
  const todo = open.flatMap((a) => {
    const kind = mailDue(a, now);
    return kind ? [{ a, kind }] : [];
  });
  const result: TrainingMailResult = { sent: 0, failed: 0, assigned: 0, reminders: 0, errors: [] };
  if (todo.length === 0) return result;
  const transport = await smtpTransport(opts.smtp.url, { timeoutMs: opts.timeoutMs ?? 15_000 });
  try {
    for (const { a, kind } of todo.slice(0, MAX_PER_RUN)) {
      const lang: Lang = a.lang === 'en' ? 'en' : 'fr';
      const lesson = content.lessons.get(lang, a.lesson_id);
      if (!lesson) continue;
      const due = formatDate(a.due_at, lang);
      // Claim the mail before sending, so two Rempart processes never send the same one;
      // the claim is undone when the send fails, and the next run retries.
      const claim =
        kind === 'assigned'
          ? store.db.updateTable('train_assignments').set({ notified_at: now.toISOString() }).where('id', '=', a.id).where('notified_at', 'is', null)
          : store.db.updateTable('train_assignments').set({ reminders_sent: a.reminders_sent + 1, last_reminder_at: now.toISOString() }).where('id', '=', a.id).where('reminders_sent', '=', a.reminders_sent);
      if (Number((await claim.executeTakeFirst()).numUpdatedRows) === 0) continue;
      try {
        const path = await issueLink(store.db, a, now);
        await transport.sendMail({
          from: opts.smtp.from,
          to: a.staff_email,
          subject: t(lang, `train.mail.${kind}.subject`, { title: lesson.title, due, minutes: lesson.minutes }),
          text: t(lang, 'train.mail.body', { why: t(lang, `train.mail.why.${a.reason}`), title: lesson.title, summary: lesson.summary, minutes: lesson.minutes, due, url: `${base}${path}`, host }),
          headers: { 'X-Rempart-Training': a.id },
        });
        if (kind === 'assigned') result.assigned++;
        else result.reminders++;
        result.sent++;
      } catch (e) {
        await store.db
          .updateTable('train_assignments')
          .set(kind === 'assigned' ? { notified_at: null } : { reminders_sent: a.reminders_sent, last_reminder_at: a.last_reminder_at })
          .where('id', '=', a.id)
          .execute();
        result.failed++;
        result.errors.push({ assignment: a.id, message: (e as Error).message.slice(0, 300) });
      }
    }
  } finally {
    transport.close();
  }
  await audit(store.db, opts.actor ?? systemActor, 'train.mail', null, { sent: result.sent, failed: result.failed, assigned: result.assigned, reminders: result.reminders });
  return result;
}

/** How often the server looks for training mail to send when SMTP and the public URL are set. */
export const MAIL_INTERVAL_MS = 15 * 60_000;

/**
 * Sends training mail periodically in the server process. Safe with several processes thanks to
 * the per-mail claim. Returns a stop function.
 */
export function startTrainingMailer(store: Store, opts: Omit<TrainingMailOptions, 'now'> & { onError?: (e: Error) => void }, intervalMs = MAIL_INTERVAL_MS): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sendTrainingMail(store, opts)
      .catch((e: Error) => opts.onError?.(e))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
