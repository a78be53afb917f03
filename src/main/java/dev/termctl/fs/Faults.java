package dev.termctl.fs;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Test-only fault injection at the named steps of the file discipline, for the reliability suite
 * (docs/reliability.md). Off unless the hidden system property {@code termctl.faults} is set, as
 * {@code STEP=ACTION[,STEP=ACTION...]}: ACTION is {@code fail} (an I/O error), {@code short} (at
 * write_temp: half the bytes, then "no space left"), {@code pause:MILLIS} (to widen a window), or
 * {@code wait}: print "termctl: fault plan: paused at STEP" on stderr and wait for a line on standard
 * input, so a test acts (a kill, a swap) at exactly that point and then lets the run go on. Not a user interface: it is documented for contributors only. When off,
 * each step costs one check of an empty map.
 */
public final class Faults {

    /** The steps of a read and of a write, in order (docs/reliability.md lists them; FaultsDocTest checks). */
    public enum Step { READ, RESOLVED, LOCKED, CREATE_TEMP, WRITE_TEMP, FSYNC_TEMP, RENAME, FSYNC_DIR }

    /** The actions a plan may name, as written (pause takes its milliseconds: pause:MILLIS). */
    enum Action {
        FAIL, SHORT, PAUSE, WAIT;

        /** How a plan names it. */
        String syntax() {
            return this == PAUSE ? "pause:MILLIS" : name().toLowerCase(Locale.ROOT);
        }

        /** The action {@code text} names, or null. */
        static Action of(String text) {
            for (Action a : values()) {
                if (a == PAUSE ? text.matches("pause:[0-9]+") : text.equals(a.syntax())) {
                    return a;
                }
            }
            return null;
        }
    }

    static final Faults NONE = new Faults(new EnumMap<>(Step.class));

    private final Map<Step, String> actions;

    private Faults(Map<Step, String> actions) {
        this.actions = actions;
    }

    /** The faults named by the {@code termctl.faults} system property, or none. */
    public static Faults fromSystemProperty() {
        String spec = System.getProperty("termctl.faults");
        return spec == null || spec.isEmpty() ? NONE : parse(spec);
    }

    public static Faults parse(String spec) {
        Map<Step, String> actions = new EnumMap<>(Step.class);
        for (String item : spec.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("termctl.faults: expected STEP=ACTION, got '" + item + "'");
            }
            String action = item.substring(eq + 1);
            if (Action.of(action) == null) {
                throw new IllegalArgumentException("termctl.faults: unknown action '" + action + "'");
            }
            actions.put(Step.valueOf(item.substring(0, eq).toUpperCase(Locale.ROOT)), action);
        }
        return new Faults(actions);
    }

    /** Acts out the fault planned for {@code step}, if any. */
    public void at(Step step) throws IOException {
        if (actions.isEmpty()) {
            return;
        }
        String action = actions.get(step);
        if (action == null || action.equals("short")) {
            return;
        }
        if (action.equals("fail")) {
            throw new IOException("injected fault at " + step.name().toLowerCase(Locale.ROOT));
        }
        if (action.equals("wait")) {
            System.err.println("termctl: fault plan: paused at " + step.name().toLowerCase(Locale.ROOT));
            System.err.flush();
            while (true) {
                int c = System.in.read();
                if (c == '\n' || c < 0) {
                    return;
                }
            }
        }
        try {
            Thread.sleep(Long.parseLong(action.substring("pause:".length())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when the write of the temp file should stop half way, as on a full disk. */
    boolean shortWrite() {
        return !actions.isEmpty() && "short".equals(actions.get(Step.WRITE_TEMP));
    }
}
