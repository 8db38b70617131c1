/**
 * The HTML report of a result set: PNG charts drawn headless with JFreeChart and a page that
 * shows them with the summary table. The series each chart plots are computed by small pure
 * functions ({@link org.icesim.report.Cdf}, {@link org.icesim.report.BoxStats},
 * {@link org.icesim.report.LoadBands}, {@link org.icesim.report.Timeline}) from the statistics of
 * {@code org.icesim.stats}; the chart classes only draw them.
 */
package org.icesim.report;
