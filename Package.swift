// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ducha",
    // Synchronization's Atomic and Mutex (the interrupt flag, the language's source catalogue) need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ducha", targets: ["ducha"]),
    ],
    dependencies: [],
    targets: [
        // System libraries: module maps and inline shims only. Headers and libraries are
        // found on the system's own paths (no pkg-config: its -L flags would come before
        // the folder of static archives that scripts/setup's release build links).
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libedit's header only: the library is opened with dlopen when a person first
        // types at a terminal (see shim.h), so batch runs never load it.
        .systemLibrary(
            name: "CEditline",
            providers: [.apt(["libedit-dev"])]
        ),

        // Pure domain values and rules (no I/O).
        .target(name: "DuchaCore"),
        // The query language: lexer, parser, checker, SQL generator (pure; never imports the store).
        .target(name: "DuchaQuery", dependencies: ["DuchaCore"]),
        // SQLite connection, schema migrations, reads and writes.
        .target(name: "DuchaStore", dependencies: ["DuchaCore", "CSQLite"]),
        // Streaming readers of interchange formats (gzip, XML, XES event logs); no database.
        .target(name: "DuchaInterchange", dependencies: ["DuchaCore", "CZlib"]),
        // The deterministic Dazhou 2016 demo scenario.
        .target(name: "DuchaDemo", dependencies: ["DuchaCore", "DuchaStore"]),
        // Session, commands, rendering, input loop, line editor.
        .target(name: "DuchaShell", dependencies: ["DuchaCore", "DuchaQuery", "DuchaStore", "DuchaInterchange", "DuchaDemo", "CEditline"]),
        // The executable: arguments, wiring, exit codes.
        .executableTarget(name: "ducha", dependencies: ["DuchaShell"]),

        .testTarget(name: "DuchaCoreTests", dependencies: ["DuchaCore"]),
        .testTarget(name: "DuchaQueryTests", dependencies: ["DuchaQuery"]),
        .testTarget(name: "DuchaStoreTests", dependencies: ["DuchaStore"]),
        .testTarget(name: "DuchaInterchangeTests", dependencies: ["DuchaInterchange"]),
        .testTarget(name: "DuchaDemoTests", dependencies: ["DuchaDemo", "DuchaStore", "DuchaQuery"]),
        .testTarget(name: "LanguageTests", dependencies: ["DuchaQuery", "DuchaStore"], exclude: ["Corpus", "Snapshots"]),
        .testTarget(name: "DuchaShellTests", dependencies: ["DuchaShell"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ducha", "DuchaCore", "DuchaStore", "CZlib"]),
    ]
)
