import CZlib
import Foundation
import Testing

/// The HTML bulletin checked as a person would see it: the demo scenario's report opened in
/// a real headless Chromium (the distribution's package, installed by scripts/setup),
/// screenshotted, and the pictures read back pixel by pixel.
@Suite(.serialized) struct BrowserTests {
    /// The title's colour in the stylesheet (`h1 { color: #b0191e }`).
    static let titleRed: RGB = (0xb0, 0x19, 0x1e)
    /// The page's background outside the white sheet (`body { background: #f4f4f2 }`).
    static let pageGrey: RGB = (0xf4, 0xf4, 0xf2)
    /// `SVGChart.palette`: the colours of bars, lines and legend keys.
    static let palette: [RGB] = ["#1f5fa8", "#d1495b", "#2a9d8f", "#e9a03b", "#6a4c93", "#8a8d91", "#3d8b37", "#b5651d", "#00798c", "#c44d8e"].map(rgb)
    /// Width of the full-page screenshot, and the tallest page it measures.
    static let pageWidth = 900, tallest = 16000

    @Test func theDemoBulletinRendersInAHeadlessBrowserWithItsCharts() throws {
        let started = Date()
        guard let chromium = Chromium.find() else {
            Issue.record("chromium is needed for this test and was not found on the PATH or at /usr/bin/chromium; scripts/setup installs it (apt-get install chromium fonts-wqy-zenhei)")
            return
        }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let fonts = try Chromium.execute(["/bin/sh", "-c", "fc-list :lang=zh family"], in: runner.home, timeout: 30)
        try #require(!fonts.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                     "no Chinese font is installed, so the page would show empty boxes; scripts/setup installs fonts-wqy-zenhei")

        let generated = try runner.run(["demo", "--out", runner.file("demo.db")])
        try #require(generated.status == 0, "\(generated.standardError)")
        let issued = try runner.run(["demo.db", "--as", "王督查", "-c", "order issue to 市农业局 due 2016-06-15 \"说明连续无办件原因\" cc \"市政府督查室,市监察局\""])
        try #require(issued.status == 0, "\(issued.standardError)")
        let written = try runner.run(["demo.db", "-c", "report bulletin 2016-01..2016-04 > bulletin.html"])
        try #require(written.status == 0, "\(written.standardError)")
        let html = try String(contentsOfFile: runner.file("bulletin.html"), encoding: .utf8)

        // Self-contained: no script, and nothing referred to outside the file.
        let lowered = html.lowercased()
        for word in ["<script", "<link", "<iframe", "<img", "<object", "<embed", "@import", "url("] {
            let found = lowered.contains(word)
            #expect(!found, "the report should be self-contained but has \(word)")
        }
        for attribute in ["src=\"", "href=\""] {
            for value in BrowserTests.values(of: attribute, in: html) {
                #expect(value.hasPrefix("#"), "\(attribute)\(value)\" refers outside the report")
            }
        }
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        let addresses = ["http://", "https://"].filter(withoutNamespace.contains)
        #expect(addresses.isEmpty, "the report names an address on the network")

        let charts = BrowserTests.charts(in: html)
        #expect(charts.count >= 3, "charts: \(charts.map(\.id))")
        #expect(charts.map(\.id) == (0..<charts.count).map { "chart-\($0 + 1)" })
        let styleStart = try #require(html.range(of: "<style>")), styleEnd = try #require(html.range(of: "</style>"))
        let stylesheet = String(html[styleStart.upperBound..<styleEnd.lowerBound])

        let kept = URL(fileURLWithPath: BinaryRunner.binary).deletingLastPathComponent().appendingPathComponent("browser-screenshots").path
        try? FileManager.default.removeItem(atPath: kept)
        try FileManager.default.createDirectory(atPath: kept, withIntermediateDirectories: true)

        // Each chart alone, at its own size, in the report's stylesheet on white; all at once.
        var shots: [(chart: Chart, run: Chromium.Run)] = []
        for chart in charts {
            let page = runner.file("\(chart.id).html")
            try ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<style>\n\(stylesheet)\nbody { background: #fff; }\nsvg.chart { margin: 0; }\n</style>\n</head>\n<body>\n\(chart.svg)\n</body>\n</html>\n")
                .write(toFile: page, atomically: true, encoding: .utf8)
            shots.append((chart, try chromium.start(page: page, width: chart.width, height: chart.height, screenshot: kept + "/\(chart.id).png", home: runner.home)))
        }
        for (chart, run) in shots {
            let outcome = run.finish()
            try BrowserTests.expectNoConsoleErrors(outcome, chart.id)
            let image = try PNGImage(path: run.screenshot)
            #expect(image.width == chart.width && image.height == chart.height, "\(chart.id): \(image.width)×\(image.height), asked for \(chart.width)×\(chart.height)")
            let coloured = image.count { pixel in BrowserTests.palette.contains { BrowserTests.near(pixel, $0, 24) } }
            let ink = image.count(where: BrowserTests.isInk)
            // The smallest chart (one bar of 1) still has a bar of some 600×16 pixels and its title.
            #expect(coloured >= 2_000, "\(chart.id) «\(chart.title)»: only \(coloured) pixels in the palette's colours; bars or lines are missing")
            #expect(ink >= 200, "\(chart.id) «\(chart.title)»: only \(ink) dark pixels; labels did not render")
            // The title (drawn at the top left) is there.
            let titleInk = image.count(in: 0..<min(24, image.height), where: BrowserTests.isInk)
            #expect(titleInk >= 60, "\(chart.id) «\(chart.title)»: no title text at the top")
        }

        // The whole page: measured once in a tall window, then shot at its own height.
        let tall = try chromium.start(page: runner.file("bulletin.html"), width: BrowserTests.pageWidth, height: BrowserTests.tallest,
                                      screenshot: runner.file("tall.png"), home: runner.home).finish()
        try BrowserTests.expectNoConsoleErrors(tall, "bulletin.html")
        let measured = try PNGImage(path: runner.file("tall.png"))
        let sheetEnd = measured.lastRow { pixel in !BrowserTests.near(pixel, BrowserTests.pageGrey, 0) } + 1
        try #require(sheetEnd > 1000 && sheetEnd < BrowserTests.tallest - 200, "the page is \(sheetEnd) pixels tall, outside what this test measures")
        let height = sheetEnd + 24
        let full = try chromium.start(page: runner.file("bulletin.html"), width: BrowserTests.pageWidth, height: height,
                                      screenshot: kept + "/bulletin.png", home: runner.home).finish()
        try BrowserTests.expectNoConsoleErrors(full, "bulletin.html")
        // For a person to look at, whatever the checks below say.
        if let keep = ProcessInfo.processInfo.environment["DUCHA_KEEP_SCREENSHOT"], !keep.isEmpty, FileManager.default.fileExists(atPath: kept + "/bulletin.png") {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: kept + "/bulletin.png", toPath: keep)
        }
        let page = try PNGImage(path: kept + "/bulletin.png")
        #expect(page.width == BrowserTests.pageWidth && page.height == height, "\(page.width)×\(page.height), asked for \(BrowserTests.pageWidth)×\(height)")
        let marked = page.count { !BrowserTests.near($0, (255, 255, 255), 4) && !BrowserTests.near($0, BrowserTests.pageGrey, 0) }
        let share = Double(marked) / Double(page.width * page.height)
        #expect(share > 0.05, "only \(Int(share * 100))% of the page is drawn on")
        #expect(Double(page.count(where: BrowserTests.isInk)) / Double(page.width * page.height) > 0.01, "the page has almost no text")
        let red = page.count(in: 0..<min(160, page.height)) { BrowserTests.near($0, BrowserTests.titleRed, 40) }
        #expect(red >= 300, "the red title is not at the top of the page (\(red) red pixels)")
        // The charts show on the page too, in the palette's blue.
        let blue = page.count { BrowserTests.near($0, BrowserTests.palette[0], 24) }
        #expect(blue >= 10_000, "only \(blue) pixels of the charts' blue on the page")

        let seconds = Date().timeIntervalSince(started)
        print("browser screenshots in \(kept) (\(page.width)×\(page.height), \(charts.count) charts, \(String(format: "%.1f", seconds)) s)")
    }

