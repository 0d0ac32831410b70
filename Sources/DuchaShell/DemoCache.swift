#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuchaCore
import DuchaDemo

/// The demo database for `ducha --demo`: generated once per schema version, generator
/// revision, seed and scale under the cache folder, then reused.
public enum DemoCache {
    /// The cached demo's path, generating it first when it is missing.
    public static func path(cacheHome: String, options: DemoOptions = DemoOptions(), progress: (String) -> Void) throws -> String {
        let folder = cacheHome + "/ducha"
        Directories.create(folder)
        let path = folder + "/demo-v\(SchemaDescription.version).\(DemoScenario.revision)-seed\(options.seed)-scale\(options.scale).db"
        var info = stat()
        if stat(path, &info) == 0 { return path }
        progress("generating the demo database once: \(path)")
        do {
            _ = try DemoScenario.generate(into: path, options: options, progress: progress)
        } catch {
            // Another ducha published the same demo meanwhile: use it.
            if stat(path, &info) == 0 { return path }
            throw error
        }
        return path
    }
}
