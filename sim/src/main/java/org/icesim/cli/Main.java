package org.icesim.cli;

import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(IcesimCommand.commandLine().execute(args));
    }
}
