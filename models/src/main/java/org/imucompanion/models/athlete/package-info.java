/**
 * The virtual athlete: repetition templates derived from real recordings, and a synthesizer that
 * performs a workout from them so the app's built-in virtual device looks real to the shipped
 * model without shipping any recording.
 *
 * <p>{@link org.imucompanion.models.athlete.TemplateBuilder} cuts every repetition of the
 * Exermote recordings (a {@code firstHalf} run followed by a {@code secondHalf} run), normalizes
 * it in time and averages it per channel; it also measures how people vary (tempo, amplitude,
 * pauses, set sizes, arm orientation, noise). Only those derived statistics are kept, as the
 * resource {@code athlete-templates.properties} that {@link
 * org.imucompanion.models.athlete.AthleteTemplates#shipped()} loads. {@link
 * org.imucompanion.models.athlete.VirtualAthlete} turns them into a seeded workout that is a pure
 * function of time, with the true label, set and repetition at every moment for tests.
 */
package org.imucompanion.models.athlete;
