import { ContentError, CONTENT_DIR, loadLessons, type LessonCatalogue } from './lessons.ts';
import { loadExercises, type ExerciseCatalogue } from './exercises.ts';

export interface TrainingContent {
  lessons: LessonCatalogue;
  exercises: ExerciseCatalogue;
}

/**
 * Loads lessons and exercises and checks them against each other: every lesson's exercise set
 * must have exercises. Throws a ContentError naming the broken file.
 */
export function loadTrainingContent(root: string = CONTENT_DIR): TrainingContent {
  const lessons = loadLessons(root);
  const exercises = loadExercises(root);
  for (const lang of ['fr', 'en'] as const)
    for (const l of lessons.byLang[lang])
      if (!exercises.setIds.includes(l.exercises)) throw new ContentError(l.file, `exercise set "${l.exercises}" has no exercise (sets: ${exercises.setIds.join(', ')})`);
  return { lessons, exercises };
}

let cached: TrainingContent | undefined;

/** The shipped content, loaded and validated once per process (it does not change while it runs). */
export function trainingContent(): TrainingContent {
  cached ??= loadTrainingContent();
  return cached;
}
