package org.icesim.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the testbed's native parts from the sources kept in the repository (resources under
 * {@code org/icesim/testbed/}) into a cache directory, once per source version: the NFQUEUE
 * delay helper (gcc + libnetfilter_queue) and the pion peer (Go, offline, in GOPATH mode against
 * Debian's pion sources, as testbed-notes.md describes).
 */
public final class Builds {

    private static final String RESOURCES = "/org/icesim/testbed/";
    private static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");

    private final Path cache;
    private final Processes processes;

    public Builds(Path cache, Processes processes) {
        this.cache = cache;
        this.processes = processes;
    }

    public Path nfqdelay() throws TestbedException, InterruptedException {
        byte[] source = resource("nfqdelay/nfqdelay.c");
        Path binary = cache.resolve("nfqdelay-" + hash(source));
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            Files.createDirectories(cache);
            Path c = cache.resolve("nfqdelay.c");
            Files.write(c, source);
            Path partial = cache.resolve("nfqdelay.partial");
            processes.run(List.of("gcc", "-O2", "-Wall", "-o", partial.toString(), c.toString(), "-lnetfilter_queue",
                    "-lnfnetlink", "-lm"));
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (IOException e) {
            throw new TestbedException("cannot build the delay helper in " + cache + ": " + e.getMessage(), e);
        }
    }

    public Path pion() throws TestbedException, InterruptedException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : pionFiles()) {
            files.put(name, resource("pion/" + name));
        }
        if (!files.containsKey("main.go") || !files.containsKey("go.mod")) {
            throw new TestbedException("this build of icesim lacks the pion peer's main.go and go.mod under " + RESOURCES + "pion/");
        }
        byte[] all = new byte[0];
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            all = concat(concat(all, file.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8)), file.getValue());
        }
        String version = hash(all);
        Path binary = cache.resolve("pion-peer-" + version);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Path gopath = cache.resolve("gopath-" + version);
        Path sources = gopath.resolve("src").resolve("icesimpion");
        try {
            Files.createDirectories(sources);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(sources.resolve(file.getKey()), file.getValue());
            }
            Path partial = cache.resolve("pion-peer.partial");
            processes.run(List.of("env", "GO111MODULE=off", "GOPATH=" + gopath + ":" + DEBIAN_GOPATH, "GOPROXY=off",
                    "GOFLAGS=", "GOCACHE=" + cache.resolve("gocache"), "go", "build", "-o", partial.toString(), "icesimpion"));
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (IOException e) {
            throw new TestbedException("cannot build the pion peer in " + cache + ": " + e.getMessage(), e);
        }
    }

    /** The pion peer's source files (*.go and go.mod), from the class path's directory or jar. */
    private static List<String> pionFiles() throws TestbedException {
        try {
            java.net.URL url = Builds.class.getResource(RESOURCES + "pion/");
            if (url == null) {
                throw new TestbedException("this build of icesim lacks the pion peer (" + RESOURCES + "pion/)");
            }
            java.net.URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of());
                        java.util.stream.Stream<Path> list = Files.list(jar.provider().getPath(uri))) {
                    return list.map(p -> p.getFileName().toString().replace("/", "")).filter(Builds::isPionSource).toList();
                }
            }
            try (java.util.stream.Stream<Path> list = Files.list(Path.of(uri))) {
                return list.map(p -> p.getFileName().toString()).filter(Builds::isPionSource).toList();
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new TestbedException("cannot list the pion peer's sources: " + e.getMessage(), e);
        }
    }

    private static boolean isPionSource(String name) {
        return name.endsWith(".go") || name.equals("go.mod");
    }

    private static byte[] resource(String name) throws TestbedException {
        try (InputStream in = Builds.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new TestbedException("this build of icesim lacks " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TestbedException("cannot read " + RESOURCES + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
