import DuchaCore
import Testing

@Suite struct ZZProbeTests {
    @Test func probeNumbers() {
        for text in ["01", "+1", ".5", "1.", "-", "1.e3", "00", "-01", "1e", "[1,2,]", "0x10", "1_000"] {
            do { let v = try JSONValue.parse(text); print("PROBE accepted", text, v) } catch { print("PROBE refused", text, error.message, error.column) }
        }
        let deepScalar = String(repeating: "[", count: 64) + "1" + String(repeating: "]", count: 64)
        do { _ = try JSONValue.parse(deepScalar); print("PROBE deep scalar ok") } catch { print("PROBE deep scalar refused", error.message) }
        let combining = "[\"e\u{301}\", x]"
        do { _ = try JSONValue.parse(combining) } catch { print("PROBE combining column", error.column, Array(combining).firstIndex(of: "x")! + 1) }
        do { _ = try EscalationLadder.parse("inquiry: overdue +5, zero 05") ; print("PROBE ladder +5 accepted") } catch { print("PROBE ladder +5 refused") }
    }
    @Test func probeSurrogate() {
        do { let v = try JSONValue.parse(#""\ud83d\u0041""#); print("PROBE surrogate", v) } catch { print("PROBE surrogate refused", error.message) }
    }
}
