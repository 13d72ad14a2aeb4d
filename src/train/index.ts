import './messages.ts';
export { SIGNAL_IDS, SIGNAL_LABELS, isSignalId, type SignalId } from './signal-ids.ts';
export { loadLessons, CONTENT_DIR, ContentError, type Lesson, type LessonCatalogue } from './lessons.ts';
export { loadExercises, exerciseSignals, type Exercise, type ExerciseCatalogue } from './exercises.ts';
export { trainingContent, loadTrainingContent, type TrainingContent } from './content.ts';
export { disarmEmailHtml, type DisarmReport } from './disarm.ts';
export { renderMarkdown, escapeHtml } from './markdown.ts';
export { lessonsForDrillFailure, type LessonChoice } from './lure-map.ts';
export {
  enrolAfterDrillFailure,
  assignLesson,
  listAssignments,
  cancelAssignment,
  issueLink,
  resolveStaffToken,
  enrolInputSchema,
  manualAssignSchema,
  DEFAULT_DUE_DAYS,
  STAFF_PATH_PREFIX,
  type Assignment,
  type CreatedAssignment,
  type EnrolInput,
  type ManualAssignInput,
} from './assignments.ts';
export { openStaffSession, markLessonRead, recordStaffAnswer, getProgress, progressReport, score, type Progress, type ProgressReport, type StaffSession, type Answer } from './progress.ts';
export { sendTrainingMail, startTrainingMailer, mailDue, type TrainingMailResult } from './mail.ts';
export { addOrgExercise, listOrgExercises, removeOrgExercise, anonymise, orgExerciseSchema, type OrgExerciseInput } from './org-exercises.ts';
export { trainingTiles } from './tiles.ts';
export { demoTrainingStep } from './demo.ts';
