#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuchaCore

/// SHA-256 through the system's OpenSSL (libcrypto), opened with dlopen when first
/// used: with the processor's SHA instructions it hashes several times faster than the
/// portable `SHA256`, which is used where libcrypto is not installed. Both give the same
/// digest (a test compares them).
struct SystemSHA256 {
    private typealias NewContext = @convention(c) () -> OpaquePointer?
    private typealias FreeContext = @convention(c) (OpaquePointer?) -> Void
    private typealias Algorithm = @convention(c) () -> OpaquePointer?
    private typealias Initialize = @convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> Int32
    private typealias Update = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32
    private typealias Finish = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> Int32

    private struct Library: @unchecked Sendable {
        let new: NewContext
        let free: FreeContext
        let sha256: Algorithm
        let initialize: Initialize
        let update: Update
        let finish: Finish
    }

    private static let library: Library? = {
        for name in ["libcrypto.so.3", "libcrypto.so"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            func symbol<T>(_ name: String, as type: T.Type) -> T? {
                dlsym(handle, name).map { unsafeBitCast($0, to: type) }
            }
            if let new = symbol("EVP_MD_CTX_new", as: NewContext.self), let free = symbol("EVP_MD_CTX_free", as: FreeContext.self),
               let sha256 = symbol("EVP_sha256", as: Algorithm.self), let initialize = symbol("EVP_DigestInit_ex", as: Initialize.self),
               let update = symbol("EVP_DigestUpdate", as: Update.self), let finish = symbol("EVP_DigestFinal_ex", as: Finish.self) {
                return Library(new: new, free: free, sha256: sha256, initialize: initialize, update: update, finish: finish)
            }
        }
        return nil
    }()

    /// Whether libcrypto was found.
    static var isAvailable: Bool { library != nil }

    /// The hex SHA-256 of what `read` gives, chunk by chunk until it gives 0 bytes; the
    /// portable implementation where libcrypto is missing.
    static func digest(_ read: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> String {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 17, alignment: 16)
        defer { chunk.deallocate() }
        guard let library, let context = library.new() else {
            var portable = SHA256()
            while case let count = try read(chunk), count > 0 { portable.update(UnsafeRawBufferPointer(rebasing: chunk[..<count])) }
            return portable.finalize()
        }
        defer { library.free(context) }
        _ = library.initialize(context, library.sha256(), nil)
        while case let count = try read(chunk), count > 0 { _ = library.update(context, chunk.baseAddress, count) }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        _ = digest.withUnsafeMutableBufferPointer { library.finish(context, $0.baseAddress, &length) }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
    }
}
