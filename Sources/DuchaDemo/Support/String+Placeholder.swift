extension String {
    /// The text with every `#` replaced by `subject`.
    func replacingPlaceholder(with subject: String) -> String {
        var result = ""
        for character in self {
            if character == "#" { result += subject } else { result.append(character) }
        }
        return result
    }
}