    // MARK: - Reading the report

    struct Chart {
        let id: String
        let title: String
        let svg: String
        let width: Int
        let height: Int
    }

    /// Every `<svg ... id="chart-N" ...>…</svg>` of the report, in order.
    static func charts(in html: String) -> [Chart] {
        var charts: [Chart] = []
        var number = 1
        while let idRange = html.range(of: "id=\"chart-\(number)\""),
              let open = html.range(of: "<svg", options: .backwards, range: html.startIndex..<idRange.lowerBound),
              let close = html.range(of: "</svg>", range: idRange.upperBound..<html.endIndex) {
            let svg = String(html[open.lowerBound..<close.upperBound])
            let tag = String(svg[..<(svg.firstIndex(of: ">") ?? svg.endIndex)])
            func attribute(_ name: String) -> String? { values(of: " \(name)=\"", in: tag).first }
            charts.append(Chart(id: "chart-\(number)", title: attribute("aria-label") ?? "",
                                svg: svg, width: Int(Double(attribute("width") ?? "") ?? 0), height: Int(Double(attribute("height") ?? "") ?? 0)))
            number += 1
        }
        return charts
    }

    /// The values of every `name"…"` in `text` (`name` ends with the opening quote).
    static func values(of name: String, in text: String) -> [String] {
        var values: [String] = []
        var rest = text[...]
        while let start = rest.range(of: name) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[end...].dropFirst()
        }
        return values
    }

    /// Chromium logs what a page writes to its console as `INFO:CONSOLE…` lines, errors and
    /// uncaught exceptions alike. The report has no script, so any such line is a fault.
    static func expectNoConsoleErrors(_ outcome: Chromium.Outcome, _ page: String) throws {
        try #require(outcome.status == 0, "chromium on \(page) ended with status \(outcome.status): \(outcome.standardError.suffix(2000))")
        let console = outcome.standardError.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(console.isEmpty, "console messages from \(page):\n\(console.joined(separator: "\n"))")
    }

    // MARK: - Pixels

    typealias RGB = (UInt8, UInt8, UInt8)

    static func rgb(_ hex: String) -> RGB {
        let value = UInt32(hex.dropFirst(), radix: 16) ?? 0
        return (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    static func near(_ a: RGB, _ b: RGB, _ tolerance: Int) -> Bool {
        abs(Int(a.0) - Int(b.0)) <= tolerance && abs(Int(a.1) - Int(b.1)) <= tolerance && abs(Int(a.2) - Int(b.2)) <= tolerance
    }

    /// A dark, colourless pixel: the core of a glyph in the page's greys and black.
    static func isInk(_ pixel: RGB) -> Bool {
        let most = max(pixel.0, pixel.1, pixel.2), least = min(pixel.0, pixel.1, pixel.2)
        return most < 150 && most - least < 40
    }
}

/// The distribution's Chromium, run headless on a file with a fixed window, one fresh profile a run.
struct Chromium {
    let path: String

    typealias Outcome = BinaryRunner.Outcome

    static func find() -> Chromium? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/chromium") {
            return Chromium(path: folder + "/chromium")
        }
        return nil
    }

    struct Run {
        let started: BinaryRunner.Started
        let screenshot: String
        let deadline: Date

        func finish() -> Outcome { Chromium.finish(started, until: deadline) }
    }

    /// Starts a screenshot of `page` in a `width`×`height` window, logging to standard error.
    func start(page: String, width: Int, height: Int, screenshot: String, home: String) throws -> Run {
        let profile = home + "/chromium-\(UUID().uuidString)"
        let arguments = [
            path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage",
            "--force-device-scale-factor=1", "--no-first-run", "--user-data-dir=\(profile)",
            "--enable-logging=stderr", "--v=0",
            "--window-size=\(width),\(height)", "--screenshot=\(screenshot)",
            URL(fileURLWithPath: page).absoluteString,
        ]
        return Run(started: try Chromium.spawn(arguments, in: home), screenshot: screenshot, deadline: Date().addingTimeInterval(60))
    }

    static func spawn(_ arguments: [String], in folder: String) throws -> BinaryRunner.Started {
        let id = UUID().uuidString
        let input = folder + "/.in-\(id)"
        try "".write(toFile: input, atomically: true, encoding: .utf8)
        var environment = ["HOME": folder, "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": folder + "/config", "XDG_CACHE_HOME": folder + "/cache"]
        environment["LANG"] = "C.UTF-8"
        let output = folder + "/.out-\(id)", errors = folder + "/.err-\(id)"
        let pid = try Subprocess.spawn(arguments, environment: environment.map { "\($0.key)=\($0.value)" }, input: input, output: output, errors: errors)
        return BinaryRunner.Started(pid: pid, standardOutput: output, standardError: errors)
    }

    /// Waits for the process until `deadline`, then kills it and says so.
    static func finish(_ started: BinaryRunner.Started, until deadline: Date) -> Outcome {
        var status: Int32 = 0
        var timedOut = false
        while true {
            let reaped = waitpid(started.pid, &status, WNOHANG)
            if reaped == started.pid || (reaped < 0 && errno != EINTR) { break }
            if Date() > deadline {
                kill(started.pid, SIGKILL)
                timedOut = true
                while waitpid(started.pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(20_000)
        }
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        let output = (try? String(contentsOfFile: started.standardOutput, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: started.standardError, encoding: .utf8)) ?? ""
        return Outcome(status: code, standardOutput: output, standardError: (timedOut ? "timed out after 60 s\n" : "") + errors)
    }

    /// Runs a helper program to its end.
    static func execute(_ arguments: [String], in folder: String, timeout: TimeInterval) throws -> Outcome {
        finish(try spawn(arguments, in: folder), until: Date().addingTimeInterval(timeout))
    }
}

/// A PNG file read back to 8-bit RGB: signature, IHDR, the IDAT chunks inflated with zlib,
/// the row filters (none, sub, up, average, Paeth) undone. Only what Chromium writes:
/// 8 bits per channel, RGB or RGBA, not interlaced.
struct PNGImage {
    let width: Int
    let height: Int
    /// Three bytes a pixel, row after row.
    let rgb: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "\(path): no screenshot was written") }
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure(description: "\(path): not a PNG file") }
        func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: ArraySlice<UInt8>?
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = number(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw Failure(description: "\(path): the \(type) chunk is cut short") }
            let body = bytes[offset + 8..<offset + 8 + length]
            if type == "IHDR" { header = body }
            if type == "IDAT" { compressed += body }
            if type == "IEND" { break }
            offset += 12 + length
        }
        guard let header, header.count == 13 else { throw Failure(description: "\(path): no IHDR chunk") }
        let start = header.startIndex
        width = number(start)
        height = number(start + 4)
        let depth = header[start + 8], colour = header[start + 9], interlace = header[start + 12]
        guard depth == 8, colour == 2 || colour == 6, interlace == 0, width > 0, height > 0 else {
            throw Failure(description: "\(path): bit depth \(depth), colour type \(colour), interlace \(interlace): not 8-bit RGB or RGBA")
        }
        let channels = colour == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { uncompress(out.baseAddress, &rawLength, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else {
            throw Failure(description: "\(path): the image data did not inflate (zlib \(status), \(rawLength) of \(raw.count) bytes)")
        }

        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var line = [UInt8](repeating: 0, count: stride), previous = [UInt8](repeating: 0, count: stride)
        let (width, height) = (self.width, self.height)
        try raw.withUnsafeBufferPointer { raw in
            try pixels.withUnsafeMutableBufferPointer { pixels in
                for y in 0..<height {
                    let row = y * (stride + 1)
                    let filter = raw[row]
                    try line.withUnsafeMutableBufferPointer { line in
                        try previous.withUnsafeBufferPointer { up in
                            for x in 0..<stride {
                                let value = raw[row + 1 + x]
                                let a = x >= channels ? Int(line[x - channels]) : 0, b = Int(up[x]), c = x >= channels ? Int(up[x - channels]) : 0
                                let predicted: Int
                                switch filter {
                                case 0: predicted = 0
                                case 1: predicted = a
                                case 2: predicted = b
                                case 3: predicted = (a + b) / 2
                                case 4:
                                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                                default: throw Failure(description: "\(path): row \(y) has filter \(filter)")
                                }
                                line[x] = value &+ UInt8(truncatingIfNeeded: predicted)
                            }
                            for x in 0..<width {
                                for k in 0..<3 { pixels[(y * width + x) * 3 + k] = line[x * channels + k] }
                            }
                        }
                    }
                    swap(&line, &previous)
                }
            }
        }
        rgb = pixels
    }

    func pixel(_ x: Int, _ y: Int) -> BrowserTests.RGB {
        let at = (y * width + x) * 3
        return (rgb[at], rgb[at + 1], rgb[at + 2])
    }

    /// How many pixels of `rows` (all by default) satisfy `test`.
    func count(in rows: Range<Int>? = nil, where test: (BrowserTests.RGB) -> Bool) -> Int {
        var found = 0
        rgb.withUnsafeBufferPointer { rgb in
            for y in rows ?? 0..<height {
                for x in 0..<width where test((rgb[(y * width + x) * 3], rgb[(y * width + x) * 3 + 1], rgb[(y * width + x) * 3 + 2])) { found += 1 }
            }
        }
        return found
    }

    /// The last row with a pixel that satisfies `test`, or -1.
    func lastRow(where test: (BrowserTests.RGB) -> Bool) -> Int {
        for y in stride(from: height - 1, through: 0, by: -1) {
            for x in 0..<width where test(pixel(x, y)) { return y }
        }
        return -1
    }
}
