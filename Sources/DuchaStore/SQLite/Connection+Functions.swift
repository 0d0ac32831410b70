import CSQLite
import DuchaCore

/// Scalar SQL functions written in Swift, such as `workdays(a, b)`.
extension Connection {
    /// A Swift scalar function: takes the arguments' values, returns the result's.
    public typealias ScalarFunction = ([Value]) -> Value

    /// Registers (or replaces) `name` with `arity` arguments. Deterministic functions
    /// may be used in indexes and are evaluated once for constant arguments.
    public func defineFunction(_ name: String, arity: Int32, deterministic: Bool = true, _ body: @escaping ScalarFunction) throws {
        let box = Unmanaged.passRetained(FunctionBox(body)).toOpaque()
        let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
        let code = sqlite3_create_function_v2(handle, name, arity, flags, box, { context, count, arguments in
            let function = Unmanaged<FunctionBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
            var values: [Value] = []
            values.reserveCapacity(Int(count))
            for index in 0..<Int(count) { values.append(Connection.value(of: arguments![index])) }
            Connection.setResult(function.body(values), in: context)
        }, nil, nil, { box in
            if let box { Unmanaged<FunctionBox>.fromOpaque(box).release() }
        })
        guard code == SQLITE_OK else { throw lastError(code: code, sql: nil) }
    }

    /// Registers a deterministic two-argument function whose arguments are most often
    /// integers: `integers` answers those without building values (NULL when it returns
    /// nil); `general` answers any other pair.
    public func defineFunction(_ name: String, integers: @escaping (Int64, Int64) -> Int64?, general: @escaping ScalarFunction) throws {
        let box = Unmanaged.passRetained(IntegerFunctionBox(integers: integers, general: general)).toOpaque()
        let code = sqlite3_create_function_v2(handle, name, 2, SQLITE_UTF8, box, { context, count, arguments in
            let function = Unmanaged<IntegerFunctionBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
            let first = arguments![0], second = arguments![1]
            if sqlite3_value_type(first) == SQLITE_INTEGER && sqlite3_value_type(second) == SQLITE_INTEGER {
                if let result = function.integers(sqlite3_value_int64(first), sqlite3_value_int64(second)) {
                    sqlite3_result_int64(context, result)
                } else {
                    sqlite3_result_null(context)
                }
                return
            }
            Connection.setResult(function.general([Connection.value(of: first), Connection.value(of: second)]), in: context)
        }, nil, nil, { box in
            if let box { Unmanaged<IntegerFunctionBox>.fromOpaque(box).release() }
        })
        guard code == SQLITE_OK else { throw lastError(code: code, sql: nil) }
    }

    private static func value(of argument: OpaquePointer?) -> Value {
        switch sqlite3_value_type(argument) {
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(argument))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(argument))
        case SQLITE_TEXT: return .text(sqlite3_value_text(argument).map { String(cString: $0) } ?? "")
        case SQLITE_NULL: return .null
        default:
            let count = Int(sqlite3_value_bytes(argument))
            guard count > 0, let bytes = sqlite3_value_blob(argument) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        }
    }

    private static func setResult(_ value: Value, in context: OpaquePointer?) {
        switch value {
        case .null: sqlite3_result_null(context)
        case .integer(let number): sqlite3_result_int64(context, number)
        case .real(let number): sqlite3_result_double(context, number)
        case .text(let text): sqlite3_result_text(context, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        case .blob(let bytes): bytes.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
        }
    }
}

/// Holds a two-integer fast path and its general form for SQLite's user data.
final class IntegerFunctionBox {
    let integers: (Int64, Int64) -> Int64?
    let general: Connection.ScalarFunction
    init(integers: @escaping (Int64, Int64) -> Int64?, general: @escaping Connection.ScalarFunction) {
        self.integers = integers
        self.general = general
    }
}

/// Holds a Swift function for SQLite's user data.
final class FunctionBox {
    let body: Connection.ScalarFunction
    init(_ body: @escaping Connection.ScalarFunction) { self.body = body }
}
