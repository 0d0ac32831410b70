/// The thresholds that define the labelled anomalies, with the margins the generator
/// keeps: normal rows stay well clear of every threshold, labelled rows well past it,
/// so a check using these values (or values a little off) finds exactly the labels.
public enum DemoThresholds {
    /// late-recording: a step recorded this long or longer after it occurred (3 days).
    /// Steps are recorded within 4 hours as cases run (within 12 hours when a case is
    /// entered whole at the end of its day); labelled ones 3.5 days or more later.
    public static let lateRecordingMilliseconds: Int64 = 3 * 86_400_000

    /// bulk-recording: the steps' occurred times span at least this long (2 days) ...
    /// (labelled cases span 3.5 days or more; backfilled cases not labelled span under 12 hours).
    public static let bulkSpanMilliseconds: Int64 = 2 * 86_400_000
    /// ... while all the steps were recorded within this long (30 minutes; labelled cases
    /// within 20 minutes; normal cases spanning 2 days have recordings days apart).
    public static let bulkRecordingWindowMilliseconds: Int64 = 30 * 60_000

    /// one-person-case: at least this many steps, all recorded by one operator.
    public static let onePersonMinimumSteps = 3

    /// unhandled-alarm: an alarm still unhandled, raised this many days or more before
    /// the story date (7). Every alarm in the data is raised 10 days or more before it.
    public static let unhandledAlarmDays = 7

    /// supervisor-inactive: the last login this many days or more before the story date
    /// (30). Inactive supervisors stopped 40 days or more before it; the others logged in
    /// within the last 15 days.
    public static let supervisorInactiveDays = 30

    /// months-without-case: this many consecutive whole empty months (3) among
    /// January to April 2016; normal departments have a case every month.
    public static let emptyMonthsRun = 3

    /// single-category: the department had at least this many cases in 2016 (5);
    /// departments with cases have 4 or fewer, or 8 or more.
    public static let singleCategoryMinimumCases = 5
    /// single-category: the department's active items span at least this many categories (3).
    public static let singleCategoryMinimumItemCategories = 3

    /// few-terminals: an online department with this many terminals or fewer (2);
    /// the others have 4 or more.
    public static let fewTerminalsMaximum = 2

    /// low-region: a region whose January to April cases are below this share of the
    /// median of the other district, county and county-level-city regions (20%).
    /// 万源市 is under 10%; the others are within 40% of the median.
    public static let lowRegionShareOfMedian = 0.2

    /// template-copy-too-many-steps: a copy with at least this multiple (1.5) of the
    /// median step count of the department workflows of the same category.
    /// Labelled copies have 11 steps against a median of 6; no other workflow exceeds 1.25 times its median.
    public static let tooManyStepsFactor = 1.5

    /// step-overtime: a step is over time when its working days (the working dates, by
    /// the holiday notices, after the previous step's date, up to and including its own) exceed
    /// the workflow step's time limit. Labelled steps exceed it by this many working
    /// days or more (2); normal steps use at most half the limit.
    public static let overtimeExcessWorkingDays = 2

    /// case-overtime: a case is over its item's time limit (its workflow's step limits up to
    /// the decision, added up) by this many working days or more, counting from opening to
    /// decision, or to the story date while undecided (the check's default excess, 1).
    public static let caseOvertimeExcessWorkingDays = 1
}
