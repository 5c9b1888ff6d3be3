import Foundation

/// Which regressor to fit, with its options.
public enum RegressorSpec: Sendable, Equatable {
    /// Least squares with intercept (optional ridge).
    case linear(LinearOptions)
    /// Histogram gradient-boosted trees.
    case gbdt(GBDTOptions)
    /// Data Mixing Laws' exponential law.
    case mixingLaw(MixingLawOptions)

    /// The spec-level name: `linear`, `gbdt` or `mixing-law`.
    public var name: String {
        switch self {
        case .linear: "linear"
        case .gbdt: "gbdt"
        case .mixingLaw: "mixing-law"
        }
    }

    /// The regressor named `name` with default options; nil for unknown names.
    public static func named(_ name: String) -> RegressorSpec? {
        switch name {
        case "linear": .linear(LinearOptions())
        case "gbdt": .gbdt(GBDTOptions())
        case "mixing-law": .mixingLaw(MixingLawOptions())
        default: nil
        }
    }

    /// Fits one model of this kind from mixtures `x` to targets `y`.
    public func fit(_ x: Matrix, _ y: [Double]) throws -> FittedModel {
        switch self {
        case .linear(let o): .linear(try LinearRegressor.fit(x, y, options: o))
        case .gbdt(let o): .gbdt(try GBDTRegressor.fit(x, y, options: o))
        case .mixingLaw(let o): .mixingLaw(try MixingLawRegressor.fit(x, y, options: o))
        }
    }
}

/// A fitted model of any kind; serialises to versioned JSON tagged by `format`.
public enum FittedModel: Sendable, Equatable {
    /// A linear model.
    case linear(LinearModel)
    /// A boosted-tree ensemble.
    case gbdt(GBDTModel)
    /// A mixing law.
    case mixingLaw(MixingLawModel)

    /// Number of input features the model expects, when it records it.
    public var featureCount: Int {
        switch self {
        case .linear(let m): m.coefficients.count
        case .gbdt(let m): m.featureCount
        case .mixingLaw(let m): m.t.count
        }
    }

    /// A predictor prepared for repeated batch prediction (gbdt models are compiled once).
    public func predictor() -> ModelPredictor { ModelPredictor(self) }

    /// Predictions for every row of `x`.
    public func predict(_ x: Matrix) throws -> [Double] { try predictor().predict(x) }

    /// Stable JSON (sorted keys; doubles in shortest round-trip form).
    public func jsonData() throws -> Data { try ModelJSON.encode(self) }

    /// Loads a model written by `jsonData()`; throws on unknown formats or versions.
    public static func load(json: Data) throws -> FittedModel { try ModelJSON.decode(FittedModel.self, from: json) }
}

/// Batch predictor for one fitted model.
public struct ModelPredictor: Sendable {
    let model: FittedModel
    let forest: FlatForest?

    /// Prepares `model` for prediction.
    public init(_ model: FittedModel) {
        self.model = model
        if case .gbdt(let m) = model { forest = FlatForest(m) } else { forest = nil }
    }

    /// Predictions for every row of `x`; throws when the feature count differs from the model's.
    public func predict(_ x: Matrix) throws -> [Double] {
        guard x.columns == model.featureCount else {
            throw MethodsError("model expects \(model.featureCount) features, got rows of \(x.columns)")
        }
        switch model {
        case .linear(let m): return m.predict(x)
        case .gbdt: return try forest!.predict(x)
        case .mixingLaw(let m): return m.predict(x)
        }
    }
}

extension FittedModel: Codable {
    private struct Header: Decodable { let format: String; let version: Int }

    public init(from decoder: Decoder) throws {
        let header = try Header(from: decoder)
        let supported = ["mixspec.linear": 1, "mixspec.gbdt": 1, "mixspec.mixing-law": 1]
        guard let version = supported[header.format] else {
            throw MethodsError("unknown model format '\(header.format)'; expected one of \(supported.keys.sorted().joined(separator: ", "))")
        }
        guard header.version == version else {
            throw MethodsError("model format \(header.format) version \(header.version) is not supported (this build reads version \(version))")
        }
        switch header.format {
        case "mixspec.linear": self = .linear(try LinearModel(from: decoder))
        case "mixspec.gbdt": self = .gbdt(try GBDTModel(from: decoder))
        default: self = .mixingLaw(try MixingLawModel(from: decoder))
        }
        try validate()
    }

