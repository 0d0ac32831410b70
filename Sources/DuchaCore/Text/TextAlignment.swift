/// Where text sits inside a field wider than the text.
public enum TextAlignment: Sendable {
    /// Text first, padding after it.
    case left
    /// Padding first, text after it.
    case right
    /// Padding split on both sides, the odd column going after the text.
    case center
}
