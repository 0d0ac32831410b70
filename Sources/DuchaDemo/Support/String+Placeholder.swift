extension String {
    /// The template with `#` replaced by `subject`. Where the subject already ends with
    /// the word that follows the `#` (房屋登记 + #登记), the word is not written twice.
    func replacingPlaceholder(with subject: String) -> String {
        var result = ""
        var rest = self[...]
        while let mark = rest.firstIndex(of: "#") {
            result += rest[..<mark]
            result += subject
            rest = rest[rest.index(after: mark)...]
            let longest = Swift.min(4, rest.count, subject.count)
            if let overlap = stride(from: longest, through: 2, by: -1).first(where: { subject.hasSuffix(rest.prefix($0)) }) {
                rest = rest.dropFirst(overlap)
            }
        }
        return result + rest
    }
}
