package dev.termctl.cli;

import java.io.PrintWriter;

/** Entry point of the packaged command. The only place that calls System.exit. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Termctl.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }
}
