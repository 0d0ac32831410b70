import DuchaCore
import DuchaInterchange
import Foundation
import Testing

@Suite struct XESReaderTests {
    static func cases(_ text: String) throws -> (XESHeader, [CaseRecord]) {
        var reader = XESReader(MemoryByteSource(text))
        var cases: [CaseRecord] = []
        while let record = try reader.next() { cases.append(record) }
        return (reader.header, cases)
    }

    static func failure(_ text: String) -> XMLError? {
        do {
            _ = try cases(text)
            return nil
        } catch let error as XMLError {
            return error
        } catch {
            return nil
        }
    }

    @Test func mapsTracesEventsAndKeepsEveryOtherAttribute() throws {
        let (header, cases) = try XESReaderTests.cases("""
            <?xml version='1.0'?>
            <xes:log xmlns:xes="http://www.xes-standard.org/" xes.version="1.0">
              <string key="concept:name" value="‘WABO’"/>
              <trace>
                <date key="deadline" value="2011-12-06T13:41:31.788+01:00"/>
                <string key="concept:name" value="case-1"/>
                <event>
                  <string key="org:group" value="EMPTY"/>
                  <string key="concept:name" value="Register"/>
                  <date key="time:timestamp" value="2011-10-30T02:30:00.000+02:00"/>
                  <string key="org:resource" value="TEST"/>
                  <string key="lifecycle:transition" value="complete"/>
                </event>
                <event>
                  <date key="time:timestamp" value="2011-10-30T02:10:00+01:00"/>
                  <string key="concept:name" value="Decide"/>
                  <list key="reasons"><values><string key="" value="late"/><int key="" value="3"/></values></list>
                </event>
              </trace>
              <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
              <global scope="event"><string key="org:resource" value="UNKNOWN"/></global>
              <trace><string key="concept:name" value="case-2"/></trace>
            </xes:log>
            """)
        #expect(header.name == "‘WABO’")
        #expect(header.extensions.map(\.prefix) == ["concept"])
        #expect(header.eventGlobals == [AttributeRecord(key: "org:resource", type: "string", value: "UNKNOWN")])
        #expect(cases.map(\.number) == ["case-1", "case-2"])
        let first = cases[0]
        #expect(first.attributes == [AttributeRecord(key: "deadline", type: "date", value: "2011-12-06T13:41:31.788+01:00")])
        #expect(first.steps.map(\.activity) == ["Register", "Decide"])
        #expect(first.steps.map(\.resource) == ["TEST", nil])
        #expect(first.steps.map(\.lifecycle) == ["complete", nil])
        #expect(first.steps[0].attributes == [AttributeRecord(key: "org:group", type: "string", value: "EMPTY")])
        #expect(first.steps[1].attributes == [AttributeRecord(key: "reasons", type: "list", value: "", children: [
            AttributeRecord(key: "", type: "string", value: "late"), AttributeRecord(key: "", type: "int", value: "3"),
        ])])
        // Across the autumn change: 02:30+02:00 is 00:30Z, 02:10+01:00 is 01:10Z, 40 minutes later.
        let (one, two) = (first.steps[0].occurred, first.steps[1].occurred)
        #expect(two.instant.millisecondsSinceEpoch - one.instant.millisecondsSinceEpoch == 40 * Milliseconds.minute)
        #expect(one.utcOffset == 120 && two.utcOffset == 60)
        #expect(one.xsDateTime == "2011-10-30T02:30:00.000+02:00")
        #expect(cases[1].steps.isEmpty)
    }

    @Test(arguments: [
        ("<log><trace><event><string key=\"concept:name\" value=\"a\"/></event></trace></log>", "missing", 1, 13, "the <event> \"a\" at line 1, column 13 has no time:timestamp"),
        ("<log><trace><string key=\"x\" value=\"y\"/></trace></log>", "missing", 1, 6, "the <trace> at line 1, column 6 has no concept:name"),
        ("<log><trace><string key=\"concept:name\" value=\"c\"/><event><string key=\"concept:name\" value=\"a\"/><string key=\"time:timestamp\" value=\"11/10/2011\"/></event></trace></log>",
         "date", 1, 96, "time:timestamp \"11/10/2011\" is not a date and time"),
        ("<log><date key=\"d\" value=\"11/10/2011\"/></log>", "value", 1, 6, "<date key=\"d\"> has the value \"11/10/2011\", which is not a date and time"),
        ("<log><int key=\"n\" value=\"1.5\"/></log>", "value", 1, 6, "<int key=\"n\"> has the value \"1.5\", which is not a whole number"),
        ("<root/>", "not-xes", 1, 1, "the root element is <root>"),
        ("<log><trace><span/></trace></log>", "not-xes", 1, 13, "<span> is not expected inside <trace>"),
        ("<log><string value=\"v\"/></log>", "missing", 1, 6, "<string> has no key"),
        ("<log></log><log/>", "malformed", 1, 12, "<log> after </log>"),
    ])
    func badLogsArePlaced(text: String, code: String, line: Int, column: Int, message: String) throws {
        let error = try #require(XESReaderTests.failure(text), "\(text) was accepted")
        #expect(error.code == code, "\(error)")
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test func aTraceWithTooManyEventsIsRefused() {
        let event = #"<event><string key="concept:name" value="a"/><date key="time:timestamp" value="2016-05-03T09:30:00Z"/></event>"#
        var reader = XESReader(MemoryByteSource("<log><trace><string key=\"concept:name\" value=\"c\"/>" + String(repeating: event, count: 4) + "</trace></log>"),
                               eventsPerTrace: 3)
        let error = #expect(throws: XMLError.self) { _ = try reader.next() }
        #expect(error?.code == "too-long" && error?.message.hasPrefix("the <trace> at line 1, column 6 has more than 3 events") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("2011-10-11T13:45:40.276+02:00", 1_318_333_540_276 as Int64, 120 as Int?),
        ("2006-07-24T00:00:00.000", 1_153_699_200_000, nil),
        ("2016-05-03 09:30:00Z", 1_462_267_800_000, 0),
        ("2016-05-03T09:30-0530", 1_462_287_600_000, -330),
        ("2016-05-03", 1_462_233_600_000, nil),
        ("1969-12-31T23:59:59.999+00:00", -1, 0),
    ])
    func timesAreReadAsWritten(text: String, milliseconds: Int64, offset: Int?) throws {
        let time = try #require(WrittenTime(parsing: text))
        #expect(time.instant.millisecondsSinceEpoch == milliseconds)
        #expect(time.utcOffset == offset)
        #expect(WrittenTime(parsing: time.xsDateTime) == time)
    }

    @Test(arguments: ["2011-02-30T00:00:00", "2011-10-11T25:00:00", "2011-10-11T13:45:40+15:00", "2011-10-11T13:45:40.", "11/10/2011", "2011-10-11T13:45:40+02:00junk", ""])
    func impossibleTimesAreRefused(text: String) {
        #expect(WrittenTime(parsing: text) == nil)
    }

    /// Both shared logs read through with the reference counts; receipt is gzip.
    @Test(arguments: ["receipt", "roadtraffic50traces"])
    func sharedLogsMatchTheirReferenceCounts(log: String) throws {
        guard let reference = SharedLogs.reference(log), let file = reference["file"] as? String, let path = SharedLogs.path(file) else { return }
        let input = try InputFile(path: path)
        #expect(input.isCompressed == file.hasSuffix(".gz"))
        var reader = XESReader(input)
        var cases = 0, events = 0
        var activities = Set<String>(), resources = Set<String>()
        while let record = try reader.next() {
            cases += 1
            events += record.steps.count
            for step in record.steps {
                activities.insert(step.activity)
                if let resource = step.resource { resources.insert(resource) }
            }
        }
        #expect(cases == reference["n_cases"] as? Int)
        #expect(events == reference["n_events"] as? Int)
        #expect(activities.count == reference["n_activities"] as? Int)
        #expect(resources.count == reference["n_resources"] as? Int)
        #expect(try BackgroundDigest(path: path).wait() == reference["file_sha256"] as? String)
        #expect(try FileByteSource.portableDigest(path: path) == reference["file_sha256"] as? String)
        #expect(try FileByteSource.size(path: path) == reference["file_bytes"] as? Int)
    }

    @Test func aTruncatedGzipStreamIsAnErrorNotAShorterLog() throws {
        guard let path = SharedLogs.path("receipt.xes.gz"), let data = FileManager.default.contents(atPath: path) else { return }
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID().uuidString).xes.gz")
        try data.prefix(data.count / 2).write(to: cut)
        defer { try? FileManager.default.removeItem(at: cut) }
        var reader = XESReader(try InputFile(path: cut.path))
        let error = #expect(throws: XMLError.self) { while try reader.next() != nil {} }
        #expect(error?.code == "truncated", "\(String(describing: error))")
        #expect(error?.message.contains("gzip stream is cut short") == true)
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var pieces = SHA256()
        let text = Array(String(repeating: "督查a", count: 100).utf8)
        for chunk in stride(from: 0, to: text.count, by: 37) { pieces.update(Array(text[chunk ..< min(chunk + 37, text.count)])) }
        #expect(pieces.finalize() == SHA256.hex(text))
    }
}

