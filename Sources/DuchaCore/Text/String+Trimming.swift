extension StringProtocol {
    /// The text without leading and trailing blanks and newlines.
    public func trimmingBlanks() -> String {
        var text = self[...]
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