    /// Checks the structure of a loaded model so that prediction can never index out of range.
    func validate() throws {
        switch self {
        case .linear(let m):
            guard m.intercept.isFinite, m.coefficients.allSatisfy(\.isFinite) else { throw MethodsError("linear model has non-finite coefficients") }
        case .mixingLaw(let m):
            guard m.c.isFinite, m.k.isFinite, m.t.allSatisfy(\.isFinite) else { throw MethodsError("mixing-law model has non-finite parameters") }
        case .gbdt(let m):
            guard m.featureCount >= 0, m.initialScore.isFinite else { throw MethodsError("gbdt model has an invalid header") }
            for (number, tree) in m.trees.enumerated() {
                let internalCount = tree.feature.count
                guard tree.threshold.count == internalCount, tree.left.count == internalCount, tree.right.count == internalCount,
                      tree.leafValue.count == internalCount + 1, tree.leafValue.allSatisfy(\.isFinite)
                else { throw MethodsError("gbdt tree \(number): node and leaf arrays have inconsistent sizes") }
                for node in 0..<internalCount {
                    guard (0..<m.featureCount).contains(tree.feature[node]), !tree.threshold[node].isNaN else {
                        throw MethodsError("gbdt tree \(number), node \(node): feature or threshold out of range")
                    }
                    for child in [tree.left[node], tree.right[node]] {
                        // Internal children always come after their parent, which rules out cycles.
                        let valid = child >= 0 ? (child > node && child < internalCount) : (~child < internalCount + 1)
                        guard valid else { throw MethodsError("gbdt tree \(number), node \(node): child \(child) out of range") }
                    }
                }
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .linear(let m): try m.encode(to: encoder)
        case .gbdt(let m): try m.encode(to: encoder)
        case .mixingLaw(let m): try m.encode(to: encoder)
        }
    }
}

/// Models for several target metrics over the same features (one model per metric).
public struct ModelSet: Sendable, Equatable, Codable {
    /// Serialisation format tag.
    public var format = "mixspec.models"
    /// Serialisation format version.
    public var version = 1
    /// Feature (domain) names, in column order.
    public var features: [String]
    /// Regressor name (`linear`, `gbdt`, `mixing-law`).
    public var regressor: String
    /// Model per metric name.
    public var models: [String: FittedModel]

    /// Creates a set.
    public init(features: [String], regressor: String, models: [String: FittedModel]) {
        self.features = features; self.regressor = regressor; self.models = models
    }

    /// Fits one model per metric; `targets` maps metric name to one value per row of `x`.
    public static func fit(_ spec: RegressorSpec, features: [String], x: Matrix, targets: [String: [Double]]) throws -> ModelSet {
        var models = [String: FittedModel]()
        for name in targets.keys.sorted() {
            do { models[name] = try spec.fit(x, targets[name]!) } catch let e as MethodsError {
                throw MethodsError("fitting \(spec.name) for metric '\(name)': \(e.message)")
            }
        }
        return ModelSet(features: features, regressor: spec.name, models: models)
    }

    /// Stable JSON.
    public func jsonData() throws -> Data { try ModelJSON.encode(self) }

    /// Loads a set written by `jsonData()`.
    public static func load(json: Data) throws -> ModelSet {
        let set = try ModelJSON.decode(ModelSet.self, from: json)
        guard set.format == "mixspec.models", set.version == 1 else {
            throw MethodsError("not a mixspec.models version 1 file (format \(set.format), version \(set.version))")
        }
        return set
    }
}

/// JSON encoding shared by all models.
enum ModelJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch let e as MethodsError { throw e } catch {
            throw MethodsError("malformed model JSON: \(error)")
        }
    }
}
