import DuchaCore

/// The shape of a department's powers: how its items spread over the ten categories,
/// and, for a department whose cases are not confined to one category, the cycle of
/// categories its cases follow.
enum ItemProfile: Sendable {
    /// Penalties dominate (农业, 公安, 城管 ...).
    case enforcement
    /// Licences and penalties (工商, 住建, 卫生 ...).
    case licensing
    /// Benefits, confirmations and licences (民政, 人社 ...).
    case service
    /// Inspections and other powers (审计, 统计, 档案 ...).
    case oversight
    /// Levies (税务, 财政 ...).
    case levy

    /// Relative numbers of items per category; every listed category gets at least one item.
    var categoryWeights: [(category: ItemCategory, weight: Int)] {
        switch self {
        case .enforcement:
            return [(.penalty, 62), (.licence, 8), (.enforcement, 8), (.inspection, 8), (.confirmation, 4),
                    (.other, 4), (.reward, 2), (.adjudication, 2), (.levy, 2)]
        case .licensing:
            return [(.licence, 30), (.penalty, 45), (.confirmation, 8), (.inspection, 7), (.other, 6),
                    (.enforcement, 2), (.reward, 2)]
        case .service:
            return [(.benefit, 20), (.confirmation, 20), (.licence, 15), (.penalty, 30), (.other, 8),
                    (.reward, 4), (.inspection, 3)]
        case .oversight:
            return [(.penalty, 40), (.inspection, 30), (.other, 15), (.reward, 10), (.confirmation, 5)]
        case .levy:
            return [(.levy, 25), (.penalty, 45), (.confirmation, 10), (.inspection, 10), (.other, 6), (.reward, 4)]
        }
    }

    /// The categories a department with varied cases cycles through (no category over 40%).
    var variedCaseCycle: [ItemCategory] {
        switch self {
        case .enforcement: return [.penalty, .inspection, .penalty, .licence, .enforcement]
        case .licensing: return [.licence, .penalty, .licence, .confirmation, .penalty]
        case .service: return [.benefit, .confirmation, .benefit, .licence, .penalty]
        case .oversight: return [.inspection, .penalty, .other, .inspection, .reward]
        case .levy: return [.levy, .penalty, .levy, .confirmation, .inspection]
        }
    }
}
