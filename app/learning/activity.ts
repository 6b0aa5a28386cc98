/**
 * How often the lesson page tells the server the learner is still reading; shared by the page's
 * heartbeat and the server's active-time rule (activity.server.ts), which credits at most
 * MAX_GAP_SECONDS per heartbeat.
 */
export const HEARTBEAT_SECONDS = 15;
