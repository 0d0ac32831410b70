import DuchaInterchange
import Foundation
import Testing

@Suite struct XMLReaderTests {
    /// Every event of a document, as `<name a=v>` and `</name>` lines.
    static func events(_ text: String, bufferSize: Int = 7) throws -> [String] {
        var reader = XMLReader(MemoryByteSource(text), bufferSize: bufferSize)
        var lines: [String] = []
        while let event = try reader.next() {
            switch event {
            case .start(let element):
                lines.append("<" + ([element.name] + element.attributes.map { "\($0.name)=\($0.value)" }).joined(separator: " ") + ">")
            case .end(let name):
                lines.append("</\(name)>")
            }
        }
        return lines
    }

    static func failure(_ text: String) -> XMLError? {
        do {
            _ = try events(text)
            return nil
        } catch let error as XMLError {
            return error
        } catch {
            return nil
        }
    }

    @Test func elementsAndAttributesInOrderAcrossSmallBuffers() throws {
        let text = """
            <?xml version='1.0' encoding="UTF-8" ?>
            <!-- a comment with <tags> -->
            <log xes.version="1.0" xmlns="http://www.xes-standard.org/">
              <string key="concept:name" value="‘WABO’ &amp; &lt;receipt&gt; &#20013;&#x6587;"/>
              <trace><event><date key='time:timestamp' value="2011-10-11T13:45:40.276+02:00" /></event>
              text is skipped <![CDATA[ <not a tag> ]]></trace>
            </log>
            """
        #expect(try XMLReaderTests.events(text) == [
            "<log xes.version=1.0 xmlns=http://www.xes-standard.org/>",
            "<string key=concept:name value=‘WABO’ & <receipt> 中文>", "</string>",
            "<trace>", "<event>", "<date key=time:timestamp value=2011-10-11T13:45:40.276+02:00>", "</date>", "</event>", "</trace>",
            "</log>",
        ])
        #expect(try XMLReaderTests.events(text, bufferSize: 1 << 16) == XMLReaderTests.events(text))
    }

    /// Bad input is refused with its place and what would be right.
    @Test(arguments: [
        ("<log><trace></log>", "mismatched-tag", 1, 13, "</log> does not close <trace> opened at line 1, column 6"),
        ("<log>\n<trace>\n", "truncated", 3, 1, "the file ends inside <trace> opened at line 2, column 1"),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<log/>", "doctype", 2, 1, "a document type declaration"),
        ("<log a=\"&lol;\"/>", "entity", 1, 9, "&lol; is not a predefined entity"),
        ("<log a=\"x\" a=\"y\"/>", "malformed", 1, 12, "<log> has the attribute a twice"),
        ("<log a=\"x<y\"/>", "malformed", 1, 10, "< inside the value of a"),
        ("<log a=x/>", "malformed", 1, 8, "expected the value of a in quotes"),
        ("</log>", "mismatched-tag", 1, 1, "</log> closes nothing"),
        ("<log><!-- never closed", "truncated", 1, 23, "the comment starting at line 1"),
    ])
    func badInputIsPlaced(text: String, code: String, line: Int, column: Int, message: String) throws {
        let error = try #require(XMLReaderTests.failure(text), "\(text) was accepted")
        #expect(error.code == code)
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test func cdataEndsAfterExtraBrackets() throws {
        #expect(try XMLReaderTests.events("<log><![CDATA[x]]]></log>") == ["<log>", "</log>"])
        #expect(try XMLReaderTests.events("<log><!-- a --- b --></log>") == ["<log>", "</log>"])
    }

    @Test func absurdlyLongValuesAndDeepNestingAreRefused() {
        var limits = XMLReader.Limits()
        limits.valueBytes = 100
        limits.depth = 3
        var long = XMLReader(MemoryByteSource("<log a=\"" + String(repeating: "x", count: 101) + "\"/>"), limits: limits)
        #expect(throws: XMLError.self) { _ = try long.next() }
        var deep = XMLReader(MemoryByteSource("<a><b><c><d/></c></b></a>"), limits: limits)
        #expect(throws: XMLError.self) { while try deep.next() != nil {} }
    }

    @Test func invalidUTF8IsAnEncodingError() {
        var reader = XMLReader(MemoryByteSource([UInt8]("<log a=\"".utf8) + [0xFF, 0xFE] + [UInt8]("\"/>".utf8)))
        #expect(throws: XMLError("encoding", "the value of a is not valid UTF-8; event logs are read as UTF-8", line: 1, column: 9)) { _ = try reader.next() }
    }

    /// The shared road-traffic log reads through: 51 traces, 201 events.
    @Test func theSharedRoadTrafficLogReadsThrough() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/data/eventlogs/roadtraffic50traces.xes").standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("\(path) is not there: the shared event logs are needed for this test")
            return
        }
        var reader = XMLReader(MemoryByteSource([UInt8](data)))
        var traces = 0, events = 0
        while let event = try reader.next() {
            if case .start(let element) = event {
                if element.name == "trace" { traces += 1 }
                if element.name == "event" { events += 1 }
            }
        }
        #expect(traces == 51 && events == 201)
    }
}
