/// How a department's people record cases: the share of cases entered after the fact,
/// with steps entered late, entered by one person, reviewed by the person who accepted
/// them, with a step over its time limit, or with a rule warning.
struct RecordingHabits: Sendable {
    /// Share of cases entered whole after the result exists (事后补录).
    var backfill = 0.0
    /// Share of cases with one step entered days late.
    var partialLate = 0.0
    /// Share of cases one operator enters whole, leader approval included (一人录入).
    var onePerson = 0.0
    /// Share of cases whose accepting clerk also records the review.
    var samePersonReview = 0.0
    /// Share of cases with one step over its time limit (on workflows that fit the work).
    var overtime = 0.0
    /// Share of cases with a rule warning from the supervision system.
    var ruleWarning = 0.0

    /// Cases run online as they happen: no anomaly at all.
    static let online = RecordingHabits()
}
