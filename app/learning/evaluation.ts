/** The evaluation form's fields and limits, shared by the form (browser) and its server rules. */
export const EVALUATION_RATINGS = ["relevance", "objectivesMet", "quality", "independent"] as const;
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];
/** The same bound as the study time asked at the assessment. */
export const EVALUATION_MINUTES_MAX = 600;
export const EVALUATION_COMMENT_MAX = 2000;
