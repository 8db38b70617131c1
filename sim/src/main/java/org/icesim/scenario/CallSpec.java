package org.icesim.scenario;

/**
 * The call: who calls whom and when, and whether both sides run the W3C perfect-negotiation
 * pattern (so that simultaneous restarts are resolved by rollback on the polite side).
 */
public record CallSpec(String caller, String callee, long startNanos, boolean perfectNegotiation) {
}
