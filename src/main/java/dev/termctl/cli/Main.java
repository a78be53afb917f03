package dev.termctl.cli;

import java.io.PrintWriter;

/** Entry point of the packaged command. The only place that ends the JVM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Runner.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        // halt, not exit: both streams are flushed and termctl has no shutdown hooks, and since
        // JDK 21 System.exit first sets up a System.Logger to log the exit (~4 ms of a 45 ms run).
        Runtime.getRuntime().halt(code);
    }
}
