package org.icesim.report;

/** One time of a band over the seeds of a group: the mean and the range of the runs' values. */
public record BandPoint(double timeMs, double mean, double min, double max) {
}
