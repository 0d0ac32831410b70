import DuchaCore
@testable import DuchaDemo
import DuchaStore
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options are checked before anything is written, and no file is ever half made.
@Suite struct OptionsTests {
    @Test(arguments: [0, -1, 101, 1000])
    func scaleOutOfRangeIsRefused(scale: Int) {
        let path = "/tmp/ducha-demo-options-\(getpid())-\(scale).db"
        #expect(throws: DemoError("the scale must be a whole number from 1 to 100, not \(scale)")) {
            try DemoScenario.generate(into: path, options: DemoOptions(scale: scale))
        }
        #expect(access(path, F_OK) != 0)
        #expect(access(path + ".partial", F_OK) != 0)
    }

    @Test(arguments: ["2016-04-30", "2017-01-01", "2015-05-20"])
    func storyDateOutOfRangeIsRefused(date: String) {
        let options = DemoOptions(storyDate: CivilDate(date)!)
        #expect(throws: DemoError.self) { try options.validate() }
    }

    @Test func defaultsTellTheBulletinsStory() throws {
        let options = DemoOptions()
        #expect(options.scale == 1 && options.seed == 2016 && options.storyDate == CivilDate(year: 2016, month: 5, day: 20)!)
        try options.validate()
    }

    @Test func theStoryDateCanMove() throws {
        let path = "/tmp/ducha-demo-options-\(getpid())-june.db"
        DemoDatabase.remove(path)
        defer { DemoDatabase.remove(path) }
        let storyDate = CivilDate(year: 2016, month: 6, day: 30)!
        let summary = try DemoScenario.generate(into: path, options: DemoOptions(storyDate: storyDate))
        #expect(try summary.rows(in: "cases") > SharedDemo.generated.summary.rows(in: "cases"))
        let database = try DemoDatabase(path: path)
        #expect(try database.store.setting("story_date") == "2016-06-30")
        let cutoff = Value.integer(ChinaTime.instant(storyDate).millisecondsSinceEpoch)
        #expect(try database.scalar("SELECT count(*) FROM steps WHERE occurred >= ?1 OR recorded >= ?1", [cutoff]) == 0)
        #expect(try database.scalar("SELECT max(opened) FROM cases") >= ChinaTime.instant(CivilDate(year: 2016, month: 6, day: 20)!).millisecondsSinceEpoch)
        #expect(try database.scalar("""
            SELECT count(*) FROM cases c JOIN departments d ON d.id = c.department_id JOIN regions r ON r.id = d.region_id
            WHERE r.code = 'WY' AND d.name <> '万源市房管局' AND c.opened >= ? AND c.opened < ?
            """, [.integer(DemoDatabase.january), .integer(DemoDatabase.may)]) == 11)
        #expect(try database.labelled(.lowRegion) == [8])
        // Over-time steps and unhandled alarms follow the moved date too.
        let old = Value.integer(ChinaTime.instant(storyDate).millisecondsSinceEpoch - 7 * DemoDatabase.day)
        #expect(Set(try database.integers("SELECT id FROM alerts WHERE level = 'alarm' AND handled IS NULL AND raised <= ?", [old]))
                == (try database.labelled(.unhandledAlarm)))
        #expect(Set(try database.integers("SELECT id FROM steps WHERE recorded - occurred >= ?", [.integer(3 * DemoDatabase.day)]))
                == (try database.labelled(.lateRecording)))
        #expect(Set(try database.integers(LabelTests.stepWorkingDays + "SELECT id FROM counted WHERE working_days > time_limit"))
                == (try database.labelled(.stepOvertime)))
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let path = "/tmp/ducha-demo-options-\(getpid())-existing.db"
        let file = fopen(path, "w")
        fputs("keep me", file)
        fclose(file)
        defer { unlink(path) }
        #expect(throws: DemoError.self) { try DemoScenario.generate(into: path, options: DemoOptions()) }
        var information = stat()
        #expect(stat(path, &information) == 0 && information.st_size == 7)
    }

    @Test func aFailedGenerationLeavesNoFile() {
        let path = "/tmp/ducha-demo-no-such-folder-\(getpid())/demo.db"
        #expect(throws: (any Error).self) { try DemoScenario.generate(into: path, options: DemoOptions()) }
        #expect(access(path, F_OK) != 0)
        #expect(access(path + ".partial", F_OK) != 0)
    }

    @Test func aFinishedGenerationLeavesOnlyTheFile() throws {
        let path = try SharedDemo.generated.path
        #expect(access(path, F_OK) == 0)
        for suffix in [".partial", "-journal"] { #expect(access(path + suffix, F_OK) != 0, "\(suffix) left behind") }
    }
}

@Suite struct ItemNameTests {
    @Test(arguments: [
        ("#登记", "房屋登记", "房屋登记"), ("#登记", "婚姻", "婚姻登记"), ("对未取得#许可擅自从事相关活动的处罚", "农药", "对未取得农药许可擅自从事相关活动的处罚"),
        ("#许可", "商品房预售许可", "商品房预售许可"), ("#", "", ""), ("无占位", "农药", "无占位"), ("#监督检查", "检", "检监督检查"),
    ])
    func placeholderIsReplacedWithoutDoubledWords(template: String, subject: String, expected: String) {
        #expect(template.replacingPlaceholder(with: subject) == expected)
    }
}
