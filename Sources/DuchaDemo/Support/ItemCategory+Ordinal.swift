import DuchaCore

extension ItemCategory {
    /// The category's position in `allCases`, for arrays indexed by category.
    var ordinal: Int {
        switch self {
        case .licence: return 0
        case .penalty: return 1
        case .enforcement: return 2
        case .levy: return 3
        case .benefit: return 4
        case .inspection: return 5
        case .confirmation: return 6
        case .reward: return 7
        case .adjudication: return 8
        case .other: return 9
        }
    }
}
