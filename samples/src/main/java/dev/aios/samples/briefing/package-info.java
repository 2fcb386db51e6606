/**
 * The morning briefing, the sample agent of README's main job:
 * {@link dev.aios.samples.briefing.BriefingWorld} writes a realistic world (two weeks of mail
 * with the user's sent replies, a calendar, a Slack export, a tracker), one of three sample
 * worlds: a software product lead's, a construction site manager's and a Dutch university lab
 * manager's, the last two written apart from the triage code and the third held out from its
 * tuning;
 * {@link dev.aios.samples.briefing.BriefingAgent} reads it into memory with the awareness
 * daemon, triages the inbox with an online classifier over in-process embeddings, drafts replies
 * in the user's voice, briefs today's meetings, and files the bug reported in chat through the
 * agent loop, learning skills that a second run reuses. With brains configured
 * ({@link dev.aios.samples.briefing.BriefingBrains}) the drafts are written by a routed brain
 * and checked, and the user's corrections and edited drafts are learned.
 * {@link dev.aios.samples.briefing.BriefingMeasurements} prints the measurements on each.
 */
@NullMarked
package dev.aios.samples.briefing;

import org.jspecify.annotations.NullMarked;
