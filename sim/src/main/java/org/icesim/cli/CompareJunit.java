package org.icesim.cli;

import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.icesim.stats.Change;
import org.icesim.stats.Comparison;
import org.icesim.stats.GroupKey;
import org.icesim.stats.Verdict;

/**
 * The comparison as JUnit XML, the report format every CI server reads: one test case per group ×
 * statistic (class name: the group, name: metric.statistic), failing when that statistic fails
 * the comparison, skipped when it could not be tested; a baseline group missing from the current
 * set is a failing test case of its own.
 */
final class CompareJunit {

    private CompareJunit() {
    }

    static String render(CompareOutcome outcome) {
        Comparison comparison = outcome.comparison();
        List<Change> changes = comparison.changes();
        long failures = changes.stream().filter(comparison::fails).count()
                + (comparison.settings().allowMissing() ? 0 : comparison.missingGroups().size());
        long skipped = changes.stream().filter(c -> c.verdict() == Verdict.UNTESTED).count();
        int tests = changes.size() + comparison.missingGroups().size();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            counts(xml, "icesim compare", tests, failures, skipped);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            counts(xml, "icesim compare " + outcome.baseline().directory() + " " + outcome.current().directory(), tests,
                    failures, skipped);
            xml.writeAttribute("errors", "0");
            properties(xml, outcome);
            for (GroupKey group : comparison.missingGroups()) {
                testCase(xml, group.label(), "group");
                if (!comparison.settings().allowMissing()) {
                    xml.writeCharacters("\n      ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", "missing");
                    xml.writeAttribute("message", "the group has no runs in the current set");
                    xml.writeEndElement();
                }
                endTestCase(xml);
            }
            for (Change change : changes) {
                testCase(xml, change.group().label(), change.metric() + "." + change.stat().key());
                if (comparison.fails(change)) {
                    xml.writeCharacters("\n      ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", CompareOutcome.verdict(change));
                    xml.writeAttribute("message", message(change));
                    xml.writeEndElement();
                } else if (change.verdict() == Verdict.UNTESTED) {
                    xml.writeCharacters("\n      ");
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", "fewer than 2 values on a side");
                }
                xml.writeCharacters("\n      ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(message(change));
                xml.writeEndElement();
                endTestCase(xml);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML to a string cannot fail: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** "p95 1230 → 1833 (+49%), p 0.0012 (permutation), detectable +31%, rule +20%: FAIL". */
    private static String message(Change change) {
        return change.stat().key() + " " + CompareOutcome.value(change, change.baseline()) + " → "
                + CompareOutcome.value(change, change.current()) + " (" + CompareOutcome.change(change) + ", n "
                + change.baselineCount() + "→" + change.currentCount() + "), p " + CompareOutcome.pValue(change.adjustedP())
                + " (Holm; " + (change.test() == null ? "untested" : change.test()) + "), detectable "
                + CompareOutcome.detectable(change) + (change.rule() == null ? ", no rule" : ", rule " + change.rule().limit())
                + ": " + CompareOutcome.verdictWithPower(change)
                + (change.runsNeeded() == null ? "" : "; about " + change.runsNeeded() + " runs per group are needed");
    }

    private static void counts(XMLStreamWriter xml, String name, int tests, long failures, long skipped)
            throws XMLStreamException {
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("skipped", Long.toString(skipped));
    }

    private static void properties(XMLStreamWriter xml, CompareOutcome outcome) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "baseline", outcome.baseline().directory());
        property(xml, "current", outcome.current().directory());
        property(xml, "rules", outcome.tolerances().describe());
        property(xml, "tests", outcome.settingsLine());
        property(xml, "verdict", outcome.conclusion());
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static void testCase(XMLStreamWriter xml, String className, String name) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className);
        xml.writeAttribute("name", name);
    }

    private static void endTestCase(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }
}
