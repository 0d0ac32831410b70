/// How the shell writes errors: for people, or for the next program in a pipeline.
public enum ErrorFormat: String, CaseIterable, Sendable {
    /// `FILE:LINE:COL: error: message`, with the line and a caret under the place.
    case text
    /// One JSON object per error and line: source, line, column, code, message.
    case json
}
