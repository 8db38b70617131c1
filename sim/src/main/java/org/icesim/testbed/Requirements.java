package org.icesim.testbed;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the testbed needs on this machine: root, and the programs of the Debian packages it names. */
public final class Requirements {

    /** Program → Debian package, for every stack. */
    private static final Map<String, String> COMMON = commonTools();

    private Requirements() {
    }

    private static Map<String, String> commonTools() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("ip", "iproute2");
        tools.put("iptables", "iptables");
        tools.put("conntrack", "conntrack");
        tools.put("turnserver", "coturn");
        tools.put("gcc", "gcc");
        return tools;
    }

    /** What records the packets of {@code --capture}, and the Debian package that brings it. */
    static final String CAPTURE_PROGRAM = "dumpcap";
    static final String CAPTURE_PACKAGE = "tshark";

    /** Headers the delay helper is built with. */
    static final Path NFQUEUE_HEADER = Path.of("/usr/include/libnetfilter_queue/libnetfilter_queue.h");
    static final Path PION_SOURCES = Path.of("/usr/share/gocode/src/github.com/pion/webrtc");

    /**
     * @param capture whether the peers' packets are recorded ({@code icesim testbed --capture})
     * @return nothing if everything is there; else a message naming what is missing and the
     *         command that installs it
     */
    public static List<String> missing(Stack stack, boolean capture, boolean root, List<String> path) {
        List<String> problems = new ArrayList<>();
        if (!root) {
            problems.add("the testbed builds network namespaces and firewall rules, so it must run as root (sudo)");
        }
        Set<String> packages = new LinkedHashSet<>();
        COMMON.forEach((program, pkg) -> {
            if (!onPath(program, path)) {
                packages.add(pkg);
            }
        });
        if (!Files.isRegularFile(NFQUEUE_HEADER)) {
            packages.add("libnetfilter-queue-dev");
        }
        if (!onPath(stack.program(), path)) {
            packages.addAll(stack.packages());
        }
        if (capture && !onPath(CAPTURE_PROGRAM, path)) {
            packages.add(CAPTURE_PACKAGE);
        }
        if (stack == Stack.PION && !Files.isDirectory(PION_SOURCES)) {
            packages.add("golang-github-pion-webrtc.v3-dev");
        }
        if (!packages.isEmpty()) {
            problems.add("missing Debian packages: " + String.join(" ", packages) + "; install them with: apt-get install -y "
                    + String.join(" ", packages));
        }
        return problems;
    }

    public static List<String> systemPath() {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        List<String> directories = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        // iptables and friends live in sbin, which a user's PATH may leave out.
        directories.addAll(List.of("/usr/sbin", "/sbin"));
        return directories;
    }

    static boolean onPath(String program, List<String> path) {
        return path.stream().anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    /** Whether this process runs as root (the owner of /proc/self is uid 0). */
    public static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
