// TEMP until merge with traps branch
public enum MixtureName {
    public static let found = "found"
    public static let prior = "prior"
    public static let uniform = "uniform"
}
