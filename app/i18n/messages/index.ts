import type { Locale } from "~/domain/constants";

import * as account from "./account";
import * as admin from "./admin";
import * as common from "./common";
import * as errors from "./errors";
import * as learning from "./learning";
import * as quiz from "./quiz";
import * as certificates from "./certificates";
import * as registers from "./registers";
import * as verification from "./verification";
import * as organisations from "./organisations";
import * as cohorts from "./cohorts";
import * as reports from "./reports";
import * as scorm from "./scorm";
import * as exportMessages from "./export";
import * as finishing from "./finishing";
import * as evaluation from "./evaluation";
import * as trust from "./trust";
import * as trainer from "./trainer";

/**
 * Each file exports `nl` (the source: its keys define the key type) and `en`, typed against
 * `nl` so a missing English string is a type error.
 */
const nl = {
  ...common.nl,
  ...account.nl,
  ...learning.nl,
  ...quiz.nl,
  ...certificates.nl,
  ...registers.nl,
  ...verification.nl,
  ...admin.nl,
  ...organisations.nl,
  ...cohorts.nl,
  ...reports.nl,
  ...scorm.nl,
  ...exportMessages.nl,
  ...evaluation.nl,
  ...errors.nl,
  ...finishing.nl,
  ...trust.nl,
  ...trainer.nl,
};
const en = {
  ...common.en,
  ...account.en,
  ...learning.en,
  ...quiz.en,
  ...certificates.en,
  ...registers.en,
  ...verification.en,
  ...admin.en,
  ...organisations.en,
  ...cohorts.en,
  ...reports.en,
  ...scorm.en,
  ...exportMessages.en,
  ...evaluation.en,
  ...errors.en,
  ...finishing.en,
  ...trust.en,
  ...trainer.en,
};

export type MessageKey = keyof typeof nl;
export const messages: Record<Locale, Record<MessageKey, string>> = { nl, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(nl, value);
}
