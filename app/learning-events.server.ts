/**
 * The learning-event service wired to its consequences. The service (app/events) sits below the
 * certificate and report capabilities it drives, so it cannot import them; this app-level module,
 * like the routes and entry.server, may import every layer and does the wiring once.
 */
import { issueCertificate } from "~/certificates/issue.server";
import { createLearningEvents } from "~/events/learning-events.server";
import { rebuildCohortReports, refreshLearnerReports } from "~/reports/refresh.server";

export const learningEvents = createLearningEvents({ issueCertificate, refreshLearnerReports, rebuildCohortReports });
