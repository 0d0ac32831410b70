import DuchaCore

/// One error as a JSON object on one line, for `--errors json`:
/// `{"source":"run.dq","line":3,"column":21,"code":"unknown-value","message":"..."}`.
struct ErrorRecord {
    let position: SourcePosition?
    let code: String
    let message: String

    var json: String {
        var fields: [String] = []
        if let position {
            fields.append("\"source\":" + JSONRenderer.quoted(position.source))
            fields.append("\"line\":\(position.line)")
            fields.append("\"column\":\(position.column)")
        }
        fields.append("\"code\":" + JSONRenderer.quoted(code))
        fields.append("\"message\":" + JSONRenderer.quoted(message))
        return "{" + fields.joined(separator: ",") + "}"
    }
}
