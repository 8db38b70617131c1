package org.icesim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import org.icesim.net.Jitter;
import org.icesim.net.LinkParams;
import org.icesim.net.LossModel;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.YamlNode;

/**
 * Reads a link's properties: {@code delay}, {@code jitter}, {@code reorder}, {@code loss},
 * {@code bandwidth}, {@code queue}, {@code up}. Jitter and loss take a plain value (a standard
 * deviation; a loss ratio) or a map naming a distribution or loss model.
 */
final class LinkSpecs {

    private LinkSpecs() {
    }

    /** Reads a full link definition; unset keys take the defaults of an ideal link. */
    static LinkParams read(MapView link) {
        return overlay(link, LinkParams.ideal(0));
    }

    /** Reads the keys present in {@code link} over {@code base} (used by timeline {@code set-link}). */
    static LinkParams overlay(MapView link, LinkParams base) {
        long delay = link.duration("delay", base.delayNanos());
        Jitter jitter = link.has("jitter") ? jitter(link) : base.jitter();
        boolean reorder = link.bool("reorder", base.reorder());
        LossModel loss = link.has("loss") ? loss(link) : base.loss();
        long bandwidth = link.bitRate("bandwidth", base.bandwidthBitsPerSecond());
        long queue = link.bytes("queue", base.queueCapacityBytes());
        boolean up = link.bool("up", base.up());
        link.finish();
        try {
            return new LinkParams(delay, jitter, reorder, loss, bandwidth, queue, up);
        } catch (IllegalArgumentException e) {
            link.problem("", e.getMessage());
            return base;
        }
    }

    private static Jitter jitter(MapView link) {
        YamlNode node = link.node("jitter").orElseThrow();
        String path = link.pathOf("jitter");
        if (node instanceof YamlNode.YamlScalar) {
            long sd = MapView.parse(node, path, 0L, Quantities::duration, link.problems());
            return sd == 0 ? Jitter.NONE : new Jitter.HalfNormal(sd);
        }
        return MapView.of(node, path, link.problems()).map(m -> {
            Map<String, String> kinds = new LinkedHashMap<>();
            for (String k : new String[] {"none", "normal", "lognormal", "pareto"}) {
                kinds.put(k, k);
            }
            String dist = m.choice("dist", "none", kinds);
            try {
                return switch (dist) {
                    case "normal" -> {
                        long sd = m.duration("sd", 0);
                        yield sd == 0 ? Jitter.NONE : new Jitter.HalfNormal(sd);
                    }
                    case "lognormal" -> Jitter.LogNormal.fromMedianAndP99(
                            m.required("median", 1L, Quantities.DURATION_FORM, Quantities::duration),
                            m.required("p99", 2L, Quantities.DURATION_FORM, Quantities::duration));
                    case "pareto" -> new Jitter.Pareto(
                            m.required("scale", 1L, Quantities.DURATION_FORM, Quantities::duration),
                            m.required("shape", 1.0, "a number > 0", t -> MapView.parseDecimal(t, Double.MIN_VALUE, 1e6)));
                    default -> Jitter.NONE;
                };
            } catch (IllegalArgumentException e) {
                m.problem("", e.getMessage());
                return Jitter.NONE;
            } finally {
                m.finish();
            }
        }).orElse(Jitter.NONE);
    }

    private static LossModel loss(MapView link) {
        YamlNode node = link.node("loss").orElseThrow();
        String path = link.pathOf("loss");
        if (node instanceof YamlNode.YamlScalar) {
            double p = MapView.parse(node, path, 0.0, Quantities::ratio, link.problems());
            return p == 0 ? LossModel.NONE : new LossModel.Bernoulli(p);
        }
        return MapView.of(node, path, link.problems()).map(m -> {
            String model = m.choice("model", "bernoulli", Map.of("bernoulli", "bernoulli", "gilbert-elliott", "gilbert-elliott"));
            try {
                if (model.equals("bernoulli")) {
                    double p = m.ratio("rate", 0);
                    return p == 0 ? LossModel.NONE : (LossModel) new LossModel.Bernoulli(p);
                }
                if (m.has("burst")) {
                    return LossModel.GilbertElliott.fromMeanLossAndBurst(m.ratio("rate", 0),
                            m.decimal("burst", 1.0, 1.0, 1e9));
                }
                return new LossModel.GilbertElliott(m.ratio("good-to-bad", 0), m.ratio("bad-to-good", 1),
                        m.ratio("loss-in-good", 0), m.ratio("loss-in-bad", 1));
            } catch (IllegalArgumentException e) {
                m.problem("", e.getMessage());
                return LossModel.NONE;
            } finally {
                m.finish();
            }
        }).orElse(LossModel.NONE);
    }
}
