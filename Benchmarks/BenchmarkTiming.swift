// A measured duration: wall-clock seconds and CPU seconds of this process (or its children).
struct Timing {
    var wall: Double
    var cpu: Double
}
