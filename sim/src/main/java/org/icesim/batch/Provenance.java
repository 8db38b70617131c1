package org.icesim.batch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where results come from: the icesim version and git commit, the host and the command line.
 *
 * @param gitCommit the commit of the code that runs, with {@code -dirty} if it has uncommitted
 *                  changes; null when unknown (no git, or not run from a checkout)
 */
public record Provenance(String version, String gitCommit, String host, List<String> commandLine) {

    public Provenance {
        commandLine = List.copyOf(commandLine);
    }

    /** Finds the commit and host of this process. */
    public static Provenance detect(String version, List<String> commandLine) {
        return new Provenance(version, currentCommit(), localHost(), commandLine);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null ? fromEnvironment : "unknown";
        }
    }

    /** Asks git about the directory the icesim classes were loaded from (the checkout's target/ or jar). */
    private static String currentCommit() {
        try {
            Path code = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path directory = Files.isDirectory(code) ? code : code.getParent();
            String commit = git(directory, "rev-parse", "HEAD");
            if (commit == null || commit.isEmpty()) {
                return null;
            }
            String changes = git(directory, "status", "--porcelain", "--untracked-files=no");
            return changes == null || changes.isEmpty() ? commit : commit + "-dirty";
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String git(Path directory, String... arguments) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
