package org.icesim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.icesim.net.Jitter;
import org.icesim.net.LinkChange;
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
        LinkParams ideal = LinkParams.ideal(0);
        return applied(link, ideal, change(link)).orElse(ideal);
    }

    /**
     * Reads the keys present in {@code link} as a change (timeline {@code set-link}), checked
     * now: a value a link cannot take is a problem of the file, not of the run.
     */
    static LinkChange readChange(MapView link) {
        LinkChange change = change(link);
        applied(link, LinkParams.ideal(0), change);
        return change;
    }

    private static LinkChange change(MapView link) {
        OptionalLong delay = link.has("delay") ? OptionalLong.of(link.duration("delay", 0, LinkParams.MAX_DELAY_NANOS)) : OptionalLong.empty();
        Optional<Jitter> jitter = link.has("jitter") ? Optional.of(jitter(link)) : Optional.empty();
        Optional<Boolean> reorder = link.has("reorder") ? Optional.of(link.bool("reorder", false)) : Optional.empty();
        Optional<LossModel> loss = link.has("loss") ? Optional.of(loss(link)) : Optional.empty();
        OptionalLong bandwidth = link.has("bandwidth") ? OptionalLong.of(link.bitRate("bandwidth", 0)) : OptionalLong.empty();
        OptionalLong queue = link.has("queue") ? OptionalLong.of(link.bytes("queue", 0)) : OptionalLong.empty();
        Optional<Boolean> up = link.has("up") ? Optional.of(link.bool("up", true)) : Optional.empty();
        link.finish();
        return new LinkChange(delay, jitter, reorder, loss, bandwidth, queue, up);
    }

    /** {@code base} with {@code change}, or empty (and a problem of {@code link}) if a link cannot take it. */
    private static Optional<LinkParams> applied(MapView link, LinkParams base, LinkChange change) {
        try {
            return Optional.of(base.with(change));
        } catch (IllegalArgumentException e) {
            link.problem("", e.getMessage());
            return Optional.empty();
        }
    }

    private static Jitter jitter(MapView link) {
        YamlNode node = link.node("jitter").orElseThrow();
        String path = link.pathOf("jitter");
        if (node instanceof YamlNode.YamlScalar) {
            long sd = MapView.parse(node, path, 0L, text -> Quantities.duration(text, Jitter.MAX_EXTRA_DELAY_NANOS),
                    link.problems());
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
                        long sd = m.duration("sd", 0, Jitter.MAX_EXTRA_DELAY_NANOS);
                        yield sd == 0 ? Jitter.NONE : new Jitter.HalfNormal(sd);
                    }
                    case "lognormal" -> Jitter.LogNormal.fromMedianAndP99(
                            m.required("median", 1L, Quantities.DURATION_FORM, LinkSpecs::extraDelay),
                            m.required("p99", 2L, Quantities.DURATION_FORM, LinkSpecs::extraDelay));
                    case "pareto" -> new Jitter.Pareto(
                            m.required("scale", 1L, Quantities.DURATION_FORM, LinkSpecs::extraDelay),
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

    /** A jitter parameter: an extra delay the link can add to a packet. */
    private static long extraDelay(String text) {
        return Quantities.duration(text, Jitter.MAX_EXTRA_DELAY_NANOS);
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
