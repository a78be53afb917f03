package dev.termctl.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Resolves a path one component at a time from "/", never letting the kernel follow a link on its
 * own, to the open directory ({@link NodeDir}) that holds the file it names. As root it refuses
 * what systemd's chase() with CHASE_SAFE refuses: a step from a directory or link owned by one
 * account (not root) to a file, link or directory owned by another. So the service account that
 * owns a node's directory can lead root only to its own files, never to root's or anyone else's.
 */
public final class Chase {

    private static final int MAX_LINKS = 40;

    private Chase() {
    }

    /**
     * Where a path led: the open directory holding the final file, the file's name there (null for
     * none: the path named "/"), and the file's facts (null when no such file exists).
     *
     * @param throughLink whether a symbolic link at the end of the path was followed to get here
     */
    public record Leaf(NodeDir dir, Path name, FileFacts facts, boolean throughLink) {
        /** The file's path, as resolved: for messages and reports. */
        public Path path() {
            return dir.path().resolve(name);
        }
    }

    /**
     * Resolves {@code given} (made absolute) one component at a time; see the class comment. Links
     * in the middle and at the end are followed within the rules; a missing last component is a
     * leaf with no facts; a missing directory, a directory or other non-file at the end, and an
     * unsafe step as root are refused.
     */
    public static Leaf chase(Path given) {
        try {
            // By name while names are short: a look (lstat) per component, and one open at the end,
            // checked to be the directory the looks approved, however the names changed in between.
            return chase(given, new ByName(Path.of("/")));
        } catch (NameTooLong e) {
            // Past PATH_MAX the kernel takes no name: walk open directory to open directory.
            return chase(given, NodeDir.openRoot());
        }
    }

    private static Leaf chase(Path given, Cursor start) {
        Path abs = given.toAbsolutePath();
        boolean root = FileFacts.root();
        Deque<Path> todo = new ArrayDeque<>();
        for (Path part : abs) {
            todo.add(part);
        }
        if (todo.isEmpty()) {
            start.close();
            throw FileFailure.Refused.of(FileFailure.Refused.Why.DIRECTORY, Path.of("/"));
        }
        Cursor cur = start;
        FileFacts trust = cur.facts();
        Path trustPath = cur.real();
        int links = 0;
        boolean throughLink = false;
        try {
            while (true) {
                Path c = todo.pollFirst();
                boolean last = todo.isEmpty();
                String name = c.toString();
                if (name.equals(".") || name.equals("..")) {
                    if (last) {
                        throw FileFailure.Refused.of(FileFailure.Refused.Why.DIRECTORY, cur.real().resolve(c));
                    }
                    if (name.equals("..")) {
                        Cursor up = cur.up();
                        cur = up;
                        if (root) {
                            safeStep(trustPath, trust, up.real(), up.facts());
                        }
                        trust = up.facts();
                        trustPath = up.real();
                    }
                    continue;
                }
                FileFacts f = cur.lstat(c);
                Path here = cur.real().resolve(c);
                if (f == null) {
                    if (last) {
                        return leaf(cur, c, null, throughLink);
                    }
                    throw FileFailure.NotFound.directory(here);
                }
                if (root) {
                    safeStep(trustPath, trust, here, f);
                }
                if (f.link()) {
                    if (++links > MAX_LINKS) {
                        throw FileFailure.Refused.of(FileFailure.Refused.Why.TOO_MANY_LINKS, given);
                    }
                    Path target = cur.readLink(c);
                    trust = f;
                    trustPath = here;
                    throughLink = last || throughLink;
                    List<Path> parts = new ArrayList<>();
                    for (Path part : target) {
                        parts.add(part);
                    }
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.addFirst(parts.get(i));
                    }
                    if (target.isAbsolute()) {
                        cur = cur.top();
                        if (root) {
                            safeStep(trustPath, trust, cur.real(), cur.facts());
                        }
                        trust = cur.facts();
                        trustPath = cur.real();
                    } else if (parts.isEmpty()) {
                        throw FileFailure.Refused.of(FileFailure.Refused.Why.EMPTY_LINK, here);
                    }
                    continue;
                }
                if (f.directory()) {
                    if (last) {
                        throw FileFailure.Refused.of(FileFailure.Refused.Why.DIRECTORY, here);
                    }
                    cur = cur.down(c, f, here);
                    trust = f;
                    trustPath = here;
                    continue;
                }
                if (!last) {
                    throw FileFailure.Refused.notADirectory(here, given);
                }
                return leaf(cur, c, f, throughLink);
            }
        } catch (RuntimeException e) {
            cur.close();
            throw e;
        }
    }

    /**
     * Opens the regular file {@code given} for reading as {@link #chase} resolves it: never through a
     * link at its name, only a regular file, and as root only one its directory's owner owns (or
     * any, in root's directory). Null when it does not exist. {@code label} names it ("the journal").
     */
    static FileChannel openRegular(Path given, String label) {
        Leaf leaf = chase(given);
        try {
            Path file = leaf.path();
            if (leaf.facts() == null) {
                return null;
            }
            if (!leaf.facts().regular()) {
                throw FileFailure.Refused.notRegular(file, label, leaf.facts().fileType());
            }
            FileChannel ch;
            try {
                ch = leaf.dir().open(leaf.name(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
                        leaf.facts());
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.READ, label, file, e);
            }
            try {
                FileFacts opened = Descriptors.stat(ch);
                leaf.dir().requireOwnedHere(file, opened);
                return ch;
            } catch (IOException e) {
                NodeDir.closeQuietly(ch);
                throw FileFailure.Io.of(FileFailure.Io.Op.READ, label, file, e);
            } catch (RuntimeException e) {
                NodeDir.closeQuietly(ch);
                throw e;
            }
        } finally {
            leaf.dir().close();
        }
    }

    private static Leaf leaf(Cursor cur, Path name, FileFacts facts, boolean throughLink) {
        return new Leaf(cur.open(), name, facts, throughLink);
    }

    /** Past PATH_MAX: the resolution starts again from an open "/" and goes on by handle. */
    static final class NameTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameTooLong() {
            super(null, null, false, false);
        }
    }

    /**
     * Refuses, as root, a step from {@code from} (a directory or link not owned by root) to
     * {@code to} owned by another account: systemd's unsafe_transition().
     */
    private static void safeStep(Path fromPath, FileFacts from, Path toPath, FileFacts to) {
        if (from.uid() != 0 && from.uid() != to.uid()) {
            throw FileFailure.Refused.unsafeStep(toPath, to, fromPath, from);
        }
    }
}
