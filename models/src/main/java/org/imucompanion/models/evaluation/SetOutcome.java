package org.imucompanion.models.evaluation;

/**
 * What a coach saw during one true set.
 *
 * @param subject the recording's subject
 * @param session the recording's session id
 * @param exercise the set's true class (model spelling)
 * @param startSeconds the set's start
 * @param rightMostOfTheSet whether the label shown for most of the set's windows was its exercise
 * @param delaySeconds from the set's start to the end of the first window showing its exercise;
 *     positive infinity if it was never shown
 * @param labelChanges how often the shown label changed between consecutive windows of the set
 */
public record SetOutcome(String subject, String session, String exercise, double startSeconds,
    boolean rightMostOfTheSet, double delaySeconds, int labelChanges) {}