@Suite struct XESWriterTests {
    /// What the writer writes, the reader reads back the same: names, nesting, escaping.
    @Test func writtenLogsReadBackTheSame() throws {
        let steps = [
            StepRecord(activity: "受理 & <审核>", resource: "TEST", occurred: WrittenTime(parsing: "2011-10-30T02:30:00.000+02:00")!, lifecycle: "complete",
                       attributes: [AttributeRecord(key: "note", type: "string", value: "line one\nline \"two\"\ttab")], line: 0),
            StepRecord(activity: "决定", resource: nil, occurred: WrittenTime(parsing: "2006-07-24T00:00:00.000")!, lifecycle: nil,
                       attributes: [AttributeRecord(key: "reasons", type: "list", value: "", children: [
                           AttributeRecord(key: "", type: "int", value: "3"), AttributeRecord(key: "", type: "string", value: "late"),
                       ])], line: 0),
        ]
        let record = CaseRecord(number: "案-1", attributes: [AttributeRecord(key: "meta", type: "container", value: "", children: [
            AttributeRecord(key: "x", type: "float", value: "1.5"),
        ])], steps: steps, line: 0, column: 0)
        var header = XESHeader.standard(name: "测试")
        header.eventGlobals = [AttributeRecord(key: "org:resource", type: "string", value: "UNKNOWN")]
        var writer = XESWriter(MemoryByteSink())
        try writer.writeHeader(header)
        try writer.write(record)
        try writer.finish()
        var reader = XESReader(MemoryByteSource(writer.written.bytes))
        let read = try #require(try reader.next())
        #expect(try reader.next() == nil)
        #expect(read.number == record.number && read.attributes == record.attributes)
        #expect(read.steps.map(\.activity) == steps.map(\.activity))
        #expect(read.steps.map(\.resource) == steps.map(\.resource))
        #expect(read.steps.map(\.occurred) == steps.map(\.occurred))
        #expect(read.steps.map(\.lifecycle) == steps.map(\.lifecycle))
        #expect(read.steps.map(\.attributes) == steps.map(\.attributes))
        #expect(reader.header == header)
        #expect(XESHeader(kept: header.keptAttributes) == header)
    }

    @Test func keptAttributesRoundTripThroughJSON() {
        let attributes = [
            AttributeRecord(key: "org:group", type: "string", value: "引号\"与\\反斜杠\u{1}\n\t\u{7F}"),
            AttributeRecord(key: "l", type: "list", value: "", children: [AttributeRecord(key: "", type: "date", value: "2011-10-30T02:30:00.000+02:00")]),
        ]
        let json = JSONText.attributes(attributes)!
        // Escaped as JSONText.quoted escapes one string, and exactly so.
        #expect(json == "[[\"string\",\"org:group\",\"引号\\\"与\\\\反斜杠\\u0001\\n\\t\\u007f\"],[\"list\",\"l\",\"\",[[\"date\",\"\",\"2011-10-30T02:30:00.000+02:00\"]]]]")
        #expect(json.contains(String(JSONText.quoted(attributes[0].value).dropFirst().dropLast())))
        #expect(JSONText.parseAttributes(json) == attributes)
        #expect(JSONText.parseAttributes("[[\"string\",\"a\"]]") == nil)
        #expect(JSONText.attributes([]) == nil)
    }
}
