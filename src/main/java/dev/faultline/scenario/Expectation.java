package dev.faultline.scenario;

/**
 * What must hold for one consistency level. Absent fields are not asserted.
 *
 * @param linearizable                 true: the checker must find the history linearizable;
 *                                     false: it must find an anomaly (a lesson that shows one)
 * @param minAvailabilityOutsideFaults lowest share of ok ops, in percent, outside fault windows
 * @param maxAvailabilityInsideFaults  highest share of ok ops, in percent, inside fault windows
 *                                     (QUORUM at RF=2 with a replica down shows unavailability)
 * @param lostWrites                   true: acknowledged writes must go missing; false: none may
 */
public record Expectation(Boolean linearizable, Percent minAvailabilityOutsideFaults,
                          Percent maxAvailabilityInsideFaults, Boolean lostWrites) {
}
