package dev.termctl.journal;

import dev.termctl.core.Term;
import dev.termctl.format.JsonMembers;
import dev.termctl.fs.JsonLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads a journal once through, to tell which writes completed; {@link Journal.Contents} then streams the entries. */
final class JournalReader {

    private JournalReader() {
    }

    /** The last entry seen of one term file, not yet known to be completed, and where it stands. */
    private static final class Last {
        Journal.Entry entry;
        int ordinal;
    }

    /** See {@link Journal#read}. */
    static Journal.Contents read(Path path, List<String> files, Consumer<Journal.Entry> observer,
            Function<Path, Term> current) {
        Path besideJournal = path.toAbsolutePath().getParent();
        JsonLines in = JsonLines.open(path, "the journal");
        try {
            Map<String, Last> last = new HashMap<>();
            BitSet incomplete = new BitSet();
            List<Integer> damaged = new ArrayList<>();
            int damagedCount = 0;
            String firstDamage = null;
            String torn = null;
            int ordinal = 0;
            JsonMembers.Damage[] why = new JsonMembers.Damage[1];
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.blank()) {
                    continue;
                }
                Journal.Entry e = entry(line.bytes(), why);
                if (e == null && !line.terminated()) {
                    torn = in.name() + " line " + line.number();
                } else if (e == null) {
                    if (damaged.size() < 10) {
                        damaged.add(line.number());
                    }
                    if (damagedCount++ == 0) {
                        firstDamage = "line " + line.number() + ": " + why[0].describe();
                    }
                } else if (files == null || files.contains(e.file())) {
                    Last previous = last.get(e.file());
                    if (previous == null) {
                        if (last.size() == Journal.MAX_FILES) {
                            throw JournalFailure.TooManyFiles.of(in.name(), Journal.MAX_FILES, line.number());
                        }
                        previous = new Last();
                        last.put(e.file(), previous);
                    } else {
                        // A repair's entry has no "before" (the file was unreadable): nothing to compare.
                        boolean completed = e.before() == null || previous.entry.after().equals(e.before());
                        if (!completed) {
                            incomplete.set(previous.ordinal);
                        }
                        if (observer != null) {
                            observer.accept(withCompleted(previous.entry, completed));
                        }
                    }
                    previous.entry = e;
                    previous.ordinal = ordinal++;
                }
            }
            for (Map.Entry<String, Last> l : last.entrySet()) {
                Journal.Entry e = l.getValue().entry;
                boolean completed = true;
                // Only a term file the caller named, or one beside the journal, is read: the journal's
                // lines are data, and as root a planted line must not make termctl read (and hint at)
                // a file nobody named.
                Path named = Path.of(l.getKey());
                if (files != null ? files.contains(l.getKey()) : besideJournal.equals(named.getParent())) {
                    try {
                        Term now = current.apply(named);
                        completed = !now.isBefore(e.after());
                    } catch (RuntimeException ignored) {
                        // The file is gone or unreadable: nothing to compare with.
                    }
                }
                if (!completed) {
                    incomplete.set(l.getValue().ordinal);
                }
                if (observer != null) {
                    observer.accept(withCompleted(e, completed));
                }
            }
            return new Journal.Contents(in, files, in.position(), ordinal, incomplete, torn, damaged, damagedCount,
                    firstDamage);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The entry a line holds, or null (with why, when {@code why} is given). */
    static Journal.Entry entry(byte[] line, JsonMembers.Damage[] why) {
        try {
            Map<String, String> f = JsonMembers.members(line);
            String file = f.get("file");
            if (f.get("after") == null || file == null) {
                throw new JsonMembers.Damage("it has no \"file\" or no \"after\"", 0);
            }
            if (file.isEmpty() || file.length() > Journal.MAX_PATH
                    || file.getBytes(StandardCharsets.UTF_8).length > Journal.MAX_PATH) {
                throw new JsonMembers.Damage("its \"file\" is not a path (empty, or longer than " + Journal.MAX_PATH
                        + " bytes)", 0);
            }
            Term after;
            Term before;
            try {
                after = Term.parse(f.get("after"));
                before = f.get("before") == null ? null : Term.parse(f.get("before"));
            } catch (IllegalArgumentException e) {
                throw new JsonMembers.Damage("its \"before\" or \"after\" is not a term", 0);
            }
            String user = f.get("user");
            String effective = f.containsKey("effective_user") ? f.get("effective_user") : user;
            return new Journal.Entry(f.get("time"), user, effective, f.get("host"), file, f.get("command"), before, after,
                    f.get("reason"), true);
        } catch (JsonMembers.Damage e) {
            if (why != null) {
                why[0] = e;
            }
            return null;
        }
    }

    static Journal.Entry withCompleted(Journal.Entry e, boolean completed) {
        return new Journal.Entry(e.time(), e.user(), e.effectiveUser(), e.host(), e.file(), e.command(), e.before(),
                e.after(), e.reason(), completed);
    }
}
