#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Han characters in Latin letters (pinyin without tones), through the system's ICU.
/// ICU is opened with dlopen on first use, so start-up never pays for it, and where it
/// is not installed completion by pinyin is simply not offered.
final class HanTransliterator: @unchecked Sendable {
    /// The one transliterator of the process, opened on first use (ICU takes about a
    /// tenth of a second to build it, so the interactive shell warms it in the background).
    static let shared = HanTransliterator()

    private typealias Open = @convention(c) (UnsafePointer<UInt16>?, Int32, Int32, UnsafePointer<UInt16>?, Int32,
                                             UnsafeMutableRawPointer?, UnsafeMutablePointer<Int32>?) -> OpaquePointer?
    private typealias Transliterate = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt16>?, UnsafeMutablePointer<Int32>?, Int32, Int32,
                                                      UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Void

    private let transliterator: OpaquePointer
    private let transliterate: Transliterate

    /// Opens ICU's `Han-Latin; Latin-ASCII` transform, or nil where ICU is missing.
    init?() {
        let versions = (50...99).reversed()
        let names = ["libicui18n.so"] + versions.map { "libicui18n.so.\($0)" }
        guard let library = names.lazy.compactMap({ (name: String) in dlopen(name, RTLD_LAZY) }).first else { return nil }
        // ICU's exported names carry its major version unless it was built without renaming.
        func symbol(_ name: String) -> UnsafeMutableRawPointer? {
            dlsym(library, name) ?? versions.lazy.compactMap { dlsym(library, name + "_\($0)") }.first
        }
        guard let open = symbol("utrans_openU"), let run = symbol("utrans_transUChars") else { return nil }
        let identifier = Array("Han-Latin; Latin-ASCII".utf16)
        var status: Int32 = 0
        let opened = identifier.withUnsafeBufferPointer {
            unsafeBitCast(open, to: Open.self)($0.baseAddress, Int32($0.count), 0, nil, 0, nil, &status)
        }
        guard let opened, status <= 0 else { return nil }
        transliterator = opened
        transliterate = unsafeBitCast(run, to: Transliterate.self)
    }

    /// `text` in Latin letters: 市农业局 → "shi nong ye ju".
    func latin(_ text: String) -> String? {
        let length = text.utf16.count
        let capacity = length * 8 + 64
        var buffer = Array(text.utf16) + Array(repeating: 0, count: capacity - length)
        var used = Int32(length), limit = Int32(length), status: Int32 = 0
        transliterate(transliterator, &buffer, &used, Int32(capacity), 0, &limit, &status)
        guard status <= 0 else { return nil }
        return String(decoding: buffer[0..<Int(used)], as: UTF16.self)
    }
}
